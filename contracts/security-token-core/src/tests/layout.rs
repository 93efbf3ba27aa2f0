//! The declared storage layout (`crate::layout`) against the real struct:
//! every field is written through `SecurityToken` with a value that has no
//! zero byte and the test checks which slot and bytes changed; then the
//! declaration is compared with the committed release file.

use crate::{layout::storage_layout, SecurityToken};
use alloc::vec::Vec;
use storage_layout::{probe, Field, Layout};
use stylus_sdk::{
    alloy_primitives::{keccak256, Address, B256, U256},
    testing::TestVM,
};

const KEY_A: Address = Address::repeat_byte(0xaa);
const KEY_B: Address = Address::repeat_byte(0xbb);
const KEY_P: B256 = B256::repeat_byte(0xcc);
const FULL: U256 = U256::MAX;

fn words(vm: &TestVM) -> Vec<([u8; 32], [u8; 32])> {
    vm.snapshot()
        .storage
        .into_iter()
        .map(|(k, v): (U256, B256)| (k.to_be_bytes::<32>(), v.0))
        .collect()
}

/// `keccak256(key ++ base)`: the slot of a mapping entry.
fn entry(key: [u8; 32], base: [u8; 32]) -> [u8; 32] {
    let mut preimage = [0u8; 64];
    preimage[..32].copy_from_slice(&key);
    preimage[32..].copy_from_slice(&base);
    keccak256(preimage).0
}

/// `keccak256(base)`: the first element slot of a vector or long string.
fn data_slot(base: [u8; 32]) -> [u8; 32] {
    keccak256(base).0
}

fn addr(a: Address) -> [u8; 32] {
    a.into_word().0
}

struct Probe {
    vm: TestVM,
    token: SecurityToken,
    layout: Layout,
}

impl Probe {
    fn field(&self, name: &str) -> &Field {
        self.layout
            .fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("field {name} not declared"))
    }

    /// Runs `write` and returns the changed slots.
    fn write(&mut self, write: impl FnOnce(&mut SecurityToken)) -> Vec<probe::Change> {
        let before = words(&self.vm);
        write(&mut self.token);
        probe::changes(before, words(&self.vm))
    }

    /// A direct field: one change, inside the declared bytes, exactly as wide.
    fn direct(&mut self, name: &str, write: impl FnOnce(&mut SecurityToken)) {
        let field = self.field(name).clone();
        let changes = self.write(write);
        assert_eq!(changes.len(), 1, "{name}: {changes:?}");
        assert!(
            changes[0].within(&field),
            "{name}: {changes:?} vs {field:?}"
        );
        assert_eq!(changes[0].bytes, field.bytes, "{name} width");
    }

    /// A mapping/vector/string: exactly the `expected` slots changed.
    fn derived(
        &mut self,
        name: &str,
        expected: &[[u8; 32]],
        write: impl FnOnce(&mut SecurityToken),
    ) {
        let changes = self.write(write);
        let mut got: Vec<[u8; 32]> = changes.iter().map(|c| c.slot.0).collect();
        let mut want = expected.to_vec();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}: slots written");
    }

    fn base(&self, name: &str) -> [u8; 32] {
        self.field(name).slot.0
    }
}

#[test]
fn declared_layout_matches_the_storage_struct() {
    let vm = TestVM::default();
    let token = SecurityToken::from(&vm);
    let mut p = Probe {
        vm,
        token,
        layout: storage_layout(),
    };

    p.direct("issuer", |t| t.issuer.set(Address::repeat_byte(0xff)));
    p.direct("decimals", |t| {
        t.decimals.set(stylus_sdk::alloy_primitives::U8::from(0xff))
    });
    p.direct("status", |t| {
        t.status.set(stylus_sdk::alloy_primitives::U8::from(0xff))
    });
    p.direct("total_supply", |t| t.total_supply.set(FULL));
    p.direct("account_manager", |t| {
        t.account_manager.set(Address::repeat_byte(0xff))
    });
    p.direct("issue_id", |t| t.issue_id.set(B256::repeat_byte(0xff)));

    for name in ["name", "symbol", "security_kind"] {
        let base = p.base(name);
        // Short string: bytes and 2*len in the base slot.
        p.derived(name, &[base], |t| {
            let text = match name {
                "name" => &mut t.name,
                "symbol" => &mut t.symbol,
                _ => &mut t.security_kind,
            };
            text.set_bytes(&[0xee; 5]);
        });
        // Long string: 2*len+1 in the base, data from keccak(base).
        let first = data_slot(base);
        let mut second = U256::from_be_bytes(first);
        second += U256::from(1);
        p.derived(name, &[base, first, second.to_be_bytes()], |t| {
            let text = match name {
                "name" => &mut t.name,
                "symbol" => &mut t.symbol,
                _ => &mut t.security_kind,
            };
            text.set_bytes(&[0xdd; 40]);
        });
    }

    let base = p.base("holders");
    p.derived("holders", &[entry(addr(KEY_A), base)], |t| {
        t.holders.setter(KEY_A).set(FULL)
    });
    let base = p.base("holdings");
    p.derived(
        "holdings",
        &[entry(KEY_P.0, entry(addr(KEY_A), base))],
        |t| t.holdings.setter(KEY_A).setter(KEY_P).set(FULL),
    );
    let base = p.base("holder_partitions");
    let list = entry(addr(KEY_A), base);
    p.derived("holder_partitions", &[list, data_slot(list)], |t| {
        t.holder_partitions
            .setter(KEY_A)
            .push(B256::repeat_byte(0xff))
    });
    let base = p.base("partition_supply");
    p.derived("partition_supply", &[entry(KEY_P.0, base)], |t| {
        t.partition_supply.setter(KEY_P).set(FULL)
    });
    for name in ["partitions", "default_partitions", "document_names"] {
        let base = p.base(name);
        p.derived(name, &[base, data_slot(base)], |t| {
            let list = match name {
                "partitions" => &mut t.partitions,
                "default_partitions" => &mut t.default_partitions,
                _ => &mut t.document_names,
            };
            list.push(B256::repeat_byte(0xff));
        });
    }
    let base = p.base("allowances");
    p.derived(
        "allowances",
        &[entry(addr(KEY_B), entry(addr(KEY_A), base))],
        |t| t.allowances.setter(KEY_A).setter(KEY_B).set(FULL),
    );
    let base = p.base("operators");
    p.derived(
        "operators",
        &[entry(addr(KEY_B), entry(addr(KEY_A), base))],
        |t| t.operators.setter(KEY_A).setter(KEY_B).set(true),
    );
    let base = p.base("partition_operators");
    let nested = entry(addr(KEY_B), entry(KEY_P.0, entry(addr(KEY_A), base)));
    p.derived("partition_operators", &[nested], |t| {
        t.partition_operators
            .setter(KEY_A)
            .setter(KEY_P)
            .setter(KEY_B)
            .set(true)
    });
    let base = p.base("roles");
    p.derived("roles", &[entry(addr(KEY_A), base)], |t| {
        t.roles
            .setter(KEY_A)
            .set(stylus_sdk::alloy_primitives::U8::from(0xff))
    });
    let base = p.base("document_uris");
    p.derived("document_uris", &[entry(KEY_P.0, base)], |t| {
        t.document_uris.setter(KEY_P).set_bytes(&[0xee; 3])
    });
    let base = p.base("document_hashes");
    p.derived("document_hashes", &[entry(KEY_P.0, base)], |t| {
        t.document_hashes.setter(KEY_P).set(B256::repeat_byte(0xff))
    });
    p.direct("custody", |t| t.custody.set(Address::repeat_byte(0xff)));
    p.direct("encumbered", |t| t.encumbered.set(FULL));
    let base = p.base("issued_batches");
    p.derived("issued_batches", &[entry(KEY_P.0, base)], |t| {
        t.issued_batches.setter(KEY_P).set(true)
    });
    let base = p.base("category_supply");
    let key = {
        let mut k = [0u8; 32];
        k[31] = 2;
        k
    };
    p.derived("category_supply", &[entry(key, base)], |t| {
        t.category_supply
            .setter(stylus_sdk::alloy_primitives::U8::from(2))
            .set(FULL)
    });
    let base = p.base("frozen");
    p.derived("frozen", &[entry(KEY_P.0, entry(addr(KEY_A), base))], |t| {
        t.frozen.setter(KEY_A).setter(KEY_P).set(FULL)
    });
    let base = p.base("pledges");
    let first = data_slot(base);
    let mut fourth = U256::from_be_bytes(first);
    fourth += U256::from(3);
    p.derived("pledges", &[base, first, fourth.to_be_bytes()], |t| {
        let mut record = t.pledges.grow();
        record.holder.set(Address::repeat_byte(0xff));
        record.amount.set(FULL);
    });
    let base = p.base("holder_pledges");
    let list = entry(addr(KEY_A), base);
    p.derived("holder_pledges", &[list, data_slot(list)], |t| {
        t.holder_pledges.setter(KEY_A).push(FULL)
    });
    let base = p.base("holder_list");
    p.derived("holder_list", &[base, data_slot(base)], |t| {
        t.holder_list.push(Address::repeat_byte(0xff))
    });
    let base = p.base("document_times");
    p.derived("document_times", &[entry(KEY_P.0, base)], |t| {
        t.document_times
            .setter(KEY_P)
            .set(stylus_sdk::alloy_primitives::U64::MAX)
    });
}

#[test]
fn every_field_of_the_struct_is_declared_once_in_slot_order() {
    let layout = storage_layout();
    let names: Vec<&str> = layout.fields.iter().map(|f| f.name.as_str()).collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "duplicate names: {names:?}");
    assert_eq!(names.len(), 31, "one entry per field of SecurityToken");
    let starts: Vec<_> = layout.fields.iter().map(|f| (f.slot, f.offset)).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "declaration order is slot order");
    assert!(storage_layout::check_append_only(&layout, &layout).is_ok());
}

#[test]
fn declared_layout_is_the_committed_release_layout() {
    let path = std::path::PathBuf::from(format!(
        "{}/../../deployments/layouts/security-token/{}.json",
        env!("CARGO_MANIFEST_DIR"),
        crate::layout::VERSION
    ));
    let path = path.as_path();
    if std::env::var_os("STO_WRITE_LAYOUT").is_some() {
        storage_layout().save(path).unwrap();
    }
    let committed = Layout::load(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (write it once with STO_WRITE_LAYOUT=1 cargo test -p security-token-core layout)",
            path.display()
        )
    });
    assert_eq!(storage_layout(), committed);
}

#[test]
fn layout_1_1_0_is_an_append_only_extension_of_1_0_0() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../deployments/layouts/security-token/1.0.0.json"
    );
    let old = Layout::load(std::path::Path::new(path)).unwrap();
    assert_eq!(old.fields.len(), 23);
    assert!(storage_layout::check_append_only(&old, &storage_layout()).is_ok());
}
