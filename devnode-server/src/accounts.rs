//! The dev accounts the node funds and holds keys for: the ten accounts of
//! the standard test mnemonic (`test test test test test test test test
//! test test test junk`, derivation path `m/44'/60'/0'/0/i`, the set anvil
//! and Hardhat fund) and the key Arbitrum's Nitro dev node funds. The keys
//! are public knowledge and only ever fund local test chains.

use alloy::primitives::{Address, B256, U256};
use alloy::signers::local::PrivateKeySigner;

/// Private keys of mnemonic accounts 0..9, in derivation order.
pub const MNEMONIC_KEYS: [&str; 10] = [
    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
    "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
    "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
    "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
    "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
    "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
];

/// The key Arbitrum's Nitro dev node funds (its documented dev account).
pub const NITRO_DEV_KEY: &str =
    "0xb6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659";

/// Balance each dev account starts with: 10,000 ETH, as anvil.
pub fn default_balance() -> U256 {
    U256::from(10_000u64) * U256::from(10u64).pow(U256::from(18u64))
}

/// A funded account with its key.
#[derive(Clone)]
pub struct DevAccount {
    /// Its address.
    pub address: Address,
    /// Its signer.
    pub signer: PrivateKeySigner,
    /// Its private key, for printing at start-up.
    pub key: B256,
}

impl std::fmt::Debug for DevAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key by accident.
        f.debug_struct("DevAccount")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

/// The first `count` mnemonic accounts (at most 10), then the Nitro dev
/// account.
pub fn dev_accounts(count: usize) -> Vec<DevAccount> {
    MNEMONIC_KEYS
        .iter()
        .take(count.min(MNEMONIC_KEYS.len()))
        .chain(std::iter::once(&NITRO_DEV_KEY))
        .map(|k| {
            let key: B256 = k.parse().expect("valid constant key");
            let signer = PrivateKeySigner::from_bytes(&key).expect("valid constant key");
            DevAccount {
                address: signer.address(),
                signer,
                key,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_mnemonic_accounts_have_the_well_known_addresses() {
        let accounts = dev_accounts(10);
        assert_eq!(accounts.len(), 11);
        let expected = [
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
            "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
            "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
            "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
            "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
            "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
            "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
            "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
        ];
        for (a, e) in accounts.iter().zip(expected) {
            assert_eq!(a.address, e.parse::<Address>().unwrap());
        }
        assert_eq!(
            accounts[10].address,
            "0x3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E"
                .parse::<Address>()
                .unwrap()
        );
    }

    #[test]
    fn the_engine_genesis_funds_exactly_these_accounts_with_matching_keys() {
        let ours = dev_accounts(10);
        let genesis: Vec<_> = devnode::genesis::DEV_ACCOUNTS
            .iter()
            .chain([&devnode::genesis::NITRO_DEV_ACCOUNT])
            .collect();
        assert_eq!(genesis.len(), ours.len());
        for ((address, key), mine) in genesis.into_iter().zip(&ours) {
            assert_eq!(*address, mine.address);
            assert_eq!(*key, mine.key, "key of {address}");
            let signer = PrivateKeySigner::from_bytes(key).unwrap();
            assert_eq!(signer.address(), *address);
        }
    }

    #[test]
    fn debug_output_never_shows_the_key() {
        let a = &dev_accounts(1)[0];
        let shown = format!("{a:?}");
        assert!(!shown.contains("ac0974be"), "{shown}");
    }
}
