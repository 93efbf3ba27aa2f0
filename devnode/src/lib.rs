//! Embedded Stylus-capable dev chain.
