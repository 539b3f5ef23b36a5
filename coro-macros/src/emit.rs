//! Writes the state machine: the `__CoroState` enum (what a suspended coroutine keeps), the
//! `__CoroBlock` enum (where the step function goes next, with the locals it carries), and the
//! step function that matches on them.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};

use crate::analyse::Analysis;
use crate::ir::{BindingId, BlockId, BlockKind, Body, Cond, Env, JumpId, SuspendKind, Term};
use crate::naming;
use crate::parse::{Shape, Signature};

/// A variant of one of the two enums, and the locals it carries.
struct Variant {
    ident: syn::Ident,
    /// In declaration order; the enum declares them reversed, so that dropping a suspended
    /// coroutine drops them in the order plain Rust drops locals.
    fields: Vec<BindingId>,
    /// The value handed over by the jump (the sent value for a resumed block).
    param: Option<BindingId>,
}

pub struct Emitter<'a> {
    body: &'a Body,
    analysis: &'a Analysis,
    sig: &'a Signature,
    /// The `__CoroBlock` variant of each block that is not inlined (and not the entry).
    blocks: BTreeMap<BlockId, Variant>,
    /// The `__CoroState::SuspendN` variant of each suspension point.
    suspends: BTreeMap<usize, Variant>,
    pub errors: Vec<syn::Error>,
    /// Every local some variant carries or some statement assigns anew.
    saved: BTreeSet<BindingId>,
    /// The field that holds each binding, in every variant that holds it.
    field_names: Vec<syn::Ident>,
    /// The bindings of values sent into a plain `yield_!` or a `yield_catch!`: one type each.
    sent_kind: BTreeMap<BindingId, SuspendKind>,
    /// Resumed blocks whose code is written in the `match` on the state itself (see
    /// `direct_resumes`).
    direct: BTreeSet<BlockId>,
    /// Whether the code being written is in the `loop` over `__CoroBlock` (or in the first
    /// `match` on the state).
    in_loop: bool,
    start_label_used: bool,
    /// When every suspension point is a plain `yield_!`, a throw or a close request unwinds the
    /// body wherever it is suspended, so the step function returns for them up front, once,
    /// instead of in each resume arm (fewer `return`s to type-check in long bodies).
    unwind: Unwind,
    loop_label_used: bool,
}

fn state_ident() -> syn::Ident {
    syn::Ident::new("__CoroState", Span::call_site())
}

fn block_ident() -> syn::Ident {
    syn::Ident::new("__CoroBlock", Span::call_site())
}

// The two labels have the call site's hygiene, not `Span::mixed_site()`: with mixed-site labels
// rustc's type checking of a body with a few hundred jumps grows far faster than linearly (150
// `if`s around `yield_!`s: 8.2 s against 1.0 s to `cargo check`). The `__coro_` prefix keeps
// them apart from the user's labels.

/// Labels the `match` on the state, which jumps leave with `break`.
fn start_label() -> syn::Lifetime {
    syn::Lifetime::new("'__coro_start", Span::call_site())
}

/// Labels the `loop` over `__CoroBlock`, which jumps re-enter with `continue`.
fn loop_label() -> syn::Lifetime {
    syn::Lifetime::new("'__coro_loop", Span::call_site())
}

fn next_ident() -> syn::Ident {
    syn::Ident::new("__coro_block", Span::mixed_site())
}

impl<'a> Emitter<'a> {
    pub fn new(body: &'a Body, analysis: &'a Analysis, sig: &'a Signature) -> Self {
        let mut blocks = BTreeMap::new();
        let mut suspends = BTreeMap::new();
        let direct = direct_resumes(body, analysis);
        let mut joins = 0usize;
        for &b in &analysis.order {
            let block = body.block(b);
            let live: Vec<BindingId> = analysis.live_in[b.0].iter().copied().collect();
            match block.kind {
                BlockKind::Entry => {}
                BlockKind::Resume(k) => {
                    suspends.insert(
                        k,
                        Variant {
                            ident: format_ident!("Suspend{}", k),
                            // A `yield_from!` also keeps its delegate, declared last.
                            fields: match body.suspends[k].kind {
                                SuspendKind::Delegate(sub) => {
                                    live.iter().copied().chain([sub]).collect()
                                }
                                _ => live.clone(),
                            },
                            param: None,
                        },
                    );
                    if !direct.contains(&b) {
                        blocks.insert(
                            b,
                            Variant {
                                ident: format_ident!("Resume{}", k),
                                fields: live,
                                param: block.param,
                            },
                        );
                    }
                }
                BlockKind::Plain if analysis.variant[b.0] => {
                    blocks.insert(
                        b,
                        Variant {
                            ident: format_ident!("Join{}", joins),
                            fields: live,
                            param: block.param,
                        },
                    );
                    joins += 1;
                }
                BlockKind::Plain => {}
            }
        }
        // Saved locals, and locals assigned anew (`x = ..`) in some arm: their `mut` may be
        // needed only in another arm than the one that declares them.
        let saved = blocks
            .values()
            .chain(suspends.values())
            .flat_map(|v| v.fields.iter().copied())
            .chain(
                body.blocks
                    .iter()
                    .flat_map(|b| b.items.iter().flat_map(|i| i.kills.iter().copied())),
            )
            .collect();
        let sent_kind = body
            .blocks
            .iter()
            .filter_map(|b| match (b.kind, b.param) {
                (BlockKind::Resume(k), Some(p)) => match body.suspends[k].kind {
                    kind @ (SuspendKind::Plain | SuspendKind::Catch) => Some((p, kind)),
                    SuspendKind::Delegate(_) => None,
                },
                _ => None,
            })
            .collect();
        let field_names = naming::field_names(
            body,
            blocks.values().chain(suspends.values()).flat_map(|v| {
                v.fields
                    .iter()
                    .copied()
                    .chain(v.param)
                    .chain(body.block(BlockId(0)).entry_defs.iter().copied())
            }),
        );
        Emitter {
            field_names,
            body,
            analysis,
            sig,
            blocks,
            suspends,
            errors: Vec::new(),
            saved,
            sent_kind,
            direct,
            in_loop: false,
            start_label_used: false,
            unwind: if !body.suspends.is_empty()
                && body.suspends.iter().all(|s| s.kind == SuspendKind::Plain)
            {
                Unwind::UpFront
            } else {
                Unwind::PerArm
            },
            loop_label_used: false,
        }
    }

    /// The name of the field that carries `id`, the same in every variant (see
    /// `naming::field_names`).
    fn field_name(&self, id: BindingId) -> syn::Ident {
        self.field_names[id.0].clone()
    }

    /// Whether a field can be written in shorthand (`Variant { x }`): its name is the local's.
    fn shorthand(&self, id: BindingId) -> bool {
        self.field_names[id.0] == self.body.binding(id).ident
    }

    /// The name under which an arm restores `id`: the user's own name when nothing shadows it
    /// at the arm's start, a generated one otherwise.
    fn restored_name(&self, id: BindingId, entry_env: &Env) -> syn::Ident {
        let binding = self.body.binding(id);
        if binding.hidden || entry_env.get(&binding.name()) == Some(&id) {
            binding.ident.clone()
        } else {
            naming::alias(self.body, id)
        }
    }

    /// How code at a point with names `env`, inside the arm that restored `arm`, refers to `id`.
    fn name_at(&mut self, id: BindingId, env: &Env, arm: &Arm) -> TokenStream {
        // An alias holds the value from where it is made on, whatever the user's code sees.
        if let Some(ident) = arm.mangled.get(&id) {
            return quote!(#ident);
        }
        let binding = self.body.binding(id);
        if binding.hidden || env.get(&binding.name()) == Some(&id) {
            let ident = &binding.ident;
            return quote!(#ident);
        }
        self.errors.push(syn::Error::new(
            binding.ident.span(),
            format!(
                "`{}` is still needed after a suspension point, but a later `let {}` in the same \
                 block hides it there; rename one of the two",
                binding.name(),
                binding.name()
            ),
        ));
        quote!(())
    }

    /// `Variant { field: value, .. }` built at a point with names `env`.
    fn pack(
        &mut self,
        path: &TokenStream,
        variant_fields: &[BindingId],
        param: Option<(BindingId, TokenStream)>,
        env: &Env,
        arm: &Arm,
    ) -> TokenStream {
        let mut all: Vec<BindingId> = variant_fields.to_vec();
        all.extend(param.as_ref().map(|p| p.0));
        let mut inits = Vec::new();
        let mut values: Vec<(BindingId, TokenStream)> = Vec::new();
        for &id in variant_fields {
            let value = self.name_at(id, env, arm);
            values.push((id, value));
        }
        values.extend(param);
        for (id, value) in values {
            let field = self.field_name(id);
            if self.shorthand(id) && field == value.to_string() {
                // The value's own token: its span decides how the name resolves (and whether
                // lints see a use the user wrote).
                inits.push(value);
            } else {
                inits.push(quote!(#field: #value));
            }
        }
        let packed = quote!(#path { #(#inits),* });
        if all.iter().any(|&id| self.body.binding(id).is_guard()) {
            // Saving a `_name` guard is not a use the user wrote.
            let value = syn::Ident::new("__coro_packed", Span::mixed_site());
            quote!({
                #[allow(clippy::used_underscore_binding)]
                let #value = #packed;
                #value
            })
        } else {
            packed
        }
    }

    /// `Variant { field, #[allow(unused_mut)] mut other, .. }` restoring the locals of an arm.
    fn unpack(
        &self,
        path: &TokenStream,
        fields: &[BindingId],
        param: Option<BindingId>,
        entry_env: &Env,
    ) -> (TokenStream, Arm) {
        let mut all: Vec<BindingId> = fields.to_vec();
        all.extend(param);
        let mut pats = Vec::new();
        let mut arm = Arm::default();
        for &id in &all {
            let binding = self.body.binding(id);
            let field = self.field_name(id);
            let local = self.restored_name(id, entry_env);
            if local != binding.ident {
                arm.mangled.insert(id, local.clone());
            }
            // The attribute goes before the field, `mut` before the name it binds.
            let (allow, mutability) = if binding.mutable {
                (Some(quote!(#[allow(unused_mut)])), Some(quote!(mut)))
            } else {
                (None, None)
            };
            if self.shorthand(id) && local == binding.ident {
                pats.push(quote!(#allow #mutability #local));
            } else {
                pats.push(quote!(#allow #field: #mutability #local));
            }
        }
        arm.restored = all;
        (quote!(#path { #(#pats),* }), arm)
    }

    /// A variant's definition. Its fields' types are the enum's generic parameters, one per
    /// local (`generics`), shared by every variant that carries the local: a local has one
    /// type.
    fn variant_def(
        &self,
        variant: &Variant,
        generics: &mut Generics,
        doc: Option<String>,
    ) -> TokenStream {
        let mut all = variant.fields.clone();
        all.extend(variant.param);
        let mut defs = Vec::new();
        // Reverse declaration order: fields drop first to last, locals last to first.
        for &id in all.iter().rev() {
            let field = self.field_name(id);
            let key = match self.sent_kind.get(&id) {
                Some(&kind) => TypeKey::Sent(kind),
                None => TypeKey::Local(id),
            };
            let ty = generics.of(key);
            defs.push(quote!(#field: #ty));
        }
        let ident = &variant.ident;
        let doc = doc.map(|d| quote!(#[doc = #d]));
        quote!(#doc #ident { #(#defs),* })
    }

    // ---- code of blocks ------------------------------------------------------------------

    fn block_code(&mut self, id: BlockId, arm: &Arm) -> TokenStream {
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
                    binding.mutable && !binding.hidden && self.saved.contains(d)
                })
                .then(|| quote!(#[allow(unused_mut)]));
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
            // Lowering records every jump marker it writes into a statement in `jumps`.
            let tokens = if item.jumps.is_empty() {
                item.tokens.clone()
            } else {
                let markers: BTreeMap<String, JumpId> = item
                    .jumps
                    .iter()
                    .filter_map(|&j| Some((self.body.jumps[j.0].marker.as_ref()?.to_string(), j)))
                    .collect();
                self.substitute_jumps(item.tokens.clone(), &markers, &arm)
            };
            let shadowing = if hidden.is_empty() {
                None
            } else {
                match syn::parse2::<syn::Stmt>(tokens.clone()) {
                    Ok(syn::Stmt::Local(local)) => Some(local),
                    _ => None,
                }
            };
            if let Some(local) = shadowing {
                out.extend(self.shadowing_let(local, &hidden, attr.as_ref(), &mut arm));
            } else {
                out.extend(attr);
                out.extend(tokens);
            }
        }
        if let Term::Goto(j) = block.term
            && self.analysis.wrap[j.0]
        {
            let diverges = block.items.iter().rev().find(|i| !i.tokens.is_empty());
            let diverges = diverges.is_some_and(|i| may_diverge(&i.tokens));
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
        if ours && last.is_some_and(|i| may_diverge(&i.tokens)) {
            out.extend(quote!(#[allow(unreachable_code)] { #term }));
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
    fn scope_end(
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
            let guard =
                binding.is_guard().then(|| quote!(#[allow(clippy::used_underscore_binding)]));
            if binding.mutable {
                inner.extend(quote!(#guard #[allow(unused_mut)] let mut #name = #name;));
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
            quote!(#scope #[allow(unreachable_code)] { #target })
        } else {
            quote!(#scope #target)
        }
    }

    // Before:   let x = ..; match o { Some(x) => { yield_!(x); } None => {} } x
    // After:    the outer `x` moves to `__coro_x_1` before the `match` (the `Some` arm packs it
    //           from there); the `None` arm, where the user's `x` is the outer one again,
    //           starts with `let x = __coro_x_1;`.
    /// Gives back their own names to the aliased locals that the user's code at a block entry
    /// names again.
    fn unalias(&self, entry_env: &Env, arm: &mut Arm) -> TokenStream {
        let visible: Vec<BindingId> = arm
            .mangled
            .keys()
            .copied()
            .filter(|&b| entry_env.get(&self.body.binding(b).name()) == Some(&b))
            .collect();
        let mut out = TokenStream::new();
        for b in visible {
            let alias = arm.mangled.remove(&b).unwrap_or_else(|| unreachable!("listed above"));
            let pat = self.binding_pat(b);
            let allow = self.body.binding(b).mutable.then(|| quote!(#[allow(unused_mut)]));
            out.extend(quote!(#allow let #pat = #alias;));
        }
        out
    }

    // Before:   let x = f(&x);      (the outer `x` is needed after a later suspension point)
    // After:    let __coro_init = f(&x); let __coro_x_3 = x; let x = __coro_init;
    /// A `let` that hides a local still needed later: the initializer runs first, then the
    /// hidden local moves to a generated name that the rest of the arm packs it from.
    fn shadowing_let(
        &self,
        local: syn::Local,
        hidden: &[BindingId],
        attr: Option<&TokenStream>,
        arm: &mut Arm,
    ) -> TokenStream {
        let init_ident = syn::Ident::new("__coro_init", Span::mixed_site());
        let syn::Local { attrs, pat, init, .. } = local;
        let ty = match &pat {
            syn::Pat::Type(t) => {
                let ty = &t.ty;
                Some(quote!(: #ty))
            }
            _ => None,
        };
        let mut out = TokenStream::new();
        let (init, diverge) = match init {
            Some(init) => {
                let expr = &init.expr;
                out.extend(quote!(let #init_ident #ty = #expr;));
                (Some(quote!(= #init_ident)), init.diverge.map(|(_, d)| quote!(else #d)))
            }
            None => (None, None),
        };
        for &b in hidden {
            let binding = self.body.binding(b);
            let alias = naming::alias(self.body, b);
            out.extend(alias_statement(binding, &alias));
            arm.mangled.insert(b, alias);
        }
        out.extend(quote!(#attr #(#attrs)* let #pat #init #diverge;));
        out
    }

    // Before:   let x; yield_!(0); x = 2;
    // After:    the arm that runs up to the `yield_!` does not declare `x` (it would not learn
    //           its type there); the arm after it declares `let x;` before assigning it.
    /// Whether statement `i` of block `id` is a `let` without a value whose locals nothing in
    /// this arm mentions and no variant carries.
    fn unused_declaration(&self, id: BlockId, i: usize) -> bool {
        let item = &self.body.block(id).items[i];
        // Only a `let` (perhaps with attributes) can be one: skip parsing the rest.
        let may_be_let = match item.tokens.clone().into_iter().next() {
            Some(proc_macro2::TokenTree::Ident(ident)) => ident == "let",
            Some(proc_macro2::TokenTree::Punct(punct)) => punct.as_char() == '#',
            _ => false,
        };
        if item.defs.is_empty() || !may_be_let {
            return false;
        }
        let Ok(syn::Stmt::Local(local)) = syn::parse2::<syn::Stmt>(item.tokens.clone()) else {
            return false;
        };
        if local.init.is_some() || item.defs.is_empty() {
            return false;
        }
        let mentioned = self.mentioned_after(id, i + 1);
        let carried = |d: &BindingId| {
            self.blocks.values().chain(self.suspends.values()).any(|v| v.fields.contains(d))
        };
        item.defs.iter().all(|d| !carried(d) && !mentioned.contains(d))
    }

    /// The bindings used or assigned by the statements of block `id` from `from` on, and by
    /// the blocks written in place after them.
    fn mentioned_after(&self, id: BlockId, from: usize) -> BTreeSet<BindingId> {
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
    fn needed_after(&self, id: BlockId, i: usize) -> BTreeSet<BindingId> {
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

    /// Aliases, before a `match` or `if let` whose patterns hide locals still needed in the
    /// branches, for those locals; the scrutinee is evaluated first.
    fn pattern_aliases(&self, targets: &[JumpId], arm: &mut Arm) -> Option<TokenStream> {
        let mut out = TokenStream::new();
        for j in targets {
            let target = self.body.jumps[j.0].target;
            let block = self.body.block(target);
            for &b in &block.entry_shadows {
                if self.analysis.live_in[target.0].contains(&b) && !arm.mangled.contains_key(&b) {
                    let binding = self.body.binding(b);
                    let alias = naming::alias(self.body, b);
                    out.extend(alias_statement(binding, &alias));
                    arm.mangled.insert(b, alias);
                }
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// Writes the jumps of a verbatim statement where lowering left their markers.
    fn substitute_jumps(
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

    fn jump_code(&mut self, j: JumpId, arm: &Arm) -> TokenStream {
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
        let Some(variant) = self.blocks.get(&jump.target) else {
            unreachable!("every block that is not inlined has a variant")
        };
        let (fields, param, ident) = (variant.fields.clone(), variant.param, variant.ident.clone());
        let env = jump.env.clone();
        let enum_ident = block_ident();
        let diverging_value = value.as_ref().is_some_and(value_may_diverge);
        let (pre, param) = match (param, value) {
            (Some(p), Some(v)) => {
                let ident = &self.body.binding(p).ident;
                (quote!(let #ident = #v;), Some((p, quote!(#ident))))
            }
            (Some(p), None) => (quote!(), Some((p, quote!(())))),
            (None, Some(v)) => (quote!(#v;), None),
            (None, None) => (quote!(), None),
        };
        let packed = self.pack(&quote!(#enum_ident::#ident), &fields, param, &env, arm);
        // Assigning the variable at once (rather than breaking with a value) lets rustc learn the
        // types of the variant's fields before it checks the arm that destructures it.
        let next = next_ident();
        let transfer = if self.in_loop {
            self.loop_label_used = true;
            let label = loop_label();
            quote!(continue #label;)
        } else {
            self.start_label_used = true;
            let label = start_label();
            quote!(break #label;)
        };
        if diverging_value {
            // `match never {}` or `return` as a branch's value: the jump after it is unreachable,
            // and that is not the user's code to warn about.
            quote!(#pre #[allow(unreachable_code)] { #next = #packed; #transfer })
        } else {
            quote!(#pre #next = #packed; #transfer)
        }
    }

    fn term_code(&mut self, id: BlockId, arm: &Arm) -> TokenStream {
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
                        let temp = syn::Ident::new("__coro_scrutinee", Span::mixed_site());
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
                    let temp = syn::Ident::new("__coro_scrutinee", Span::mixed_site());
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
            Term::Suspend { value, suspend, resume } => {
                let variant = &self.suspends[suspend];
                let (fields, ident) = (variant.fields.clone(), variant.ident.clone());
                let env = self.body.block(*resume).entry_env.clone();
                let state = state_ident();
                let packed = self.pack(&quote!(#state::#ident), &fields, None, &env, arm);
                let point = &self.body.suspends[*suspend];
                let yielded = syn::Ident::new("__coro_yielded", Span::mixed_site());
                let span = point.span;
                let state_var = syn::Ident::new("__coro_state", Span::mixed_site());
                quote_spanned! {span=>
                    let #yielded = #value;
                    *#state_var = #packed;
                    return ::coro::__private::Step::Yield(#yielded);
                }
            }
            Term::Delegate { suspend, resume, done } => {
                let variant = &self.suspends[suspend];
                let (fields, ident) = (variant.fields.clone(), variant.ident.clone());
                let SuspendKind::Delegate(sub) = self.body.suspends[*suspend].kind else {
                    unreachable!("a `Delegate` terminator stands for a `yield_from!`")
                };
                let sub = self.body.binding(sub).ident.clone();
                let env = self.body.block(*resume).entry_env.clone();
                let state = state_ident();
                let packed = self.pack(&quote!(#state::#ident), &fields, None, &env, arm);
                let done = self.jump_code(*done, arm);
                let state_var = syn::Ident::new("__coro_state", Span::mixed_site());
                let yielded = syn::Ident::new("__coro_yielded", Span::mixed_site());
                let returned = syn::Ident::new("__coro_returned", Span::mixed_site());
                let other = syn::Ident::new("__coro_other", Span::mixed_site());
                let span = self.body.suspends[*suspend].span;
                let start = quote_spanned!(span=> ::coro::__private::Delegate::start(&mut #sub));
                quote! {
                    match #start {
                        ::coro::__private::Forward::Yielded(#yielded) => {
                            *#state_var = #packed;
                            return ::coro::__private::Step::Yield(#yielded);
                        }
                        ::coro::__private::Forward::Complete(#returned) => { #done }
                        ::coro::__private::Forward::Raise(#other) => {
                            return ::coro::__private::Step::Unwind(#other);
                        }
                    }
                }
            }
            Term::Return(value) => quote!(return ::coro::__private::Step::Complete(#value);),
        }
    }

    /// `let x;` for locals that an arm assigns before reading them and does not restore.
    fn uninit_decls(&self, root: BlockId, restored: &BTreeSet<BindingId>) -> TokenStream {
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
                        // Declared here because this arm assigns it; rustc and clippy see only
                        // this arm, not the one where the user's `let` stands.
                        out.extend(quote! {
                            #[allow(unused_mut, clippy::needless_late_init)]
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
    fn take_sent(&self, kind: SuspendKind, sent: Option<&TokenStream>) -> TokenStream {
        let input = syn::Ident::new("__coro_input", Span::mixed_site());
        if kind == SuspendKind::Catch {
            quote!(let #sent = ::coro::__private::catch(#input);)
        } else if self.unwind == Unwind::UpFront {
            quote!(let #sent = ::coro::__private::sent(#input);)
        } else {
            let value = syn::Ident::new("__coro_value", Span::mixed_site());
            let other = syn::Ident::new("__coro_other", Span::mixed_site());
            quote! {
                let #sent = match #input {
                    ::coro::__private::Input::Send(#value) => #value,
                    #other => return ::coro::__private::Step::Unwind(#other),
                };
            }
        }
    }

    /// `x`, or `mut x` for a binding something mutates (the value of a `yield_!` that a method
    /// borrows mutably).
    fn binding_pat(&self, id: BindingId) -> TokenStream {
        let binding = self.body.binding(id);
        let ident = &binding.ident;
        if binding.mutable { quote!(mut #ident) } else { quote!(#ident) }
    }

    // Before:   SuspendN { locals } => { take the sent value; __coro_block = ResumeN { .. } }
    //           and, in the loop, ResumeN { locals, sent } => { code }
    // After:    SuspendN { locals } => { take the sent value; code }
    /// The arm of a resumed block written in the `match` on the state.
    fn direct_arm(&mut self, b: BlockId, k: usize) -> TokenStream {
        let state = state_ident();
        let block = self.body.block(b);
        let entry_env = block.entry_env.clone();
        let suspend = self.suspends[&k].ident.clone();
        let fields = self.suspends[&k].fields.clone();
        let (pat, arm) = self.unpack(&quote!(#state::#suspend), &fields, None, &entry_env);
        // The arm itself uses the sent value: it may mutate it.
        let sent = block.param.map(|p| self.binding_pat(p));
        let take = self.take_sent(self.body.suspends[k].kind, sent.as_ref());
        let mut restored: BTreeSet<BindingId> = fields.iter().copied().collect();
        restored.extend(block.param);
        let decls = self.uninit_decls(b, &restored);
        let code: TokenStream = [take, decls, self.block_code(b, &arm)].into_iter().collect();
        let code = Group::new(Delimiter::Brace, code);
        quote!(#pat => #code)
    }

    // ---- the whole function body ---------------------------------------------------------

    pub fn emit(&mut self) -> TokenStream {
        let state = state_ident();
        let block_enum = block_ident();
        let input = syn::Ident::new("__coro_input", Span::mixed_site());
        let state_var = syn::Ident::new("__coro_state", Span::mixed_site());
        let next = next_ident();

        // The state enum.
        let entry = self.body.block(BlockId(0));
        let unresumed = Variant {
            ident: format_ident!("Unresumed"),
            fields: entry.entry_defs.clone(),
            param: None,
        };
        let mut state_generics = Generics::default();
        let mut state_variants = vec![self.variant_def(
            &unresumed,
            &mut state_generics,
            Some("Created: holds the arguments; no code has run.".into()),
        )];
        let suspend_keys: Vec<usize> = self.suspends.keys().copied().collect();
        for k in &suspend_keys {
            let point = &self.body.suspends[*k];
            let line = point.span.start().line;
            let doc = format!("Suspended at `{}` (line {line}).", point.source);
            state_variants.push(self.variant_def(
                &self.suspends[k],
                &mut state_generics,
                Some(doc),
            ));
        }
        let suspend_idents: Vec<syn::Ident> =
            suspend_keys.iter().map(|k| self.suspends[k].ident.clone()).collect();

        // The block enum.
        let mut block_generics = Generics::default();
        let mut block_variants = Vec::new();
        let block_keys: Vec<BlockId> = self.blocks.keys().copied().collect();
        for b in &block_keys {
            let doc = match self.body.block(*b).kind {
                BlockKind::Resume(k) => {
                    format!("Resuming after `{}`.", self.body.suspends[k].source)
                }
                _ => "A join point of the control flow.".to_owned(),
            };
            block_variants.push(self.variant_def(&self.blocks[b], &mut block_generics, Some(doc)));
        }

        // The arms that start a resume: run the entry, or take the sent value.
        let mut first_arms = Vec::new();
        let entry_env = entry.entry_env.clone();
        let (pat, arm) =
            self.unpack(&quote!(#state::Unresumed), &unresumed.fields, None, &entry_env);
        let restored: BTreeSet<BindingId> = unresumed.fields.iter().copied().collect();
        let decls = self.uninit_decls(BlockId(0), &restored);
        let code = self.block_code(BlockId(0), &arm);
        first_arms.push(quote!(#pat => { let _ = #input; #decls #code }));
        let mut loop_arms = Vec::new();
        for &b in &self.analysis.order.clone() {
            let block = self.body.block(b);
            if let BlockKind::Resume(k) = block.kind
                && self.direct.contains(&b)
            {
                first_arms.push(self.direct_arm(b, k));
                continue;
            }
            let Some(variant) = self.blocks.get(&b) else { continue };
            let (ident, fields, param) =
                (variant.ident.clone(), variant.fields.clone(), variant.param);
            let entry_env = block.entry_env.clone();
            if let BlockKind::Resume(k) = block.kind {
                let suspend = self.suspends[&k].ident.clone();
                let suspend_fields = self.suspends[&k].fields.clone();
                let (pat, arm) =
                    self.unpack(&quote!(#state::#suspend), &suspend_fields, None, &entry_env);
                let sent = param.map(|p| self.body.binding(p).ident.clone());
                let value = syn::Ident::new("__coro_value", Span::mixed_site());
                let other = syn::Ident::new("__coro_other", Span::mixed_site());
                let sent_tokens = sent.as_ref().map(|s| quote!(#s));
                let packed = self.pack(
                    &quote!(#block_enum::#ident),
                    &fields,
                    param.zip(sent_tokens),
                    &entry_env,
                    &arm,
                );
                let body = match self.body.suspends[k].kind {
                    kind @ (SuspendKind::Plain | SuspendKind::Catch) => {
                        // Moved on into the block: the loop's arm binds it `mut` if need be.
                        let sent = sent.as_ref().map(|s| quote!(#s));
                        let take = self.take_sent(kind, sent.as_ref());
                        quote!(#take #next = #packed;)
                    }
                    SuspendKind::Delegate(sub) => {
                        let sub = &self.body.binding(sub).ident;
                        let again = self.pack(
                            &quote!(#state::#suspend),
                            &suspend_fields,
                            None,
                            &entry_env,
                            &arm,
                        );
                        let span = self.body.suspends[k].span;
                        let forward = quote_spanned! {span=>
                            ::coro::__private::Delegate::forward(&mut #sub, #input)
                        };
                        quote! {
                            match #forward {
                                ::coro::__private::Forward::Yielded(#value) => {
                                    *#state_var = #again;
                                    return ::coro::__private::Step::Yield(#value);
                                }
                                ::coro::__private::Forward::Complete(#value) => {
                                    let #sent = #value;
                                    #next = #packed;
                                }
                                ::coro::__private::Forward::Raise(#other) => {
                                    return ::coro::__private::Step::Unwind(#other);
                                }
                            }
                        }
                    }
                };
                first_arms.push(quote!(#pat => { #body }));
            }
            let (pat, arm) = self.unpack(&quote!(#block_enum::#ident), &fields, param, &entry_env);
            let mut restored: BTreeSet<BindingId> = fields.iter().copied().collect();
            restored.extend(param);
            let decls = self.uninit_decls(b, &restored);
            self.in_loop = true;
            let code = self.block_code(b, &arm);
            self.in_loop = false;
            loop_arms.push(quote!(#pat => { #decls #code }));
        }
        let reserved =
            quote!(#state::Returned | #state::Poisoned => ::coro::__private::unreachable_state(),);

        let infer_state: Vec<TokenStream> =
            state_generics.params.iter().map(|_| quote!(_)).collect();
        let (state_generics, block_generics) = (state_generics.params, block_generics.params);
        let (send, yield_ty, return_ty, error_ty) =
            (&self.sig.send, &self.sig.yield_ty, &self.sig.return_ty, &self.sig.error_ty);
        let step_body = if block_keys.is_empty() {
            quote! {
                match ::coro::__private::take(#state_var) {
                    #(#first_arms)*
                    #reserved
                }
            }
        } else {
            let infer_block = block_generics.iter().map(|_| quote!(_));
            let start = self.start_label_used.then(|| {
                let label = start_label();
                quote!(#label:)
            });
            let looping = self.loop_label_used.then(|| {
                let label = loop_label();
                quote!(#label:)
            });
            quote! {
                let mut #next: #block_enum<#(#infer_block),*>;
                #start {
                    match ::coro::__private::take(#state_var) {
                        #(#first_arms)*
                        #reserved
                    }
                }
                #looping loop {
                    match #next {
                        #(#loop_arms)*
                    }
                }
            }
        };

        let lints = crate::lints::enum_allows();
        let block_def = (!block_keys.is_empty()).then(|| {
            quote! {
                #lints
                enum #block_enum<#(#block_generics),*> {
                    #(#block_variants),*
                }
            }
        });
        // The arguments move into `Unresumed`; the receiver is `self` out here.
        let inits = unresumed.fields.iter().map(|&id| {
            let field = self.field_name(id);
            let binding = self.body.binding(id);
            if binding.name() == "__coro_self" {
                let this = syn::Ident::new("self", binding.ident.span());
                quote!(#field: #this)
            } else if field == binding.ident {
                quote!(#field)
            } else {
                let ident = &binding.ident;
                quote!(#field: #ident)
            }
        });
        let unresumed_init = quote!(#state::Unresumed { #(#inits),* });
        let throw = &self.sig.throw;
        let unwind = (self.unwind == Unwind::UpFront).then(|| {
            quote! {
                if let ::coro::__private::Input::Throw(_) | ::coro::__private::Input::Close = #input {
                    return ::coro::__private::Step::Unwind(#input);
                }
            }
        });
        let machine = quote! {
            ::coro::__private::Machine::new(
                #unresumed_init,
                // Not `move`: the body reads nothing from outside the state, and a capture would be
                // a bug that should not compile.
                |#state_var: &mut #state<#(#infer_state),*>, #input: ::coro::__private::Input<#send, #error_ty>|
                    -> ::coro::__private::Step<#yield_ty, #return_ty, #send, #error_ty>
                {
                    #unwind
                    #step_body
                },
                #throw,
            )
        };
        let machine = boxed(self.sig.shape, machine);
        let state_impl = state_enum_impl(&state_generics, &suspend_idents);
        let items = &self.body.items;
        quote! {
            #(#items)*
            #lints
            enum #state<#(#state_generics),*> {
                #(#state_variants,)*
                Returned,
                Poisoned,
            }
            #state_impl
            #block_def
            #machine
        }
    }
}

/// Where the step function returns for a throw or a close request at a plain `yield_!`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unwind {
    /// Every suspension point is a plain `yield_!`: once, before the state is taken.
    UpFront,
    /// In each plain `yield_!`'s resume arm.
    PerArm,
}

/// Names an arm gave to locals whose own names something else hides there.
#[derive(Default, Clone)]
pub struct Arm {
    mangled: BTreeMap<BindingId, syn::Ident>,
    /// The locals the arm's pattern restored, until the code of its first block is written.
    restored: Vec<BindingId>,
}

fn boxed(shape: Shape, machine: TokenStream) -> TokenStream {
    match shape {
        Shape::Opaque => machine,
        Shape::PinBox => quote!(::coro::__private::Box::pin(#machine)),
        Shape::Box => quote!(::coro::__private::Box::new(#machine)),
    }
}

/// `impl StateEnum for __CoroState`: how `Machine` tells the stage of a state.
fn state_enum_impl(generics: &[syn::Ident], suspends: &[syn::Ident]) -> TokenStream {
    let state = state_ident();
    // Every other variant is a suspension point (one arm, not one per point: long bodies).
    let suspended =
        (!suspends.is_empty()).then(|| quote!(_ => ::coro::__private::Status::Suspended,));
    quote! {
        impl<#(#generics),*> ::coro::__private::StateEnum for #state<#(#generics),*> {
            fn returned() -> Self {
                #state::Returned
            }
            fn poisoned() -> Self {
                #state::Poisoned
            }
            fn status(&self) -> ::coro::__private::Status {
                match self {
                    #state::Unresumed { .. } => ::coro::__private::Status::Created,
                    #state::Returned | #state::Poisoned => ::coro::__private::Status::Completed,
                    #suspended
                }
            }
            fn is_poisoned(&self) -> bool {
                match self {
                    #state::Poisoned => true,
                    _ => false,
                }
            }
        }
    }
}

/// The body of a coroutine whose expansion failed: a machine with the signature's types that
/// panics if it is ever resumed, so that callers type-check and only the real error shows.
pub fn stub(sig: &Signature) -> TokenStream {
    let state = state_ident();
    let (send, yield_ty, return_ty, error_ty, throw) =
        (&sig.send, &sig.yield_ty, &sig.return_ty, &sig.error_ty, &sig.throw);
    let params = sig.params.iter().map(|p| &p.ident);
    let lints = crate::lints::enum_allows();
    let state_impl = state_enum_impl(&[], &[]);
    let machine = quote! {
        ::coro::__private::Machine::new(
            #state::Unresumed {},
            |_: &mut #state, _: ::coro::__private::Input<#send, #error_ty>|
                -> ::coro::__private::Step<#yield_ty, #return_ty, #send, #error_ty>
            {
                ::coro::__private::failed_to_compile()
            },
            #throw,
        )
    };
    let machine = boxed(sig.shape, machine);
    quote! {
        #lints
        enum #state {
            Unresumed {},
            Returned,
            Poisoned,
        }
        #state_impl
        let _ = (#(#params,)*);
        #machine
    }
}

/// Whether a statement may end in a call that never returns (`panic!()`, `process::exit`),
/// as far as its shape tells: macro and function calls and control flow may; `let` and
/// assignments are taken not to.
fn may_diverge(stmt: &TokenStream) -> bool {
    match syn::parse2::<syn::Stmt>(stmt.clone()) {
        Ok(syn::Stmt::Macro(_)) => true,
        Ok(syn::Stmt::Expr(expr, _)) => !matches!(
            expr,
            syn::Expr::Assign(_) | syn::Expr::Binary(_) | syn::Expr::Path(_) | syn::Expr::Lit(_)
        ),
        _ => false,
    }
}

/// Whether a value handed to a join point may be an expression that never produces a value
/// (`match never {}`, `return`, a call to a `-> !` function).
fn value_may_diverge(value: &TokenStream) -> bool {
    !matches!(
        syn::parse2::<syn::Expr>(value.clone()),
        Ok(syn::Expr::Path(_) | syn::Expr::Lit(_) | syn::Expr::Tuple(_) | syn::Expr::Binary(_))
    )
}

/// Resumed blocks that can be written in the `match` on the state rather than reached through
/// `__CoroBlock`: rustc learns the types of a variant's fields from the first place that
/// builds it, so a resumed block may destructure its `SuspendN` in the first `match` when some
/// arm written before it (the entry, or an earlier such block) builds `SuspendN`. A
/// `yield_from!` keeps going through `__CoroBlock`, which its delegate's return value jumps to.
fn direct_resumes(body: &Body, analysis: &Analysis) -> BTreeSet<BlockId> {
    // The blocks that suspend and resume in each resume block.
    let mut suspending: BTreeMap<BlockId, Vec<usize>> = BTreeMap::new();
    for (p, block) in body.blocks.iter().enumerate() {
        if let Term::Suspend { resume, .. } = block.term {
            suspending.entry(resume).or_default().push(p);
        }
    }
    let mut direct = BTreeSet::new();
    for &b in &analysis.order {
        let BlockKind::Resume(k) = body.block(b).kind else { continue };
        if matches!(body.suspends[k].kind, SuspendKind::Delegate(_)) {
            continue;
        }
        // A variant with no fields has nothing to infer.
        let nothing_to_infer = analysis.live_in[b.0].is_empty();
        let built_earlier = nothing_to_infer
            || suspending.get(&b).into_iter().flatten().any(|&p| {
                analysis.roots[p].iter().any(|root| {
                    matches!(body.block(*root).kind, BlockKind::Entry) || direct.contains(root)
                })
            });
        if built_earlier {
            direct.insert(b);
        }
    }
    direct
}

/// `let __coro_x_3 = x;`: a hidden local moves to a generated name (moving a `_name` guard is
/// not a use the user wrote).
fn alias_statement(binding: &crate::ir::Binding, alias: &syn::Ident) -> TokenStream {
    let ident = &binding.ident;
    let allow = binding.is_guard().then(|| quote!(#[allow(clippy::used_underscore_binding)]));
    quote!(#allow let #alias = #ident;)
}

/// What a generic parameter of the enums stands for: a local, or the value every plain
/// `yield_!` (every `yield_catch!`) receives, which has one type however many there are.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum TypeKey {
    Local(BindingId),
    Sent(SuspendKind),
}

/// The generic parameters of one of the two enums: one per local its variants carry (and one
/// for the sent values). Every use of a variant instantiates all of them, and each parameter
/// whose type rustc has not seen yet leaves an obligation pending that it re-examines at every
/// later step: that, not the count itself, is what makes bodies with hundreds of saved locals
/// slow to type-check (BENCHMARKS.md, "Compile time").
#[derive(Default)]
struct Generics {
    by_key: BTreeMap<TypeKey, syn::Ident>,
    params: Vec<syn::Ident>,
}

impl Generics {
    fn of(&mut self, key: TypeKey) -> syn::Ident {
        if let Some(ident) = self.by_key.get(&key) {
            return ident.clone();
        }
        let ident = format_ident!("T{}", self.params.len(), span = Span::mixed_site());
        self.params.push(ident.clone());
        self.by_key.insert(key, ident.clone());
        ident
    }
}
