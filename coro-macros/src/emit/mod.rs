//! Writes the state machine: the `__CoroState` enum (what a suspended coroutine keeps), the
//! `__CoroBlock` enum (where the step function goes next, with the locals it carries), the
//! user's code cut into segments, and the glue that runs them. The layout says what each
//! holds; this writes it.
//!
//! The user's code and the enums never meet in one inference context. Each segment (the code
//! from a resume, from the start or from a join up to its exits) is a closure that captures
//! nothing and takes the locals it restores as parameters; it ends at one of its exits
//! (suspend here, jump there, complete, unwind) by returning the locals that exit keeps. The
//! glue, `__CoroState::__coro_step`, is a method generic over the state's parameters: it
//! takes the segments as `fn` pointers typed with those parameters, matches on the state and
//! on each segment's exit, and builds every variant, all with rigid types. rustc checks the
//! segments in source order and learns every local's type there, as in a plain function, and
//! checking the enums costs nothing more per mention (compile-time-spike.md: 78× faster at 400
//! saved locals, over 125× at 400 loops).
//!
//! - `variants`: the values and parameters of segments, the names locals have in a segment;
//! - `code`: the code of blocks, jumps and terminators, and each exit's marker;
//! - `segments`: turning a block's code into a segment and its exits into the glue's arms;
//! - `machine`: the enums, the glue, the step closure, and the stand-in on failure.

mod code;
mod machine;
mod segments;
mod variants;

pub use machine::stub;

use std::collections::BTreeMap;

use crate::analyse::Analysis;
use crate::ir::{BindingId, BlockId, Body};
use crate::layout::Layout;
use crate::parse::Signature;

pub struct Emitter<'a> {
    body: &'a Body,
    analysis: &'a Analysis,
    layout: &'a Layout,
    sig: &'a Signature,
    /// The segments written so far, in source order.
    segments: Vec<segments::Segment>,
    /// Every exit marker a segment's code may contain, with the exit it stands for.
    markers: BTreeMap<String, Exit>,
    /// The planned exits of the segment being written (`None`: write markers).
    exits: Option<Vec<Exit>>,
    /// Whether the segment being written left by an exit its plan lacks.
    missing: bool,
}

impl<'a> Emitter<'a> {
    pub fn new(
        body: &'a Body,
        analysis: &'a Analysis,
        layout: &'a Layout,
        sig: &'a Signature,
    ) -> Self {
        let mut markers = BTreeMap::new();
        let exits = layout
            .suspends
            .keys()
            .map(|&k| Exit::Suspend(k))
            .chain(layout.blocks.keys().map(|&b| Exit::Block(b)))
            .chain([Exit::Complete, Exit::Unwind]);
        for exit in exits {
            markers.insert(exit.marker(&body.marker_prefix).to_string(), exit);
        }
        Emitter {
            body,
            analysis,
            layout,
            sig,
            segments: Vec::new(),
            markers,
            exits: None,
            missing: false,
        }
    }
}

/// Where a segment goes when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Suspends at this point: the yielded value, then the variant's fields.
    Suspend(usize),
    /// Jumps to this block through its `__CoroBlock` variant: the variant's fields and param.
    Block(BlockId),
    /// Completes with a value (`return`, `?`, the end of the body).
    Complete,
    /// Hands a throw or a close request back to the runtime.
    Unwind,
}

impl Exit {
    /// The identifier that stands for this exit in a segment's code until the segment's exits
    /// are all known: `marker(payload)`.
    fn marker(self, prefix: &str) -> syn::Ident {
        use proc_macro2::Span;
        match self {
            Exit::Suspend(k) => crate::names::exit_marker(prefix, &format!("s{k}")),
            Exit::Block(b) => crate::names::exit_marker(prefix, &format!("b{}", b.0)),
            Exit::Complete => crate::names::completion(prefix, Span::mixed_site()),
            Exit::Unwind => crate::names::exit_marker(prefix, "u"),
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
