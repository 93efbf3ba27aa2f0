//! The [`Layout`] of one contract version: its fields in declaration order,
//! and its JSON form.

use crate::Slot;
use serde::{Deserialize, Serialize};
use std::{fmt, path::Path};

/// One field of a storage layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// Field name; nested struct fields use dotted paths (`roles.admin`).
    pub name: String,
    /// Slot holding the field (for mappings and vectors: their base slot).
    pub slot: Slot,
    /// Byte offset inside the slot, counted from the low-order end (Solidity's convention).
    pub offset: u8,
    /// Bytes the field occupies inside its slot (32 for whole-slot fields).
    pub bytes: u8,
    /// Solidity-style type (`address`, `uint256`, `mapping(address => uint256)`).
    #[serde(rename = "type")]
    pub ty: String,
}

impl Field {
    /// Position of the field's first byte, as one number over the whole
    /// storage: slots in order, bytes in packing order inside a slot.
    pub(crate) fn start(&self) -> (Slot, u8) {
        (self.slot, self.offset)
    }

    /// Position just past the field's last byte, comparable with [`Field::start`].
    pub(crate) fn end(&self) -> (Slot, u16) {
        (self.slot, u16::from(self.offset) + u16::from(self.bytes))
    }

    /// Whether both fields use at least one common byte.
    pub(crate) fn overlaps(&self, other: &Field) -> bool {
        self.slot == other.slot
            && u16::from(self.offset) < other.end().1
            && u16::from(other.offset) < self.end().1
    }
}

/// Storage layout of one version of one contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// Cargo package name of the contract (`security-token`).
    pub contract: String,
    /// Version the layout belongs to (`1.0.0`).
    pub version: String,
    /// Fields in declaration order.
    pub fields: Vec<Field>,
}

/// Why a layout file could not be used.
#[derive(Debug)]
pub enum LayoutError {
    /// The file could not be read or written.
    Io(std::io::Error),
    /// The text is not a layout.
    Json(serde_json::Error),
    /// The layout contradicts itself (see the messages).
    Invalid(Vec<String>),
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutError::Io(e) => write!(f, "layout file: {e}"),
            LayoutError::Json(e) => write!(f, "layout JSON: {e}"),
            LayoutError::Invalid(problems) => write!(f, "invalid layout: {}", problems.join("; ")),
        }
    }
}

impl std::error::Error for LayoutError {}

impl Layout {
    /// An empty layout, to be filled with [`Layout::field`].
    pub fn new(contract: &str, version: &str) -> Self {
        Layout {
            contract: contract.to_owned(),
            version: version.to_owned(),
            fields: Vec::new(),
        }
    }

    /// Appends a field at a small slot; the builder a contract's
    /// `storage_layout()` uses to declare its fields in source order.
    pub fn field(self, name: &str, slot: u64, offset: u8, bytes: u8, ty: &str) -> Self {
        self.field_at(name, Slot::from_u64(slot), offset, bytes, ty)
    }

    /// Appends a field at any slot (hashed or namespaced slots included).
    pub fn field_at(mut self, name: &str, slot: Slot, offset: u8, bytes: u8, ty: &str) -> Self {
        self.fields.push(Field {
            name: name.to_owned(),
            slot,
            offset,
            bytes,
            ty: ty.to_owned(),
        });
        self
    }

    /// Checks the layout against itself: unique names, widths of 1 to 32
    /// bytes that fit their slot, and no two fields sharing a byte.
    ///
    /// # Errors
    /// Every problem found, one message each.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        for (i, field) in self.fields.iter().enumerate() {
            if field.bytes == 0 || field.end().1 > 32 {
                problems.push(format!(
                    "field `{}` (offset {}, {} bytes) does not fit in one slot",
                    field.name, field.offset, field.bytes
                ));
            }
            for other in &self.fields[..i] {
                if other.name == field.name {
                    problems.push(format!("field `{}` is declared twice", field.name));
                } else if other.overlaps(field) {
                    problems.push(format!(
                        "fields `{}` and `{}` share bytes of slot {}",
                        other.name, field.name, field.slot
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Parses and validates a layout from JSON text.
    ///
    /// # Errors
    /// [`LayoutError::Json`] for malformed text, [`LayoutError::Invalid`]
    /// when [`Layout::validate`] fails.
    pub fn from_json(text: &str) -> Result<Self, LayoutError> {
        let layout: Layout = serde_json::from_str(text).map_err(LayoutError::Json)?;
        layout.validate().map_err(LayoutError::Invalid)?;
        Ok(layout)
    }

    /// Pretty JSON with a trailing newline, the form committed under
    /// `deployments/layouts/`.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a layout always serialises");
        text.push('\n');
        text
    }

    /// Reads and validates a layout file.
    ///
    /// # Errors
    /// As [`Layout::from_json`], plus [`LayoutError::Io`].
    pub fn load(path: &Path) -> Result<Self, LayoutError> {
        Layout::from_json(&std::fs::read_to_string(path).map_err(LayoutError::Io)?)
    }

    /// Writes the layout as [`Layout::to_json`].
    ///
    /// # Errors
    /// [`LayoutError::Io`].
    pub fn save(&self, path: &Path) -> Result<(), LayoutError> {
        std::fs::write(path, self.to_json()).map_err(LayoutError::Io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Layout {
        Layout::new("sample", "1")
            .field("owner", 0, 0, 20, "address")
            .field("paused", 0, 20, 1, "bool")
            .field("balances", 1, 0, 32, "mapping(address => uint256)")
    }

    #[test]
    fn json_round_trip_keeps_every_field() {
        let layout = sample();
        let text = layout.to_json();
        assert!(text.contains("\"type\": \"mapping(address => uint256)\""));
        assert!(text.contains("\"slot\": \"0x1\""));
        assert_eq!(Layout::from_json(&text).unwrap(), layout);
    }

    #[test]
    fn a_packed_layout_is_valid() {
        assert_eq!(sample().validate(), Ok(()));
    }

    #[test]
    fn overlapping_fields_are_reported() {
        let layout = sample().field("flag", 0, 19, 1, "bool");
        let problems = layout.validate().unwrap_err();
        assert_eq!(
            problems,
            vec!["fields `owner` and `flag` share bytes of slot 0x0"]
        );
    }

    #[test]
    fn fields_wider_than_their_slot_and_duplicates_are_reported() {
        let layout = sample()
            .field("wide", 2, 16, 17, "uint136")
            .field("owner", 3, 0, 20, "address");
        let problems = layout.validate().unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`wide`"));
        assert!(problems[1].contains("declared twice"));
    }

    #[test]
    fn from_json_refuses_an_invalid_layout() {
        let text = sample().field("clash", 1, 0, 32, "uint256").to_json();
        assert!(matches!(
            Layout::from_json(&text),
            Err(LayoutError::Invalid(_))
        ));
    }

    #[test]
    fn save_then_load_returns_the_same_layout() {
        let path = std::env::temp_dir().join(format!("layout-{}.json", std::process::id()));
        sample().save(&path).unwrap();
        assert_eq!(Layout::load(&path).unwrap(), sample());
        std::fs::remove_file(path).unwrap();
    }
}
