//! How generated code names each binding: the field that holds it in every variant, the local
//! an arm restores it into, and the aliases that keep a local reachable where a later binding
//! of the user's hides its name. Also the one case no alias can serve, reported on the user's
//! code before anything is emitted.

use std::collections::BTreeSet;

use proc_macro2::Span;

use crate::analyse::Analysis;
use crate::ir::{BindingId, Body, Cond, Item, Term};

/// One field name per binding, the same in every variant that holds it: the user's name, or
/// for a local whose name an earlier saved local of the body already has, the name with the
/// number of earlier ones (`x`, `x_1`, `x_2`). Hidden bindings keep their generated names.
pub fn field_names(body: &Body, saved: impl IntoIterator<Item = BindingId>) -> Vec<syn::Ident> {
    let mut names: Vec<syn::Ident> = body.bindings.iter().map(|b| b.ident.clone()).collect();
    let mut saved: Vec<BindingId> = saved.into_iter().collect();
    saved.sort();
    saved.dedup();
    // Every name a field may not take: the user's own names, then each suffixed one given out.
    let mut taken: BTreeSet<String> = saved.iter().map(|&id| body.binding(id).name()).collect();
    let mut first: BTreeSet<String> = BTreeSet::new();
    for id in saved {
        let binding = body.binding(id);
        let name = binding.name();
        if binding.hidden || first.insert(name.clone()) {
            continue;
        }
        let bare = name.trim_start_matches("r#");
        let mut n = 1;
        while taken.contains(&format!("{bare}_{n}")) {
            n += 1;
        }
        let field = format!("{bare}_{n}");
        taken.insert(field.clone());
        names[id.0] = syn::Ident::new(&field, binding.ident.span());
    }
    names
}

/// The locals that a jump written inside the verbatim statement `item` must pack, but that the
/// statement's own bindings hide where the jump is (`if n > 3 { let x = n; break; }` with the
/// outer `x` needed after the loop): the emitter moves them to aliases before the statement.
pub fn hidden_at_jumps(body: &Body, analysis: &Analysis, item: &Item) -> Vec<BindingId> {
    let mut out = Vec::new();
    for j in &item.jumps {
        let jump = &body.jumps[j.0];
        for &b in &analysis.live_in[jump.target.0] {
            let binding = body.binding(b);
            let name = binding.name();
            if !binding.hidden
                && jump.hidden.contains(&name)
                && jump.env.get(&name) == Some(&b)
                && !out.contains(&b)
            {
                out.push(b);
            }
        }
    }
    out
}

// Before:   if let Some(x) = a && x.len() > n { .. }    (with an outer `x` needed after the `if`)
// After:    an error on the `let`: the outer `x` would have to move to an alias before the
//           chain, but the chain's `n` or scrutinees might use it, and a chain cannot be split.
/// Bindings that a `let` chain's patterns hide, that the code after the chain needs, and that
/// the chain itself uses: the one place where the emitter could not keep both reachable.
pub fn check(body: &Body, analysis: &Analysis) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    // A statement that hides a local needed where one of its jumps goes, and uses that local
    // itself: the local cannot move to an alias before it.
    for block in body.blocks.iter().filter(|b| b.started) {
        for item in &block.items {
            for b in hidden_at_jumps(body, analysis, item) {
                if !item.uses.contains(&b) {
                    continue;
                }
                let name = body.binding(b).name();
                let Some((span, keyword)) = item.jumps.iter().find_map(|j| {
                    let jump = &body.jumps[j.0];
                    jump.span.filter(|_| jump.hidden.contains(&name))
                }) else {
                    continue;
                };
                let message = format!(
                    "`{name}` is still needed after this `{keyword}`, but a binding of the same \
                     statement hides it here and the statement also uses it, so it cannot be \
                     kept under another name; rename one of the two"
                );
                errors.push(hiding_error(body, span, &message, b));
            }
        }
    }
    for block in &body.blocks {
        let Term::If { cond: Cond::Chain { uses, .. }, then, otherwise } = &block.term else {
            continue;
        };
        for j in [then, otherwise] {
            let target = body.jumps[j.0].target;
            let target_block = body.block(target);
            for &hidden in &target_block.entry_shadows {
                if !analysis.live_in[target.0].contains(&hidden) || !uses.contains(&hidden) {
                    continue;
                }
                let name = body.binding(hidden).name();
                let Some(&def) =
                    target_block.entry_defs.iter().find(|&&d| body.binding(d).name() == name)
                else {
                    continue;
                };
                let message = format!(
                    "this `{name}` hides the `{name}` that the same `let` chain uses and that is \
                     still needed after a suspension point; rename one of the two"
                );
                let span = body.binding(def).ident.span();
                errors.push(hiding_error(body, span, &message, hidden));
            }
        }
    }
    errors
}

/// `message` at `span`, and a note on the declaration of the hidden binding.
fn hiding_error(body: &Body, span: Span, message: &str, hidden: BindingId) -> syn::Error {
    let binding = body.binding(hidden);
    let mut error = syn::Error::new(span, message);
    error.combine(syn::Error::new(
        binding.ident.span(),
        format!("the hidden `{}` is declared here", binding.name()),
    ));
    error
}
