//! What the CLI prints: human-readable lines and tables by default, one
//! JSON document with `--json` (stdout stays machine-readable; progress goes
//! to stderr in both modes). Every transaction is shown with its hash,
//! block, gas used and decoded events.

use serde_json::{json, Map, Value};

use crate::client::Sent;
use crate::events;

/// Collects or prints a command's output.
pub struct Output {
    /// One JSON document at the end instead of human output.
    pub json: bool,
    txs: Vec<Value>,
    fields: Map<String, Value>,
}

impl Output {
    /// Output in human (`json = false`) or JSON form.
    pub fn new(json: bool) -> Self {
        Self {
            json,
            txs: vec![],
            fields: Map::new(),
        }
    }

    /// A step of a multi-step command, on stderr: `[2/5] deploying ...`.
    pub fn progress(&self, step: usize, total: usize, what: &str) {
        eprintln!("[{step}/{total}] {what}");
    }

    /// A line of human output (nothing in JSON mode).
    pub fn line(&self, text: impl AsRef<str>) {
        if !self.json {
            println!("{}", text.as_ref());
        }
    }

    /// A result field of the JSON document (nothing in human mode).
    pub fn field(&mut self, key: &str, value: Value) {
        self.fields.insert(key.to_string(), value);
    }

    /// A mined transaction and its decoded events.
    pub fn tx(&mut self, what: &str, sent: &Sent) {
        let named: Vec<(String, events::Named)> = sent
            .receipt
            .inner
            .logs()
            .iter()
            .map(|l| (l.address().to_string(), events::name(&l.inner)))
            .collect();
        if self.json {
            self.txs.push(json!({
                "what": what,
                "hash": sent.hash.to_string(),
                "block": sent.block,
                "gas_used": sent.gas_used,
                "events": named.iter().map(|(address, n)| json!({
                    "address": address,
                    "name": n.name,
                    "text": n.text,
                })).collect::<Vec<_>>(),
            }));
        } else {
            println!(
                "{what}: tx {} block {} gas {}",
                sent.hash, sent.block, sent.gas_used
            );
            for (_, n) in named {
                println!("  event {}", n.text);
            }
        }
    }

    /// A table of human output: header row, then rows, columns padded.
    pub fn table(&self, header: &[&str], rows: &[Vec<String>]) {
        if self.json {
            return;
        }
        let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                if i < widths.len() {
                    widths[i] = widths[i].max(cell.len());
                }
            }
        }
        let render = |cells: Vec<&str>| {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        println!("{}", render(header.to_vec()));
        for row in rows {
            println!("{}", render(row.iter().map(String::as_str).collect()));
        }
    }

    /// Ends the command: prints the JSON document in JSON mode.
    pub fn finish(self) {
        if self.json {
            let mut doc = self.fields;
            doc.insert("transactions".into(), Value::Array(self.txs));
            println!("{}", Value::Object(doc));
        }
    }
}
