//! Writes the state machine: the `__CoroState` enum (what a suspended coroutine keeps), the
//! `__CoroBlock` enum (where the step function goes next, with the locals it carries), and the
//! step function that matches on them. The layout says what each holds; this writes it.
//!
//! - `variants`: building and destructuring variants, and the names locals have in an arm;
//! - `code`: the code of blocks, jumps and terminators;
//! - `machine`: the two enums, the step closure and its arms, and the stand-in on failure.

mod code;
mod machine;
mod variants;

pub use machine::stub;

use std::collections::BTreeMap;

use crate::analyse::Analysis;
use crate::ir::{BindingId, Body};
use crate::layout::Layout;
use crate::parse::Signature;

pub struct Emitter<'a> {
    body: &'a Body,
    analysis: &'a Analysis,
    layout: &'a Layout,
    sig: &'a Signature,
    /// Whether the code being written is in the `loop` over `__CoroBlock` (or in the first
    /// `match` on the state).
    in_loop: bool,
    start_label_used: bool,
    loop_label_used: bool,
}

impl<'a> Emitter<'a> {
    pub fn new(
        body: &'a Body,
        analysis: &'a Analysis,
        layout: &'a Layout,
        sig: &'a Signature,
    ) -> Self {
        Emitter {
            body,
            analysis,
            layout,
            sig,
            in_loop: false,
            start_label_used: false,
            loop_label_used: false,
        }
    }
}

/// Names an arm gave to locals whose own names something else hides there.
#[derive(Default, Clone)]
pub struct Arm {
    mangled: BTreeMap<BindingId, syn::Ident>,
    /// The locals the arm's pattern restored, until the code of its first block is written.
    restored: Vec<BindingId>,
}
