//! What a binding's initializer borrows, and whether a binding certainly owns its data: enough
//! to recognise a borrow of a coroutine-owned local kept across a suspension point, which
//! would make the state borrow itself.
//!
//! Both questions are answered syntactically and conservatively: a binding counts as owning
//! only when its initializer or type says so (`vec![..]`, `String::new()`, `.collect()`,
//! `Vec<T>`, ...), and a borrow only when it is written (`&v`, `v.iter()`, `for x in &v`). A
//! borrow this misses still fails to compile, with rustc's message instead of ours.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Expr, Type};

/// Methods that return something borrowing their receiver.
const BORROWING_METHODS: &[&str] = &[
    "iter",
    "iter_mut",
    "chars",
    "char_indices",
    "bytes",
    "lines",
    "split",
    "split_whitespace",
    "split_terminator",
    "windows",
    "chunks",
    "chunks_exact",
    "keys",
    "values",
    "values_mut",
    "drain",
    "as_str",
    "as_slice",
    "as_mut_slice",
    "as_bytes",
    "as_ref",
    "as_mut",
    "get",
    "get_mut",
    "first",
    "last",
    "trim",
    "peekable",
];

/// Iterator adapters that keep the borrow of the iterator they wrap.
const ADAPTERS: &[&str] = &[
    "map",
    "filter",
    "filter_map",
    "flat_map",
    "enumerate",
    "zip",
    "skip",
    "take",
    "skip_while",
    "take_while",
    "step_by",
    "rev",
    "chain",
    "inspect",
];

/// Owned-data constructors: a local initialised by one of these owns what it holds.
const OWNING_CALLS: &[&str] = &["new", "with_capacity", "from", "default", "from_iter"];
const OWNING_METHODS: &[&str] =
    &["to_string", "to_owned", "to_vec", "collect", "clone", "into_owned", "into_boxed_slice"];
const OWNING_TYPES: &[&str] = &[
    "Vec",
    "String",
    "Box",
    "VecDeque",
    "HashMap",
    "BTreeMap",
    "HashSet",
    "BTreeSet",
    "BinaryHeap",
];

/// The locals that `expr` visibly borrows, each with the borrowing expression.
pub fn borrowed_roots(expr: &Expr) -> Vec<(syn::Ident, TokenStream)> {
    let mut out = Vec::new();
    collect(expr, &mut out);
    out
}

fn collect(expr: &Expr, out: &mut Vec<(syn::Ident, TokenStream)>) {
    match expr {
        Expr::Reference(r) => {
            if let Some(root) = place_root(&r.expr) {
                out.push((root, r.to_token_stream()));
            }
        }
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            if BORROWING_METHODS.contains(&name.as_str())
                && let Some(root) = place_root(&m.receiver)
            {
                out.push((root, m.to_token_stream()));
            } else if ADAPTERS.contains(&name.as_str()) {
                // `v.iter().map(..)`: the borrow is further down the chain.
                collect(&m.receiver, out);
            }
        }
        // A closure that is not `move` borrows every local it names.
        Expr::Closure(c) if c.capture.is_none() => {
            for ident in crate::scan::FreeVars::of_expr(&c.body) {
                out.push((ident, c.to_token_stream()));
            }
        }
        Expr::Paren(p) => collect(&p.expr, out),
        Expr::Call(c) => c.args.iter().for_each(|a| collect(a, out)),
        Expr::Tuple(t) => t.elems.iter().for_each(|e| collect(e, out)),
        _ => {}
    }
}

/// `v`, `v.field`, `v[i]`: the local a place expression starts from.
fn place_root(expr: &Expr) -> Option<syn::Ident> {
    match expr {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident().cloned(),
        Expr::Field(f) => place_root(&f.base),
        Expr::Index(i) => place_root(&i.expr),
        Expr::Paren(p) => place_root(&p.expr),
        _ => None,
    }
}

/// Whether a local initialised with `init` (and declared with type `ty`) certainly owns its
/// data, rather than being a reference or something borrowing.
pub fn owns(init: Option<&Expr>, ty: Option<&Type>) -> bool {
    if let Some(ty) = ty {
        return owning_type(ty);
    }
    match init {
        Some(Expr::Macro(m)) => crate::macros::lookup(&m.mac).is_some_and(|m| m.owns),
        Some(Expr::Call(c)) => match &*c.func {
            Expr::Path(p) => {
                p.path
                    .segments
                    .last()
                    .is_some_and(|s| OWNING_CALLS.contains(&&*s.ident.to_string()))
                    && p.path.segments.len() > 1
            }
            _ => false,
        },
        Some(Expr::MethodCall(m)) => OWNING_METHODS.contains(&&*m.method.to_string()),
        Some(Expr::Array(_) | Expr::Repeat(_)) => true,
        _ => false,
    }
}

pub fn owning_type(ty: &Type) -> bool {
    match ty {
        Type::Array(_) => true,
        Type::Path(p) => {
            p.qself.is_none()
                && p.path
                    .segments
                    .last()
                    .is_some_and(|s| OWNING_TYPES.contains(&&*s.ident.to_string()))
        }
        Type::Paren(p) => owning_type(&p.elem),
        _ => false,
    }
}
