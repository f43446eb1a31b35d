//! An independent model of the crate's documented rules, shared by
//! `tests/properties.rs`, `tests/attacks.rs` and the fuzz targets
//! (`fuzz/src/lib.rs` includes this directory by path). Nothing here uses the
//! crate: the expectation is computed from the command catalogue
//! (`spec`), the README's and the crate documentation's rules (`decode`,
//! `head`), and the JSON text itself (`json`), and then compared with what
//! the crate does.

#![allow(dead_code)]

pub mod decode;
pub mod head;
pub mod json;
pub mod spec;
