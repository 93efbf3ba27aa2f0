//! The upgrade rule: a new layout must be an append-only extension of the
//! old one.

use crate::{Field, Layout, Slot};
use std::fmt;

/// One reason a new layout cannot replace an old one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// An old field is missing from the new layout.
    Removed {
        /// The old field's name.
        name: String,
    },
    /// An old field sits at a different slot or offset.
    Moved {
        /// The field's name.
        name: String,
        /// Old (slot, offset).
        from: (Slot, u8),
        /// New (slot, offset).
        to: (Slot, u8),
    },
    /// An old field changed its type or width.
    Retyped {
        /// The field's name.
        name: String,
        /// Old (type, bytes).
        from: (String, u8),
        /// New (type, bytes).
        to: (String, u8),
    },
    /// Old fields appear in a different order.
    Reordered {
        /// The field's name.
        name: String,
        /// Its rank among the old fields, before.
        old_rank: usize,
        /// Its rank among the old fields, after.
        new_rank: usize,
    },
    /// A new field is declared before an old one or uses storage at or
    /// before the old fields' end.
    NotAppended {
        /// The new field's name.
        name: String,
        /// Where it was placed.
        at: (Slot, u8),
    },
    /// The new layout contradicts itself (see [`Layout::validate`]).
    Invalid {
        /// What is wrong.
        problem: String,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::Removed { name } => write!(f, "field `{name}` was removed"),
            Violation::Moved { name, from, to } => write!(
                f,
                "field `{name}` moved from slot {} offset {} to slot {} offset {}",
                from.0, from.1, to.0, to.1
            ),
            Violation::Retyped { name, from, to } => write!(
                f,
                "field `{name}` changed type from {} ({} bytes) to {} ({} bytes)",
                from.0, from.1, to.0, to.1
            ),
            Violation::Reordered {
                name,
                old_rank,
                new_rank,
            } => write!(
                f,
                "field `{name}` was reordered (position {old_rank} -> {new_rank})"
            ),
            Violation::NotAppended { name, at } => write!(
                f,
                "new field `{name}` at slot {} offset {} is not appended after the old fields",
                at.0, at.1
            ),
            Violation::Invalid { problem } => write!(f, "new layout is invalid: {problem}"),
        }
    }
}

/// Accepts `new` only if it keeps every field of `old` with the same name,
/// slot, offset, width and type, in the same order, and adds fields only
/// after the old ones (declared later and stored after the last old field,
/// without sharing a byte with any old field).
///
/// # Errors
/// Every violation found, so that one run of the upgrade script shows the
/// whole problem.
pub fn check_append_only(old: &Layout, new: &Layout) -> Result<(), Vec<Violation>> {
    let mut violations: Vec<Violation> = new
        .validate()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|problem| Violation::Invalid { problem })
        .collect();

    let find = |name: &str| new.fields.iter().position(|f| f.name == name);

    let mut survivors = Vec::new();
    for field in &old.fields {
        let Some(index) = find(&field.name) else {
            violations.push(Violation::Removed {
                name: field.name.clone(),
            });
            continue;
        };
        let now = &new.fields[index];
        if now.start() != field.start() {
            violations.push(Violation::Moved {
                name: field.name.clone(),
                from: field.start(),
                to: now.start(),
            });
        }
        if now.ty != field.ty || now.bytes != field.bytes {
            violations.push(Violation::Retyped {
                name: field.name.clone(),
                from: (field.ty.clone(), field.bytes),
                to: (now.ty.clone(), now.bytes),
            });
        }
        survivors.push((field.name.as_str(), index));
    }

    let mut by_new_order = survivors.clone();
    by_new_order.sort_by_key(|(_, index)| *index);
    for (old_rank, (name, _)) in survivors.iter().enumerate() {
        let new_rank = by_new_order
            .iter()
            .position(|(n, _)| n == name)
            .expect("every survivor is in both lists");
        if new_rank != old_rank {
            violations.push(Violation::Reordered {
                name: (*name).to_owned(),
                old_rank,
                new_rank,
            });
        }
    }

    let last_old_index = survivors.iter().map(|(_, index)| *index).max();
    let old_end = old.fields.last().map(Field::end);
    for (index, field) in new.fields.iter().enumerate() {
        if old.fields.iter().any(|f| f.name == field.name) {
            continue;
        }
        let declared_early = last_old_index.is_some_and(|last| index < last);
        let stored_early = old_end.is_some_and(|end| (field.slot, u16::from(field.offset)) < end);
        let shares_bytes = old.fields.iter().any(|f| f.overlaps(field));
        if declared_early || stored_early || shares_bytes {
            violations.push(Violation::NotAppended {
                name: field.name.clone(),
                at: field.start(),
            });
        }
    }

    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1() -> Layout {
        Layout::new("token", "1")
            .field("initialized", 0, 0, 1, "bool")
            .field("paused", 0, 1, 1, "bool")
            .field("admin", 1, 0, 20, "address")
            .field("balances", 2, 0, 32, "mapping(address => uint256)")
    }

    #[test]
    fn the_same_layout_is_accepted() {
        assert_eq!(check_append_only(&v1(), &v1()), Ok(()));
    }

    #[test]
    fn appending_a_slot_and_packing_after_the_last_field_are_accepted() {
        let v2 = v1()
            .field("cap", 3, 0, 32, "uint256")
            .field("frozen", 4, 0, 1, "bool");
        assert_eq!(check_append_only(&v1(), &v2), Ok(()));
        let packed = Layout::new("token", "1")
            .field("flag", 0, 0, 1, "bool")
            .field("extra", 0, 1, 1, "bool");
        let base = Layout::new("token", "1").field("flag", 0, 0, 1, "bool");
        assert_eq!(check_append_only(&base, &packed), Ok(()));
    }

    #[test]
    fn a_removed_field_is_refused() {
        let mut v2 = v1();
        v2.fields.remove(1);
        assert_eq!(
            check_append_only(&v1(), &v2),
            Err(vec![Violation::Removed {
                name: "paused".into()
            }])
        );
    }

    #[test]
    fn a_moved_field_is_refused() {
        let mut v2 = v1();
        v2.fields[2].slot = Slot::from_u64(5);
        assert_eq!(
            check_append_only(&v1(), &v2),
            Err(vec![Violation::Moved {
                name: "admin".into(),
                from: (Slot::from_u64(1), 0),
                to: (Slot::from_u64(5), 0),
            }])
        );
    }

    #[test]
    fn a_retyped_field_is_refused_even_at_the_same_width() {
        let mut v2 = v1();
        v2.fields[3].ty = "mapping(address => int256)".into();
        let violations = check_append_only(&v1(), &v2).unwrap_err();
        assert_eq!(
            violations,
            vec![Violation::Retyped {
                name: "balances".into(),
                from: ("mapping(address => uint256)".into(), 32),
                to: ("mapping(address => int256)".into(), 32),
            }]
        );
        assert_eq!(
            violations[0].to_string(),
            "field `balances` changed type from mapping(address => uint256) (32 bytes) \
             to mapping(address => int256) (32 bytes)"
        );
    }

    #[test]
    fn swapping_two_fields_is_refused_as_moved_and_reordered() {
        let mut v2 = v1();
        v2.fields.swap(0, 1);
        let violations = check_append_only(&v1(), &v2).unwrap_err();
        assert!(violations.contains(&Violation::Reordered {
            name: "initialized".into(),
            old_rank: 0,
            new_rank: 1
        }));
        assert!(violations.contains(&Violation::Reordered {
            name: "paused".into(),
            old_rank: 1,
            new_rank: 0
        }));
        assert_eq!(violations.len(), 2, "slots kept, only the order changed");
    }

    #[test]
    fn a_field_inserted_between_old_fields_is_refused() {
        let mut v2 = v1();
        v2.fields.insert(
            2,
            Field {
                name: "cap".into(),
                slot: Slot::from_u64(9),
                offset: 0,
                bytes: 32,
                ty: "uint256".into(),
            },
        );
        assert_eq!(
            check_append_only(&v1(), &v2),
            Err(vec![Violation::NotAppended {
                name: "cap".into(),
                at: (Slot::from_u64(9), 0)
            }])
        );
    }

    #[test]
    fn a_new_field_stored_inside_the_old_region_is_refused() {
        let v2 = v1().field("sneaky", 0, 2, 1, "bool");
        assert_eq!(
            check_append_only(&v1(), &v2),
            Err(vec![Violation::NotAppended {
                name: "sneaky".into(),
                at: (Slot::from_u64(0), 2)
            }])
        );
    }

    #[test]
    fn a_new_field_sharing_bytes_with_an_old_one_is_refused_and_reported_invalid() {
        let v2 = v1().field("alias", 2, 0, 32, "uint256");
        let violations = check_append_only(&v1(), &v2).unwrap_err();
        assert_eq!(violations.len(), 2, "{violations:?}");
        assert!(matches!(violations[0], Violation::Invalid { .. }));
        assert!(matches!(violations[1], Violation::NotAppended { .. }));
    }

    #[test]
    fn every_violation_is_reported_at_once() {
        let v2 = Layout::new("token", "2")
            .field("paused", 0, 1, 1, "bool")
            .field("admin", 1, 0, 32, "uint256")
            .field("balances", 3, 0, 32, "mapping(address => uint256)");
        let violations = check_append_only(&v1(), &v2).unwrap_err();
        assert_eq!(
            violations,
            vec![
                Violation::Removed {
                    name: "initialized".into()
                },
                Violation::Retyped {
                    name: "admin".into(),
                    from: ("address".into(), 20),
                    to: ("uint256".into(), 32)
                },
                Violation::Moved {
                    name: "balances".into(),
                    from: (Slot::from_u64(2), 0),
                    to: (Slot::from_u64(3), 0)
                },
            ]
        );
    }
}
