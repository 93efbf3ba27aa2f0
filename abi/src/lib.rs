//! ABI of the security-token suite: the `sol!` interfaces, events and custom
//! errors shared by the contracts, the CLI, the dev-chain tests and the
//! property suite.
#![no_std]
