//! The `#[coro::coroutine]` attribute: compiles a function whose body uses `yield_!` into an
//! explicit enum state machine. User docs live in the `coro` crate.
//!
//! The transformation, stage by stage (one module each, all on `proc_macro2`):
//!
//! 1. `parse` reads the signature: the send, yield, return and error types from
//!    `impl Coroutine<S, Yield = Y, Return = R>`, and the parameters.
//! 2. `check` reports every misplaced `yield_!` (in closures, `async` blocks, nested items,
//!    unknown macros) in one go.
//! 3. `lower` turns the body into basic blocks: statements without a suspension point are copied
//!    verbatim; control flow that contains one becomes blocks joined by terminators
//!    (goto, if, match, suspend, return); operands around a `yield_!` are saved in temporaries
//!    in evaluation order.
//! 4. `analyse` computes which bindings are live at each block entry and which blocks can be
//!    written inline in their only predecessor.
//! 5. `emit` writes `enum __CoroState` (`Unresumed` with the arguments, one `SuspendN` per
//!    `yield_!` with exactly the live locals, `Returned`, `Poisoned`), `enum __CoroBlock` (the
//!    blocks control can jump to, with their live locals), and a step closure that matches on
//!    the state, runs straight-line code to the next suspension point and returns the new state.
//!    Field types are generic parameters that rustc infers from the values stored into them.
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
