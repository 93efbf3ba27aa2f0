//! Genesis: the funded dev accounts and the predeployed system contracts.

use alloy_primitives::{address, hex, Address, B256};

/// Default chain id (Nitro's dev chain, 412346).
pub const DEV_CHAIN_ID: u64 = 412_346;

/// The 10 accounts of the mnemonic `test test test test test test test test
/// test test test junk` (m/44'/60'/0'/0/i), with their private keys.
pub const DEV_ACCOUNTS: [(Address, B256); 10] = [
    (
        address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
        B256::new(hex!(
            "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
        )),
    ),
    (
        address!("70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        B256::new(hex!(
            "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
        )),
    ),
    (
        address!("3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"),
        B256::new(hex!(
            "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"
        )),
    ),
    (
        address!("90F79bf6EB2c4f870365E785982E1f101E93b906"),
        B256::new(hex!(
            "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"
        )),
    ),
    (
        address!("15d34AAf54267DB7D7c367839AAf71A00a2C6A65"),
        B256::new(hex!(
            "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"
        )),
    ),
    (
        address!("9965507D1a55bcC2695C58ba16FB37d819B0A4dc"),
        B256::new(hex!(
            "8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"
        )),
    ),
    (
        address!("976EA74026E726554dB657fA54763abd0C3a0aa9"),
        B256::new(hex!(
            "92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e"
        )),
    ),
    (
        address!("14dC79964da2C08b23698B3D3cc7Ca32193d9955"),
        B256::new(hex!(
            "4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356"
        )),
    ),
    (
        address!("23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f"),
        B256::new(hex!(
            "dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97"
        )),
    ),
    (
        address!("a0Ee7A142d267C1f36714E4a8F75612F20a79720"),
        B256::new(hex!(
            "2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"
        )),
    ),
];

/// The account Nitro's dev node funds (key `0xb6b1…0659`).
pub const NITRO_DEV_ACCOUNT: (Address, B256) = (
    address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E"),
    B256::new(hex!(
        "b6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659"
    )),
);

/// Balance of every dev account at genesis: 10,000 ETH.
pub const DEV_BALANCE_WEI: u128 = 10_000 * 10u128.pow(18);

/// Code placed at native system addresses so `EXTCODESIZE` checks pass
/// (Nitro does the same for its precompiles).
pub const INVALID_OPCODE_CODE: &[u8] = &[0xfe];
