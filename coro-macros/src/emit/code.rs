//! The code of blocks: the user's statements, jumps (in place or through a variant) and
//! terminators.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

use super::{Arm, Emitter, Exit};
use crate::ir::{BindingId, BlockId, Cond, JumpId, SuspendKind, Term};
use crate::layout::Unwind;
use crate::names;
use crate::naming;

impl Emitter<'_> {
    pub(super) fn block_code(&mut self, id: BlockId, arm: &Arm) -> TokenStream {
        let mut arm = arm.clone();
        let restored = std::mem::take(&mut arm.restored);
        let block = self.body.block(id);
        let unaliased = self.unalias(&block.entry_env, &mut arm);
        let mut out = TokenStream::new();
        for (i, item) in block.items.iter().enumerate() {
            if item.tokens.is_empty() || self.unused_declaration(id, i) {
                continue;
            }
            // A `let mut` whose binding is saved may be mutated only in another arm.
            let attr = item
                .defs
                .iter()
                .any(|d| {
                    let binding = self.body.binding(*d);
                    binding.mutable && !binding.hidden && self.layout.saved.contains(d)
                })
                .then(crate::lints::mut_elsewhere);
            let hidden: Vec<BindingId> = if item.shadows.is_empty() {
                Vec::new()
            } else {
                let needed = self.needed_after(id, i);
                item.shadows
                    .iter()
                    .copied()
                    .filter(|b| needed.contains(b) && !arm.mangled.contains_key(b))
                    .collect()
            };
            // Before:   if n > 3 { let x = n; break; }     (the outer `x` is needed after the loop)
            // After:    `let __coro_x_1 = x;` before the statement, which the jump packs from,
            //           and `let x = __coro_x_1;` after it.
            let moved = naming::hidden_at_jumps(self.body, self.analysis, item);
            let moved: Vec<BindingId> =
                moved.into_iter().filter(|b| !arm.mangled.contains_key(b)).collect();
            for &b in &moved {
                out.extend(self.alias(b, &mut arm));
            }
            let shadowing = if hidden.is_empty() { None } else { item.local.as_deref() };
            let code = if let Some(local) = shadowing {
                self.shadowing_let(local.clone(), &hidden, attr.as_ref(), &mut arm)
            } else {
                let tokens = &item.tokens;
                quote!(#attr #tokens)
            };
            out.extend(self.with_jumps(code, &item.jumps, &arm));
            if !moved.is_empty() {
                let needed = self.needed_after(id, i);
                for b in moved.into_iter().filter(|b| needed.contains(b)) {
                    out.extend(self.give_back(b, &mut arm));
                }
            }
        }
        if let Term::Goto(j) = block.term
            && self.analysis.wrap[j.0]
        {
            let diverges = block.items.iter().rev().find(|i| !i.tokens.is_empty());
            let diverges = diverges.is_some_and(|i| i.may_diverge);
            let wrapped = self.scope_end(j, &restored, out, diverges, &arm);
            return quote!(#unaliased #wrapped);
        }
        let term = self.term_code(id, &arm);
        // Statements that end in a diverging call (`panic!`) make our jump or return after
        // them unreachable; that is not the user's code to warn about.
        let ours = match &block.term {
            Term::Return(_) => true,
            // A jump through a variant, or into a join with no statements of the user's.
            Term::Goto(j) => {
                let target = self.body.jumps[j.0].target;
                !self.analysis.inline_jump[j.0]
                    || self.body.block(target).items.iter().all(|i| i.tokens.is_empty())
            }
            _ => false,
        };
        let last = block.items.iter().rev().find(|i| !i.tokens.is_empty());
        if ours && last.is_some_and(|i| i.may_diverge) {
            let allow = crate::lints::after_divergence();
            out.extend(quote!(#allow { #term }));
        } else {
            out.extend(term);
        }
        quote!(#unaliased #out)
    }

    // Before:   loop { let value = yield_!(avg); total += value; }
    // After:    `{ let value = __coro_sent0; total += value; }` and then the loop head's code,
    //           which the jump back to it writes in place.
    /// The end of a block whose terminator `j` leaves its scope, written in place: the block's
    /// statements `code` (and the locals of the scope the arm restored, moved in first) in a
    /// Rust block that ends where the scope ends, then the target's code.
    pub(super) fn scope_end(
        &mut self,
        j: JumpId,
        restored: &[BindingId],
        code: TokenStream,
        diverges: bool,
        arm: &Arm,
    ) -> TokenStream {
        let jump = &self.body.jumps[j.0];
        let left = crate::analyse::left_scope(self.body, jump);
        let mut inner = TokenStream::new();
        for b in restored.iter().filter(|b| left.contains(b)) {
            let binding = self.body.binding(*b);
            let name = arm.mangled.get(b).unwrap_or(&binding.ident);
            // Moving a `_name` guard into the scope is not a use the user wrote.
            let guard = binding.is_guard().then(crate::lints::guard_moved);
            if binding.mutable {
                let allow = crate::lints::mut_elsewhere();
                inner.extend(quote!(#guard #allow let mut #name = #name;));
            } else {
                inner.extend(quote!(#guard let #name = #name;));
            }
        }
        inner.extend(code);
        let target = self.body.block(jump.target);
        let scope = match (target.param, jump.value.clone()) {
            (Some(p), Some(v)) => {
                let pat = self.binding_pat(p);
                quote!(let #pat = { #inner #v };)
            }
            (Some(p), None) => {
                let ident = &self.body.binding(p).ident;
                quote!({ #inner } let #ident = ();)
            }
            (None, Some(v)) => quote!({ #inner #v; }),
            (None, None) => quote!({ #inner }),
        };
        // After a statement that ends in a diverging call, the code that follows is ours only
        // when the target has no statements of the user's.
        let ours = self.body.block(jump.target).items.iter().all(|i| i.tokens.is_empty());
        let target = self.block_code(jump.target, arm);
        if diverges && ours {
            let allow = crate::lints::after_divergence();
            quote!(#scope #allow { #target })
        } else {
            quote!(#scope #target)
        }
    }

    // Before:   let x; yield_!(0); x = 2;
    // After:    the arm that runs up to the `yield_!` does not declare `x` (it would not learn
    //           its type there); the arm after it declares `let x;` before assigning it.
    /// Whether statement `i` of block `id` is a `let` without a value whose locals nothing in
    /// this arm mentions and no variant carries.
    pub(super) fn unused_declaration(&self, id: BlockId, i: usize) -> bool {
        let item = &self.body.block(id).items[i];
        let Some(local) = &item.local else { return false };
        if local.init.is_some() || item.defs.is_empty() {
            return false;
        }
        let mentioned = self.mentioned_after(id, i + 1);
        let carried = |d: &BindingId| {
            self.layout
                .blocks
                .values()
                .chain(self.layout.suspends.values())
                .any(|v| v.fields.contains(d))
        };
        item.defs.iter().all(|d| !carried(d) && !mentioned.contains(d))
    }

    /// The bindings used or assigned by the statements of block `id` from `from` on, and by
    /// the blocks written in place after them.
    pub(super) fn mentioned_after(&self, id: BlockId, from: usize) -> BTreeSet<BindingId> {
        let mut out = BTreeSet::new();
        let mut stack = vec![(id, from)];
        let mut seen = BTreeSet::new();
        while let Some((b, start)) = stack.pop() {
            let block = self.body.block(b);
            for item in &block.items[start.min(block.items.len())..] {
                out.extend(item.uses.iter().chain(&item.kills).copied());
            }
            for j in self.body.jumps_from(b) {
                let target = self.body.jumps[j.0].target;
                if self.analysis.inline_jump[j.0] && seen.insert(target) {
                    stack.push((target, 0));
                }
            }
        }
        out
    }

    /// The bindings needed after statement `i` of block `id`.
    pub(super) fn needed_after(&self, id: BlockId, i: usize) -> BTreeSet<BindingId> {
        let block = self.body.block(id);
        let mut needed: BTreeSet<BindingId> = BTreeSet::new();
        for s in self.body.successors(id) {
            needed.extend(self.analysis.live_in[s.0].iter().copied());
        }
        for item in &block.items[i + 1..] {
            needed.extend(item.uses.iter().copied());
        }
        needed
    }

    /// `tokens` of a statement with its jumps written where lowering left their markers
    /// (lowering records every marker it writes into a statement in `jumps`).
    fn with_jumps(&mut self, tokens: TokenStream, jumps: &[JumpId], arm: &Arm) -> TokenStream {
        if jumps.is_empty() {
            return tokens;
        }
        let markers: BTreeMap<String, JumpId> = jumps
            .iter()
            .filter_map(|&j| Some((self.body.jumps[j.0].marker.as_ref()?.to_string(), j)))
            .collect();
        self.substitute_jumps(tokens, &markers, arm)
    }

    /// Writes the jumps of a verbatim statement where lowering left their markers.
    pub(super) fn substitute_jumps(
        &mut self,
        tokens: TokenStream,
        markers: &BTreeMap<String, JumpId>,
        arm: &Arm,
    ) -> TokenStream {
        tokens
            .into_iter()
            .map(|tt| match tt {
                TokenTree::Ident(i) if markers.contains_key(&i.to_string()) => {
                    let code = self.jump_code(markers[&i.to_string()], arm);
                    TokenTree::Group(Group::new(Delimiter::Brace, code))
                }
                TokenTree::Group(g) => {
                    let mut group =
                        Group::new(g.delimiter(), self.substitute_jumps(g.stream(), markers, arm));
                    group.set_span(g.span());
                    TokenTree::Group(group)
                }
                other => other,
            })
            .collect()
    }

    pub(super) fn jump_code(&mut self, j: JumpId, arm: &Arm) -> TokenStream {
        let jump = &self.body.jumps[j.0];
        let target = self.body.block(jump.target);
        let value = jump.value.clone();
        if self.analysis.inline_jump[j.0] {
            let bind = match (target.param, value) {
                (Some(p), Some(v)) => {
                    let pat = self.binding_pat(p);
                    quote!(let #pat = #v;)
                }
                (Some(p), None) => {
                    let ident = &self.body.binding(p).ident;
                    quote!(let #ident = ();)
                }
                (None, Some(v)) => quote!(#v;),
                (None, None) => quote!(),
            };
            let code = self.block_code(jump.target, arm);
            return quote!(#bind #code);
        }
        let Some(variant) = self.layout.blocks.get(&jump.target) else {
            unreachable!("every block that is not inlined has a variant")
        };
        let (fields, param) = (variant.fields.clone(), variant.param);
        let diverging_value = jump.value_may_diverge;
        let (pre, param) = match (param, value) {
            (Some(p), Some(v)) => {
                let ident = &self.body.binding(p).ident;
                (quote!(let #ident = #v;), Some((p, quote!(#ident))))
            }
            (Some(p), None) => (quote!(), Some((p, quote!(())))),
            (None, Some(v)) => (quote!(#v;), None),
            (None, None) => (quote!(), None),
        };
        let values = self.values(&fields, param, arm);
        let exit = self.exit(Exit::Block(jump.target), values, Span::call_site());
        if diverging_value {
            // `match never {}` or `return` as a branch's value: the jump after it is unreachable,
            // and that is not the user's code to warn about.
            let allow = crate::lints::after_divergence();
            quote!(#pre #allow { #exit })
        } else {
            quote!(#pre #exit)
        }
    }

    pub(super) fn term_code(&mut self, id: BlockId, arm: &Arm) -> TokenStream {
        let block = self.body.block(id);
        match &block.term {
            Term::Open => quote!(),
            Term::Goto(j) => self.jump_code(*j, arm),
            Term::If { cond, then, otherwise } => {
                let mut arm = arm.clone();
                let aliases = self.pattern_aliases(&[*then, *otherwise], &mut arm);
                let (pre, cond) = match (cond, aliases) {
                    (Cond::Bool(c), _) => (None, c.clone()),
                    (Cond::Let { pat, scrutinee }, None) => (None, quote!(let #pat = #scrutinee)),
                    // The scrutinee may use the local the pattern hides: it runs first.
                    (Cond::Let { pat, scrutinee }, Some(aliases)) => {
                        let temp = names::scrutinee();
                        (Some(quote!(let #temp = #scrutinee; #aliases)), quote!(let #pat = #temp))
                    }
                    // `naming::check` made sure the chain does not use what it hides.
                    (Cond::Chain { tokens, .. }, aliases) => (aliases, tokens.clone()),
                };
                let then = self.jump_code(*then, &arm);
                let otherwise = self.jump_code(*otherwise, &arm);
                quote!(#pre if #cond { #then } else { #otherwise })
            }
            Term::Match { scrutinee, arms } => {
                let mut arm = arm.clone();
                let targets: Vec<JumpId> = arms.iter().map(|a| a.target).collect();
                let mut scrutinee = scrutinee.clone();
                let mut pre = TokenStream::new();
                if let Some(aliases) = self.pattern_aliases(&targets, &mut arm) {
                    let temp = names::scrutinee();
                    pre = quote!(let #temp = #scrutinee; #aliases);
                    scrutinee = quote!(#temp);
                }
                let arm = &arm;
                let mut out = Vec::new();
                for a in arms {
                    let pat = &a.pat;
                    let guard = a.guard.as_ref().map(|g| quote!(if #g));
                    let code = self.jump_code(a.target, arm);
                    out.push(quote!(#pat #guard => { #code }));
                }
                quote!(#pre match #scrutinee { #(#out)* })
            }
            Term::Suspend { value, suspend, .. } => {
                let fields = self.layout.suspends[suspend].fields.clone();
                let span = self.body.suspends[*suspend].span;
                // Errors about the yielded value's type point at the `yield_!`.
                let yielded = names::yielded_at(span);
                let mut values = vec![quote!(#yielded)];
                values.extend(self.values(&fields, None, arm));
                let exit = self.exit(Exit::Suspend(*suspend), values, span);
                quote_spanned! {span=>
                    let #yielded = #value;
                    #exit
                }
            }
            Term::Delegate { suspend, done, .. } => {
                let fields = self.layout.suspends[suspend].fields.clone();
                let SuspendKind::Delegate(sub) = self.body.suspends[*suspend].kind else {
                    unreachable!("a `Delegate` terminator stands for a `yield_from!`")
                };
                let sub = self.body.binding(sub).ident.clone();
                let yielded = names::yielded();
                let mut values = vec![quote!(#yielded)];
                values.extend(self.values(&fields, None, arm));
                let span = self.body.suspends[*suspend].span;
                let suspended = self.exit(Exit::Suspend(*suspend), values, span);
                let done = self.jump_code(*done, arm);
                let returned = names::returned();
                let other = names::other();
                let unwind = self.exit(Exit::Unwind, vec![quote!(#other)], Span::call_site());
                let start = quote_spanned!(span=> ::coro::__private::Delegate::start(&mut #sub));
                quote! {
                    match #start {
                        ::coro::__private::Forward::Yielded(#yielded) => { #suspended }
                        ::coro::__private::Forward::Complete(#returned) => { #done }
                        ::coro::__private::Forward::Raise(#other) => { #unwind }
                    }
                }
            }
            Term::Return(value) => {
                self.exit(Exit::Complete, vec![value.clone()], Span::call_site())
            }
        }
    }

    /// `let x;` for locals that an arm assigns before reading them and does not restore.
    pub(super) fn uninit_decls(
        &self,
        root: BlockId,
        restored: &BTreeSet<BindingId>,
    ) -> TokenStream {
        let mut seen = BTreeSet::new();
        let mut defined: BTreeSet<BindingId> = restored.clone();
        let mut out = TokenStream::new();
        let mut stack = vec![root];
        while let Some(b) = stack.pop() {
            let block = self.body.block(b);
            defined.extend(block.entry_defs.iter().copied());
            defined.extend(block.param);
            for item in &block.items {
                for k in &item.kills {
                    if !defined.contains(k)
                        && seen.insert(*k)
                        && block.entry_env.get(&self.body.binding(*k).name()) == Some(k)
                    {
                        let binding = self.body.binding(*k);
                        let ident = &binding.ident;
                        let m = binding.mutable.then(|| quote!(mut));
                        let late = crate::lints::declared_late();
                        out.extend(quote! {
                            #late
                            let #m #ident;
                        });
                    }
                }
                defined.extend(item.defs.iter().copied());
            }
            for j in self.body.jumps_from(b) {
                if self.analysis.inline_jump[j.0] {
                    stack.push(self.body.jumps[j.0].target);
                }
            }
        }
        out
    }

    /// `let sent = ..;` taking what the caller sent into a `yield_!` or a `yield_catch!`; for a
    /// throw or a close request at a plain `yield_!`, the step function returns `Unwind`
    /// (already done up front when every suspension point is a plain `yield_!`).
    pub(super) fn take_sent(
        &mut self,
        kind: SuspendKind,
        sent: Option<&TokenStream>,
    ) -> TokenStream {
        let input = names::input();
        if kind == SuspendKind::Catch {
            quote!(let #sent = ::coro::__private::catch(#input);)
        } else if self.layout.unwind == Unwind::UpFront {
            quote!(let #sent = ::coro::__private::sent(#input);)
        } else {
            let value = names::value();
            let other = names::other();
            let unwind = self.exit(Exit::Unwind, vec![quote!(#other)], Span::call_site());
            quote! {
                let #sent = match ::coro::__private::plain(#input) {
                    ::coro::__private::ControlFlow::Continue(#value) => #value,
                    ::coro::__private::ControlFlow::Break(#other) => { #unwind }
                };
            }
        }
    }

    /// `x`, or `mut x` for a binding something mutates (the value of a `yield_!` that a method
    /// borrows mutably).
    pub(super) fn binding_pat(&self, id: BindingId) -> TokenStream {
        let binding = self.body.binding(id);
        let ident = &binding.ident;
        if binding.mutable { quote!(mut #ident) } else { quote!(#ident) }
    }
}
