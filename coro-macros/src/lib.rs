//! The `#[coro::coroutine]` attribute: compiles a function whose body uses `yield_!` into an
//! explicit enum state machine. User docs live in the `coro` crate.
//!
//! The transformation, stage by stage (one module each, all on `proc_macro2`):
//!
//! 1. `parse` reads the signature: the send, yield, return and error types from
//!    `impl Coroutine<S, Yield = Y, Return = R>`, and the parameters.
//! 2. `check` reports every misplaced `yield_!` (in closures, `async` blocks, nested items,
//!    unknown macros, `unsafe` blocks, assignment places, `let` chains) in one go. It is where
//!    placement errors come from; lowering and emitting cannot fail.
//! 3. `lower` turns the body into basic blocks (`ir`): statements without a suspension point
//!    are copied verbatim; control flow that contains one becomes blocks joined by terminators
//!    (goto, if, match, suspend, return); operands around a `yield_!` are saved in temporaries
//!    in evaluation order. Every binding belongs to a scope, and every jump knows the scopes it
//!    leaves (`Body::left_by`).
//! 4. `analyse` computes which bindings are live at each block entry, which jumps write their
//!    target in place (and which of those close their scope first, so that its locals drop
//!    before the target's code, as in Rust), and in which arms each block's code is written.
//!    `naming` decides the one field name each saved binding has, and reports the one kind of
//!    hiding that no alias can serve.
//! 5. `layout` fixes the shape of the machine: the variants of `__CoroState` (`Unresumed` with
//!    the arguments, one `SuspendN` per suspension point with exactly the live locals,
//!    `Returned`, `Poisoned`) and `__CoroBlock` (the blocks control jumps to, with their live
//!    locals), the generic parameter that stands for each local's type, and which resumed
//!    blocks run in the `match` on the state.
//! 6. `emit` writes what the layout says: the two enums, the user's code cut into segments
//!    (closures that capture nothing, one per place a resume enters the code, each taking the
//!    locals it restores and returning one of its exits), and the glue, a method generic over
//!    the state's parameters that matches on the state and on each segment's exit and builds
//!    every variant with rigid types. Field types are generic parameters that rustc infers from
//!    the segments, checked in control-flow order as a plain function's statements are
//!    (`docs/EXPANSION.md` walks through it).
//!
//! Every name the expansion invents is in `names`; every lint it allows, in `lints`; every
//! standard macro it looks into, in `macros`. Stage tests snapshot the printed IR, analysis and
//! layout of one-construct fixtures (`tests/stages.rs`).
//!
//! Before:
//!
//! ```text
//! #[coro::coroutine]
//! fn counter(limit: u32) -> impl Coroutine<Yield = u32, Return = ()> {
//!     let mut n = 0;
//!     while n < limit {
//!         yield_!(n);
//!         n += 1;
//!     }
//! }
//! ```
//!
//! After (abridged): `enum __CoroState<T0, T1> { Unresumed { limit: T0 }, Suspend0 { n: T1,
//! limit: T0 }, Returned, Poisoned }` (one type parameter per local, inferred by rustc);
//! resuming `Suspend0` takes the sent value, runs `n += 1;` and jumps to the loop head
//! (`__CoroBlock::Join0 { n, limit }`), which either suspends again or completes.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

extern crate proc_macro;

mod analyse;
mod check;
mod emit;
mod expand;
mod ir;
mod layout;
mod lints;
mod lower;
mod macros;
mod names;
mod naming;
mod parse;
mod scan;

use proc_macro::TokenStream;

/// Compiles a function whose body uses `yield_!` into a coroutine state machine.
#[proc_macro_attribute]
pub fn coroutine(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::coroutine(&args.into(), item.into()).into()
}

#[cfg(test)]
mod tests;
