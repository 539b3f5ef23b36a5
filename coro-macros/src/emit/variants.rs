//! Variants built and destructured, and the names a local has in an arm: its own, or an alias
//! where a binding of the user's hides it.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Arm, Emitter};
use crate::ir::{BindingId, Env, JumpId};
use crate::layout::{Generics, Variant};
use crate::names;

impl Emitter<'_> {
    /// The name of the field that carries `id`, the same in every variant (see
    /// `naming::field_names`).
    pub(super) fn field_name(&self, id: BindingId) -> syn::Ident {
        self.layout.field_names[id.0].clone()
    }

    /// The name under which an arm restores `id`: the user's own name when nothing shadows it
    /// at the arm's start, a generated one otherwise.
    pub(super) fn restored_name(&self, id: BindingId, entry_env: &Env) -> syn::Ident {
        let binding = self.body.binding(id);
        if binding.hidden || entry_env.get(&binding.name()) == Some(&id) {
            binding.ident.clone()
        } else {
            names::alias(&self.body.binding(id).name(), id.0)
        }
    }

    /// How code inside the arm `arm` refers to `id`.
    pub(super) fn name_at(&self, id: BindingId, arm: &Arm) -> TokenStream {
        // An alias holds the value from where it is made on, whatever the user's code sees.
        if let Some(ident) = arm.mangled.get(&id) {
            return quote!(#ident);
        }
        // Otherwise the user's name refers to it here: a `let` or a pattern that hides a local
        // still needed made an alias for it first (`shadowing_let`, `pattern_aliases`, the
        // names an arm restores), and `naming::check` reported the hiding no alias can serve.
        let ident = &self.body.binding(id).ident;
        quote!(#ident)
    }

    /// The values of `fields` (and the param's value) inside the arm `arm`, in order: what a
    /// segment hands to the exit that builds their variant.
    pub(super) fn values(
        &self,
        fields: &[BindingId],
        param: Option<(BindingId, TokenStream)>,
        arm: &Arm,
    ) -> Vec<TokenStream> {
        let mut values: Vec<(BindingId, TokenStream)> =
            fields.iter().map(|&id| (id, self.name_at(id, arm))).collect();
        values.extend(param);
        values
            .into_iter()
            .map(|(id, value)| {
                if self.body.binding(id).is_guard() {
                    // Saving a `_name` guard is not a use the user wrote.
                    let packed = names::packed();
                    let guard = crate::lints::guard_moved();
                    quote!({
                        #guard
                        let #packed = #value;
                        #packed
                    })
                } else {
                    value
                }
            })
            .collect()
    }

    /// The parameters of a segment that restores `fields` (and `param`): `x`,
    /// `#[allow(unused_mut)] mut y`, or a generated name where something hides the local's
    /// own at the segment's start; and how the segment refers to each.
    pub(super) fn params(
        &self,
        fields: &[BindingId],
        param: Option<BindingId>,
        entry_env: &Env,
    ) -> (Vec<TokenStream>, Arm) {
        let mut all: Vec<BindingId> = fields.to_vec();
        all.extend(param);
        let mut pats = Vec::new();
        let mut arm = Arm::default();
        for &id in &all {
            let binding = self.body.binding(id);
            let local = self.restored_name(id, entry_env);
            if local != binding.ident {
                arm.mangled.insert(id, local.clone());
            }
            if binding.mutable {
                let allow = crate::lints::mut_elsewhere();
                pats.push(quote!(#allow mut #local));
            } else {
                pats.push(quote!(#local));
            }
        }
        arm.restored = all;
        (pats, arm)
    }

    /// A variant's definition. Its fields' types are the enum's generic parameters, one per
    /// local, shared by every variant that carries the local: a local has one type.
    pub(super) fn variant_def(&self, variant: &Variant, generics: &Generics) -> TokenStream {
        let all = variant.all();
        // Reverse declaration order: fields drop first to last, locals last to first.
        let defs = all.iter().rev().map(|&id| {
            let field = self.field_name(id);
            let ty = generics.of(self.layout.type_key(id));
            quote!(#field: #ty)
        });
        let ident = &variant.ident;
        let doc = &variant.doc;
        quote!(#[doc = #doc] #ident { #(#defs),* })
    }

    // Before:   let x = ..; match o { Some(x) => { yield_!(x); } None => {} } x
    // After:    the outer `x` moves to `__coro_x_1` before the `match` (the `Some` arm packs it
    //           from there); the `None` arm, where the user's `x` is the outer one again,
    //           starts with `let x = __coro_x_1;`.
    /// Gives back their own names to the aliased locals that the user's code at a block entry
    /// names again.
    pub(super) fn unalias(&self, entry_env: &Env, arm: &mut Arm) -> TokenStream {
        let visible: Vec<BindingId> = arm
            .mangled
            .keys()
            .copied()
            .filter(|&b| entry_env.get(&self.body.binding(b).name()) == Some(&b))
            .collect();
        visible.into_iter().map(|b| self.give_back(b, arm)).collect()
    }

    /// `let __coro_x_3 = x;`: moves `b` to its alias, which the arm refers to it by from now on
    /// (moving a `_name` guard is not a use the user wrote).
    pub(super) fn alias(&self, b: BindingId, arm: &mut Arm) -> TokenStream {
        let binding = self.body.binding(b);
        let alias = names::alias(&binding.name(), b.0);
        let ident = &binding.ident;
        let allow = binding.is_guard().then(crate::lints::guard_moved);
        arm.mangled.insert(b, alias.clone());
        quote!(#allow let #alias = #ident;)
    }

    /// `let x = __coro_x_3;`: gives `b` its own name back, where the user's code names it again.
    pub(super) fn give_back(&self, b: BindingId, arm: &mut Arm) -> TokenStream {
        let Some(alias) = arm.mangled.remove(&b) else { return TokenStream::new() };
        let pat = self.binding_pat(b);
        let allow = self.body.binding(b).mutable.then(crate::lints::mut_elsewhere);
        quote!(#allow let #pat = #alias;)
    }

    // Before:   let x = f(&x);      (the outer `x` is needed after a later suspension point)
    // After:    let __coro_init = f(&x); let __coro_x_3 = x; let x = __coro_init;
    /// A `let` that hides a local still needed later: the initializer runs first, then the
    /// hidden local moves to a generated name that the rest of the arm packs it from.
    pub(super) fn shadowing_let(
        &self,
        local: syn::Local,
        hidden: &[BindingId],
        attr: Option<&TokenStream>,
        arm: &mut Arm,
    ) -> TokenStream {
        let init_ident = names::init();
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
            out.extend(self.alias(b, arm));
        }
        out.extend(quote!(#attr #(#attrs)* let #pat #init #diverge;));
        out
    }

    /// Aliases, before a `match` or `if let` whose patterns hide locals still needed in the
    /// branches, for those locals; the scrutinee is evaluated first.
    pub(super) fn pattern_aliases(&self, targets: &[JumpId], arm: &mut Arm) -> Option<TokenStream> {
        let mut out = TokenStream::new();
        for j in targets {
            let target = self.body.jumps[j.0].target;
            let block = self.body.block(target);
            for &b in &block.entry_shadows {
                if self.analysis.live_in[target.0].contains(&b) && !arm.mangled.contains_key(&b) {
                    out.extend(self.alias(b, arm));
                }
            }
        }
        (!out.is_empty()).then_some(out)
    }
}
