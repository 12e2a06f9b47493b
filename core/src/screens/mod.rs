//! Every screen a participant sees, decided here: see `model.rs` for the
//! records a shell renders and docs/screens.md for the loop.

// The records are built by the screen functions (issue 13) and exported
// through the facade; until then nothing in the core names them.
#![allow(dead_code)]

mod model;

#[allow(unused_imports)] // rendered by the shells through the facade (docs/screens.md)
pub use model::*;
