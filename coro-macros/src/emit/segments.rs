//! Segments: a block's code as a closure that captures nothing, its exits, and their types
//! written with the state's parameters for the glue.
//!
//! While a segment's code is written, each exit is a marker call, `marker(payload)`. Once the
//! code is complete its exits are known, and each marker becomes the exit's place in a balanced
//! tree of `Fork`s: `Fork::A(Fork::B(payload))`. The glue matches the same tree.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

use std::collections::BTreeSet;

use super::{Emitter, Exit};
use crate::ir::{BindingId, BlockId, SuspendKind, Term};
use crate::layout::{TypeKey, Unwind};
use crate::names;

/// One segment: the closure passed to the glue and the `fn` pointer type the glue takes it as.
pub struct Segment {
    pub closure: TokenStream,
    /// `fn(A, B) -> R`, the type the glue takes the segment as; or, for a segment the glue
    /// takes as a type parameter of its own, the bound `FnOnce(A, B) -> R`.
    pub ty: TokenStream,
    pub generic: bool,
}

impl Emitter<'_> {
    /// `return Fork::A(payload);`: leaves the segment by `exit` with `values` (one value for
    /// `Complete` and `Unwind`, a tuple otherwise); errors about the payload point at `span`.
    pub(super) fn exit(&mut self, exit: Exit, values: Vec<TokenStream>, span: Span) -> TokenStream {
        let payload = match exit {
            Exit::Complete | Exit::Unwind => values.into_iter().collect(),
            Exit::Suspend(_) | Exit::Block(_) => quote_spanned!(span=> (#(#values,)*)),
        };
        let planned = self.exits.as_ref().map(|exits| exits.iter().position(|&e| e == exit));
        match planned {
            Some(Some(index)) => {
                let n = self.exits.as_ref().map_or(1, Vec::len);
                let exit = fork(index, n, payload, span);
                quote_spanned!(span=> return #exit;)
            }
            planned => {
                // Not planned: the segment is written again with markers (see `segment`).
                self.missing |= planned.is_some();
                let marker = exit.marker(&self.body.marker_prefix);
                quote!(return #marker(#payload);)
            }
        }
    }

    // Before:   the code of a block and of the blocks it jumps to in place, up to its exits
    // After:    `|x, mut y| { .. return Fork::A((yielded, x, y)); .. }` and, for the glue, its
    //           type `fn(T0, T1) -> Fork<(__CoroY, T0, T1), ..>`
    /// Writes the segment rooted at block `root` (resumed from a suspension point of `resume`
    /// kind), whose code `write` writes, taking `params` typed `tys`; returns how the glue calls
    /// it and its exits, in the order of the tree.
    ///
    /// The exits are planned from the blocks the code covers, so that each exit is written in
    /// its final form at once. Where the plan misses one (it should not), the code is written
    /// again with markers and its exits read off the tokens.
    pub(super) fn segment(
        &mut self,
        root: BlockId,
        resume: Option<SuspendKind>,
        params: &[TokenStream],
        tys: &[TokenStream],
        mut write: impl FnMut(&mut Self) -> TokenStream,
    ) -> (syn::Ident, Vec<Exit>) {
        let (planned, completes) = self.plan_exits(root, resume);
        self.exits = Some(planned.clone());
        self.missing = false;
        let mut code = write(self);
        let mut exits = planned;
        if self.missing {
            // The plan covers every exit lowering makes; the fixtures and the fuzz test hold
            // the macro to it.
            plan_missed(root);
            self.exits = None;
            code = write(self);
            exits = Vec::new();
            self.collect_exits(&code, &mut exits);
            code = self.place_exits(code, &exits);
        } else if completes {
            // `return` and `?` in the user's code are markers until here.
            code = self.place_exits(code, &exits);
        }
        self.exits = None;
        let ret = self.exits_ty(&exits);
        let closure = quote!(#[inline(always)] |#(#params),*| { #code });
        let ty = quote!(fn(#(#tys),*) -> #ret);
        let ident = names::segment(self.segments.len());
        self.segments.push(Segment { closure, ty, generic: false });
        (ident, exits)
    }

    /// The exits of the code that a segment rooted at `root` covers (the block and the blocks
    /// it jumps to in place), and whether that code holds completion markers.
    fn plan_exits(&self, root: BlockId, resume: Option<SuspendKind>) -> (Vec<Exit>, bool) {
        let mut exits = BTreeSet::new();
        if resume == Some(SuspendKind::Plain) && self.layout.unwind == Unwind::PerArm {
            exits.insert(Exit::Unwind);
        }
        let mut completes = false;
        let mut seen = BTreeSet::from([root]);
        let mut stack = vec![root];
        while let Some(b) = stack.pop() {
            let block = self.body.block(b);
            if block.completes {
                completes = true;
                exits.insert(Exit::Complete);
            }
            match block.term {
                Term::Suspend { suspend, .. } => {
                    exits.insert(Exit::Suspend(suspend));
                }
                Term::Delegate { suspend, .. } => {
                    exits.extend([Exit::Suspend(suspend), Exit::Unwind]);
                }
                Term::Return(_) => {
                    exits.insert(Exit::Complete);
                }
                Term::Open | Term::Goto(_) | Term::If { .. } | Term::Match { .. } => {}
            }
            for j in self.body.jumps_from(b) {
                let target = self.body.jumps[j.0].target;
                if !self.analysis.inline_jump[j.0] {
                    exits.insert(Exit::Block(target));
                } else if seen.insert(target) {
                    stack.push(target);
                }
            }
        }
        (exits.into_iter().collect(), completes)
    }

    fn collect_exits(&self, tokens: &TokenStream, out: &mut Vec<Exit>) {
        for tt in tokens.clone() {
            match tt {
                TokenTree::Ident(i) => {
                    if let Some(&exit) = self.markers.get(&i.to_string())
                        && !out.contains(&exit)
                    {
                        out.push(exit);
                    }
                }
                TokenTree::Group(g) => self.collect_exits(&g.stream(), out),
                _ => {}
            }
        }
    }

    fn place_exits(&self, tokens: TokenStream, exits: &[Exit]) -> TokenStream {
        let mut out = Vec::new();
        let mut iter = tokens.into_iter().peekable();
        while let Some(tt) = iter.next() {
            match tt {
                TokenTree::Ident(i) if self.markers.contains_key(&i.to_string()) => {
                    let exit = self.markers[&i.to_string()];
                    let index = exits.iter().position(|&e| e == exit).unwrap_or_default();
                    match iter.peek() {
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                            let payload = self.place_exits(g.stream(), exits);
                            let span = i.span();
                            iter.next();
                            out.extend(fork(index, exits.len(), payload, span));
                        }
                        _ => out.push(TokenTree::Ident(i)),
                    }
                }
                TokenTree::Group(g) => {
                    let mut group = Group::new(g.delimiter(), self.place_exits(g.stream(), exits));
                    group.set_span(g.span());
                    out.push(TokenTree::Group(group));
                }
                other => out.push(other),
            }
        }
        out.into_iter().collect()
    }

    /// The type a segment with `exits` returns.
    fn exits_ty(&self, exits: &[Exit]) -> TokenStream {
        let tys: Vec<TokenStream> = exits.iter().map(|&e| self.exit_ty(e)).collect();
        fork_ty(&tys)
    }

    /// What leaves a segment by `exit`, in the glue's types.
    fn exit_ty(&self, exit: Exit) -> TokenStream {
        let (_, yield_ty, return_ty, _) = glue_params();
        match exit {
            Exit::Suspend(k) => {
                let tys = self.layout.suspends[&k].fields.iter().map(|&f| self.glue_ty(f));
                quote!((#yield_ty, #(#tys,)*))
            }
            Exit::Block(b) => {
                let tys = self.layout.blocks[&b].all().into_iter().map(|f| self.glue_ty(f));
                quote!((#(#tys,)*))
            }
            Exit::Complete => quote!(#return_ty),
            Exit::Unwind => input_ty(),
        }
    }

    /// The glue's arms on what a segment with `exits` returned: store a state and hand out a
    /// value, go on to a block (the arm's value), complete or unwind.
    pub(super) fn exit_arms(&self, exits: &[Exit]) -> Vec<TokenStream> {
        exits
            .iter()
            .enumerate()
            .map(|(i, &exit)| {
                let (pat, action) = self.exit_arm(exit);
                let pat = fork(i, exits.len(), pat, Span::call_site());
                quote!(#pat => #action,)
            })
            .collect()
    }

    /// What the glue binds of an exit's payload, and what it does with it.
    pub(super) fn exit_arm(&self, exit: Exit) -> (TokenStream, TokenStream) {
        let state_var = names::state_var();
        let yielded = names::yielded();
        let value = names::value();
        match exit {
            Exit::Suspend(k) => {
                let variant = &self.layout.suspends[&k];
                let ident = &variant.ident;
                let fields: Vec<syn::Ident> =
                    variant.fields.iter().map(|&f| self.field_name(f)).collect();
                (
                    quote!((#yielded, #(#fields,)*)),
                    quote!({
                        *#state_var = Self::#ident { #(#fields),* };
                        return ::coro::__private::Step::Yield(#yielded);
                    }),
                )
            }
            Exit::Block(b) => {
                let variant = &self.layout.blocks[&b];
                let ident = &variant.ident;
                let block = names::block_enum();
                let fields: Vec<syn::Ident> =
                    variant.all().into_iter().map(|f| self.field_name(f)).collect();
                (quote!((#(#fields,)*)), quote!(#block::#ident { #(#fields),* }))
            }
            Exit::Complete => {
                (quote!(#value), quote!(return ::coro::__private::Step::Complete(#value)))
            }
            Exit::Unwind => {
                (quote!(#value), quote!(return ::coro::__private::Step::Unwind(#value)))
            }
        }
    }

    /// The type of `id` in the glue: the state's parameter for it, or the glue's own for a
    /// local only `__CoroBlock` carries.
    pub(super) fn glue_ty(&self, id: BindingId) -> TokenStream {
        let key = self.layout.type_key(id);
        let ident = self
            .layout
            .state_types
            .get(key)
            .cloned()
            .unwrap_or_else(|| block_only(key, &self.layout.block_types.keys));
        quote!(#ident)
    }
}

/// In tests, a segment whose plan missed an exit is a bug of the plan's; in a build, the
/// segment is written again with markers.
#[cfg(test)]
fn plan_missed(root: BlockId) {
    panic!("segment at bb{} left by an exit its plan lacks", root.0);
}

#[cfg(not(test))]
fn plan_missed(_: BlockId) {}

/// The glue's own parameters for the types of locals only `__CoroBlock` carries: `U0`, `U1`, ..
/// in the order of the block enum's parameters.
pub(super) fn block_only(key: TypeKey, keys: &[TypeKey]) -> syn::Ident {
    let i = keys.iter().position(|&k| k == key).unwrap_or_default();
    names::block_only_type(i)
}

/// The glue's parameters for the sent, yielded, returned and thrown types.
pub(super) fn glue_params() -> (syn::Ident, syn::Ident, syn::Ident, syn::Ident) {
    let [send, yielded, returned, error] = names::glue_types();
    (send, yielded, returned, error)
}

/// `Input<__CoroS, __CoroE>`.
pub(super) fn input_ty() -> TokenStream {
    let (send, _, _, error) = glue_params();
    quote!(::coro::__private::Input<#send, #error>)
}

/// Exit `i` of `n` around `inner`: `Single(inner)` for a segment's only exit, or its place in
/// the balanced tree of `Fork`s. Never the bare payload: a `return` that lowering could not see
/// (inside a macro of the user's) must not type-check as an exit.
pub(super) fn fork(i: usize, n: usize, inner: TokenStream, span: Span) -> TokenStream {
    if n <= 1 {
        return quote_spanned!(span=> ::coro::__private::Single(#inner));
    }
    tree(i, n, inner, span)
}

fn tree(i: usize, n: usize, inner: TokenStream, span: Span) -> TokenStream {
    if n <= 1 {
        return inner;
    }
    let left = n.div_ceil(2);
    if i < left {
        let inner = tree(i, left, inner, span);
        quote_spanned!(span=> ::coro::__private::Fork::A(#inner))
    } else {
        let inner = tree(i - left, n - left, inner, span);
        quote_spanned!(span=> ::coro::__private::Fork::B(#inner))
    }
}

/// The type of `fork`'s values over the exits' types `tys` (`Infallible` for a segment that
/// never ends).
fn fork_ty(tys: &[TokenStream]) -> TokenStream {
    match tys {
        [] => quote!(::coro::__private::Infallible),
        [one] => quote!(::coro::__private::Single<#one>),
        _ => tree_ty(tys),
    }
}

fn tree_ty(tys: &[TokenStream]) -> TokenStream {
    if let [one] = tys {
        return one.clone();
    }
    let (a, b) = tys.split_at(tys.len().div_ceil(2));
    let (a, b) = (tree_ty(a), tree_ty(b));
    quote!(::coro::__private::Fork<#a, #b>)
}
