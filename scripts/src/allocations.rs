//! The subscription allocation file (`sto issue --allocations FILE.csv`):
//! its format, and the validation of the whole file before anything is
//! sent.
//!
//! Format (`data/allocations-office-fund.csv`): UTF-8 CSV, one header line
//! exactly `institution,account,category,partition,units,trust_property`,
//! then one line per allocation: the account-management institution's
//! code, the account number there, the holder category (`individual`,
//! `corporate`, `issuer-own`), the partition name, the units (a positive
//! amount in token units, decimals up to the token's), and `Y`/`N` for
//! trust property. Fields are plain (no quoting: codes, account numbers
//! and partition names have no commas). Blank lines are refused like any
//! other malformed line.
//!
//! Validation reports every bad line with its line number (the header is
//! line 1): wrong field count, empty codes, unknown category, partition
//! not known to the token, non-numeric, zero or negative units, a bad
//! trust flag, an account listed twice for one partition or under two
//! categories, a line over [`MAX_LINE`] bytes, and (when given) a total
//! that differs from the planned quantity.

use std::collections::BTreeMap;

use alloy::primitives::{Address, B256, U256};
use sto_abi::derivation::{category_from_name, category_name, holder_address};

use crate::units;

/// The header the file must start with.
pub const HEADER: &str = "institution,account,category,partition,units,trust_property";

/// Longest line accepted, in bytes.
pub const MAX_LINE: usize = 1024;

/// Largest amount the token accepts (2^120 - 1 base units).
pub fn max_amount() -> U256 {
    (U256::from(1) << 120) - U256::from(1)
}

/// One validated allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Line number in the file (header = 1).
    pub line: usize,
    /// Account-management institution code.
    pub institution: String,
    /// Account number at the institution.
    pub account: String,
    /// Holder category (1..=3).
    pub category: u8,
    /// Partition name as written.
    pub partition_name: String,
    /// Partition.
    pub partition: B256,
    /// Units in base units.
    pub units: U256,
    /// Trust property.
    pub trust: bool,
    /// Ledger address (R17 rule v1).
    pub holder: Address,
}

/// A whole file, validated.
#[derive(Debug, Clone)]
pub struct Allocations {
    /// Every allocation, in file order.
    pub rows: Vec<Allocation>,
    /// Total units.
    pub total: U256,
}

impl Allocations {
    /// SHA-256 of the parsed content (header, then every row rebuilt from
    /// its parsed fields, units in base units, `\n` line ends): what the
    /// exactly-once batch ids are keyed on, so that line ends, a BOM or
    /// spaces around fields do not make the same allocations a new issue.
    pub fn content_sha256(&self) -> B256 {
        let mut text = String::from(HEADER);
        for r in &self.rows {
            text.push('\n');
            text.push_str(&format!(
                "{},{},{},{},{},{}",
                r.institution,
                r.account,
                category_name(r.category),
                r.partition_name,
                r.units,
                if r.trust { "Y" } else { "N" }
            ));
        }
        crate::issuance::sha256(text.as_bytes())
    }

    /// Units per partition name.
    pub fn by_partition(&self) -> BTreeMap<String, U256> {
        let mut out = BTreeMap::new();
        for r in &self.rows {
            *out.entry(r.partition_name.clone()).or_default() += r.units;
        }
        out
    }

    /// Units per category name.
    pub fn by_category(&self) -> BTreeMap<&'static str, U256> {
        let mut out = BTreeMap::new();
        for r in &self.rows {
            *out.entry(category_name(r.category)).or_default() += r.units;
        }
        out
    }
}

/// What the file is checked against.
pub struct Rules<'a> {
    /// The token's decimals.
    pub decimals: u8,
    /// Partitions the token knows (name, bytes32).
    pub partitions: &'a [B256],
    /// The planned quantity, in base units, when known.
    pub planned: Option<U256>,
}

/// Parses and validates `text` (the file's contents).
///
/// # Errors
/// Every problem found, one message per bad line (`line N: ...`), in file
/// order.
pub fn parse(text: &str, rules: &Rules) -> Result<Allocations, Vec<String>> {
    let mut errors = vec![];
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)));
    match lines.next() {
        None | Some((_, "")) if text.trim().is_empty() => {
            return Err(vec![format!(
                "line 1: the file is empty (expected the header {HEADER:?})"
            )]);
        }
        Some((_, header)) if header.trim_start_matches('\u{feff}') == HEADER => {}
        Some((_, header)) => errors.push(format!(
            "line 1: the header is {:?}, expected {HEADER:?}",
            shorten(header)
        )),
        None => unreachable!("split yields at least one item"),
    }
    let mut rows = vec![];
    let mut seen: BTreeMap<(String, String, B256), usize> = BTreeMap::new();
    let mut categories: BTreeMap<(String, String), (u8, usize)> = BTreeMap::new();
    let mut total = U256::ZERO;
    let all: Vec<(usize, &str)> = lines.collect();
    let last = all.len();
    for (k, (n, line)) in all.into_iter().enumerate() {
        if line.is_empty() && k + 1 == last {
            break; // the final newline
        }
        match parse_line(n, line, rules) {
            Ok(row) => {
                let key = (row.institution.clone(), row.account.clone(), row.partition);
                if let Some(first) = seen.insert(key, n) {
                    errors.push(format!(
                        "line {n}: account {} at {} is already allocated in partition {} on line {first}",
                        row.account, row.institution, row.partition_name
                    ));
                    continue;
                }
                let account = (row.institution.clone(), row.account.clone());
                match categories.get(&account) {
                    Some((c, first)) if *c != row.category => {
                        errors.push(format!(
                            "line {n}: account {} at {} is {} here but {} on line {first}",
                            row.account,
                            row.institution,
                            category_name(row.category),
                            category_name(*c)
                        ));
                        continue;
                    }
                    Some(_) => {}
                    None => {
                        categories.insert(account, (row.category, n));
                    }
                }
                total += row.units;
                rows.push(row);
            }
            Err(e) => errors.push(format!("line {n}: {e}")),
        }
    }
    if errors.is_empty() && rows.is_empty() {
        errors.push("line 2: no allocation after the header".into());
    }
    if let Some(planned) = rules.planned {
        if errors.is_empty() && total != planned {
            errors.push(format!(
                "total: the file allocates {} units, the issue plans {}",
                units::format_amount(total, rules.decimals),
                units::format_amount(planned, rules.decimals)
            ));
        }
    }
    if errors.is_empty() {
        Ok(Allocations { rows, total })
    } else {
        Err(errors)
    }
}

/// The first 60 characters of `s`, for messages about long input.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(60).collect::<String>())
    }
}

fn parse_line(n: usize, line: &str, rules: &Rules) -> Result<Allocation, String> {
    if line.len() > MAX_LINE {
        return Err(format!(
            "the line is {} bytes long (at most {MAX_LINE})",
            line.len()
        ));
    }
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    if fields.len() != 6 {
        return Err(format!(
            "{} fields, expected 6 ({HEADER}): {:?}",
            fields.len(),
            shorten(line)
        ));
    }
    let (institution, account, category, partition, amount, trust) = (
        fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
    );
    if institution.is_empty() || account.is_empty() {
        return Err("the institution and the account must not be empty".into());
    }
    let category = category_from_name(category).ok_or_else(|| {
        format!("unknown category {category:?} (expected individual, corporate or issuer-own)")
    })?;
    let partition_b = units::partition(partition).map_err(|e| e.to_string())?;
    if !rules.partitions.contains(&partition_b) {
        let known: Vec<String> = rules
            .partitions
            .iter()
            .map(|p| units::partition_name(*p))
            .collect();
        return Err(format!(
            "partition {partition:?} is not known to the token (known: {})",
            known.join(", ")
        ));
    }
    if amount.starts_with('-')
        && amount
            .trim_start_matches('-')
            .chars()
            .any(|c| c != '0' && c != '.')
    {
        return Err(format!("units {amount:?} are negative"));
    }
    let value = units::amount(amount, rules.decimals)
        .map_err(|e| format!("units {amount:?} are not an amount: {e}"))?;
    if value.is_zero() {
        return Err("units must be more than zero".into());
    }
    if value > max_amount() {
        return Err(format!(
            "units {amount:?} exceed the token's limit of 2^120 - 1 base units"
        ));
    }
    if amount.ends_with('.') {
        return Err(format!("units {amount:?} end with a decimal point"));
    }
    if fields.iter().any(|f| f.contains('"')) {
        return Err(
            "quoted fields are not part of the format (codes and numbers have no commas)".into(),
        );
    }
    let trust = match trust {
        "Y" => true,
        "N" => false,
        other => return Err(format!("trust_property {other:?} is not Y or N")),
    };
    Ok(Allocation {
        line: n,
        institution: institution.to_string(),
        account: account.to_string(),
        category,
        partition_name: partition.to_string(),
        partition: partition_b,
        units: value,
        trust,
        holder: holder_address(institution, account, category),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str) -> B256 {
        units::partition(name).unwrap()
    }

    fn check(text: &str, planned: Option<u64>) -> Result<Allocations, Vec<String>> {
        let parts = [p("general"), p("lockup-6m")];
        parse(
            text,
            &Rules {
                decimals: 0,
                partitions: &parts,
                planned: planned.map(U256::from),
            },
        )
    }

    const GOOD: &str = "institution,account,category,partition,units,trust_property\n\
        KSA01,990-00-000001,issuer-own,lockup-6m,50000,N\n\
        KSC03,806-97-257739,corporate,general,7114,Y\n";

    #[test]
    fn the_shared_file_parses_with_its_totals() {
        let text = include_str!("../../data/allocations-office-fund.csv");
        let a = check(text, Some(1_000_000)).unwrap();
        assert_eq!(a.rows.len(), 313);
        assert_eq!(a.total, U256::from(1_000_000));
        assert_eq!(
            a.by_category()["individual"]
                + a.by_category()["corporate"]
                + a.by_category()["issuer-own"],
            a.total
        );
        assert_eq!(a.by_partition()["lockup-6m"], U256::from(50_000));
        assert_eq!(a.rows.iter().filter(|r| r.trust).count(), 3);
        assert_eq!(
            a.rows[0].holder,
            holder_address("KSA01", "990-00-000001", 3),
            "addresses follow rule v1"
        );
    }

    #[test]
    fn cosmetic_changes_keep_the_content_hash_and_real_ones_change_it() {
        let a = check(GOOD, None).unwrap().content_sha256();
        let crlf = GOOD.replace('\n', "\r\n");
        let spaced = GOOD.replace("KSA01,", "KSA01 , ").replace(",N\n", " ,N \n");
        let bom = format!("\u{feff}{GOOD}");
        for text in [crlf.as_str(), spaced.as_str(), bom.as_str()] {
            assert_eq!(check(text, None).unwrap().content_sha256(), a);
        }
        let other = GOOD.replace("7114", "7115");
        assert_ne!(check(&other, None).unwrap().content_sha256(), a);
        let e = check(
            &format!("{HEADER}\nKSA01,1,individual,general,{},N\n", U256::MAX),
            None,
        )
        .unwrap_err();
        assert!(e[0].contains("exceed the token's limit"), "{e:?}");
        let e = check(
            &format!("{HEADER}\n\"KSA01\",1,individual,general,1,N\n"),
            None,
        )
        .unwrap_err();
        assert!(e[0].contains("quoted fields"), "{e:?}");
        let e = check(
            &format!("{HEADER}\nKSA01,1,individual,general,5.,N\n"),
            None,
        )
        .unwrap_err();
        assert!(e[0].contains("decimal point"), "{e:?}");
    }

    #[test]
    fn a_good_file_gives_rows_in_order_with_line_numbers() {
        let a = check(GOOD, Some(57_114)).unwrap();
        assert_eq!(a.rows[1].line, 3);
        assert_eq!((a.rows[1].category, a.rows[1].trust), (2, true));
    }

    #[test]
    fn each_malformed_file_is_refused_with_its_line_numbers() {
        let bad = |text: &str| check(text, None).unwrap_err();
        assert_eq!(
            bad(""),
            vec![format!(
                "line 1: the file is empty (expected the header {HEADER:?})"
            )]
        );
        assert!(bad("inst,acct\nKSA01,1,individual,general,1,N\n")[0]
            .starts_with("line 1: the header is"));
        let e = bad(&format!("{HEADER}\nKSA01,1,individual,general,-5,N\n"));
        assert_eq!(e, vec!["line 2: units \"-5\" are negative".to_string()]);
        let e = bad(&format!("{HEADER}\nKSA01,1,retail,general,5,N\n"));
        assert!(
            e[0].starts_with("line 2: unknown category \"retail\""),
            "{e:?}"
        );
        let e = bad(&format!(
            "{HEADER}\nKSA01,1,individual,general,5,N\nKSA01,1,individual,general,7,N\n"
        ));
        assert_eq!(
            e,
            vec![
                "line 3: account 1 at KSA01 is already allocated in partition general on line 2"
                    .to_string()
            ]
        );
        let e = bad(&format!("{HEADER}\nKSA01,1,individual,general,five,N\n"));
        assert!(
            e[0].starts_with("line 2: units \"five\" are not an amount"),
            "{e:?}"
        );
        let e = bad(&format!("{HEADER}\nKSA01,1,individual,general,0,N\n"));
        assert_eq!(e, vec!["line 2: units must be more than zero".to_string()]);
        let e = bad(&format!(
            "{HEADER}\nKSA01,1,individual,general,1,N\nKSA01,{},individual,general,1,N\n",
            "9".repeat(1 << 20)
        ));
        assert_eq!(
            e,
            vec![format!(
                "line 3: the line is {} bytes long (at most {MAX_LINE})",
                (1 << 20) + 29
            )]
        );
        let e = bad(&format!("{HEADER}\nKSA01,1,individual,preferred,1,N\n"));
        assert!(
            e[0].contains(
                "partition \"preferred\" is not known to the token (known: general, lockup-6m)"
            ),
            "{e:?}"
        );
        let e = bad(&format!("{HEADER}\nKSA01,1,individual,general,1,maybe\n"));
        assert_eq!(
            e,
            vec!["line 2: trust_property \"maybe\" is not Y or N".to_string()]
        );
        let e = bad(&format!("{HEADER}\nKSA01,1,individual,general,1\n\nKSA01,2,corporate,general,1,N\nKSA01,2,individual,lockup-6m,1,N\n"));
        assert_eq!(e.len(), 3, "every bad line is reported: {e:?}");
        assert!(e[0].starts_with("line 2: 5 fields"));
        assert!(e[1].starts_with("line 3: 1 fields"));
        assert_eq!(
            e[2],
            "line 5: account 2 at KSA01 is individual here but corporate on line 4"
        );
        assert_eq!(
            bad(&format!("{HEADER}\n")),
            vec!["line 2: no allocation after the header".to_string()]
        );
        let e = check(GOOD, Some(1)).unwrap_err();
        assert_eq!(
            e,
            vec!["total: the file allocates 57114 units, the issue plans 1".to_string()]
        );
    }
}
