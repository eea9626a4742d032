//! The exchange part of the store contract (see `contract`).

#[allow(unused_imports)]
use crate::*;
