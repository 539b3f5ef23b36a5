//! Reads the coroutine function: its signature's send, yield, return and error types, its
//! parameters, and what the attribute was given.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{FnArg, GenericArgument, ItemFn, PathArguments, ReturnType, Type, TypeParamBound};

use crate::lower::Param;

/// How the function hands out its coroutine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `impl Coroutine<..>` / `impl Iterator<Item = ..>`: the machine itself.
    Opaque,
    /// `Pin<Box<dyn Coroutine<..>>>`.
    PinBox,
    /// `Box<dyn Coroutine<..>>`.
    Box,
}

/// What the expansion needs to know about the function.
pub struct Signature {
    pub send: TokenStream,
    pub yield_ty: TokenStream,
    pub return_ty: TokenStream,
    pub error_ty: TokenStream,
    /// `fn(Error) -> Return`: how an unhandled thrown error becomes the return value.
    pub throw: TokenStream,
    pub shape: Shape,
    pub params: Vec<Param>,
}

fn infer() -> TokenStream {
    quote!(_)
}

/// The signature, when its types could be read, and every error found in it. A signature with
/// errors but readable types still gives the stand-in body its types.
pub fn signature(func: &mut ItemFn, args: &TokenStream) -> (Option<Signature>, Option<syn::Error>) {
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    if !args.is_empty() {
        push(syn::Error::new_spanned(args, "`#[coro::coroutine]` takes no arguments"));
    }
    let sig = &func.sig;
    if let Some(t) = &sig.asyncness {
        push(syn::Error::new(
            t.span,
            "a coroutine cannot be `async`; remove `async` (a coroutine is resumed by its caller, not by an executor)",
        ));
    }
    if let Some(t) = &sig.constness {
        push(syn::Error::new(t.span, "a coroutine cannot be a `const fn`; remove `const`"));
    }
    for arg in &sig.inputs {
        let attrs = match arg {
            FnArg::Receiver(r) => &r.attrs,
            FnArg::Typed(t) => &t.attrs,
        };
        for attr in attrs {
            if attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr") {
                push(syn::Error::new_spanned(
                    attr,
                    "a coroutine's parameters cannot be configured out: the coroutine's state \
                     is built from every parameter; move the `#[cfg]` into the body or onto \
                     the whole function",
                ));
            }
        }
    }
    if let Some(v) = &sig.variadic {
        push(syn::Error::new_spanned(v, "a coroutine cannot be C-variadic"));
    }
    let types = match &sig.output {
        ReturnType::Default => {
            push(syn::Error::new(
                sig.ident.span(),
                "a coroutine must name its types in the return type: \
                 `-> impl Coroutine<Send, Yield = Y, Return = R>`",
            ));
            None
        }
        ReturnType::Type(_, ty) => match coroutine_types(ty) {
            Ok(t) => Some(t),
            Err(e) => {
                push(e);
                None
            }
        },
    };
    let throw = match &types {
        Some((t, _)) => match throw_fn(t) {
            Ok(throw) => Some(throw),
            Err(e) => {
                push(e);
                None
            }
        },
        None => None,
    };
    let params = params(func);
    let sig = match (types, throw) {
        (Some((types, shape)), Some(throw)) => {
            let Types { send, error, yield_ty, return_ty } = types;
            let (yield_ty, return_ty) = (nameable(yield_ty), nameable(return_ty));
            let error_ty = error.unwrap_or_else(|| quote!(::coro::__private::Infallible));
            Some(Signature { send, yield_ty, return_ty, error_ty, throw, shape, params })
        }
        _ => None,
    };
    (sig, errors)
}

/// The types a coroutine bound names; `_` for an associated type it leaves out.
struct Types {
    send: TokenStream,
    /// The second type argument of `Coroutine<S, E>`: what `throw` injects.
    error: Option<TokenStream>,
    yield_ty: TokenStream,
    return_ty: TokenStream,
}

fn coroutine_types(ty: &Type) -> syn::Result<(Types, Shape)> {
    let not_a_coroutine = || {
        syn::Error::new_spanned(
            ty,
            "the return type of a coroutine must be `impl Coroutine<Send, Yield = Y, Return = R>` \
             (or `impl Iterator<Item = Y>`, or `Pin<Box<dyn Coroutine<..>>>`)",
        )
    };
    match ty {
        Type::ImplTrait(t) => {
            bounds_types(t.bounds.iter()).map(|t| (t, Shape::Opaque)).ok_or_else(not_a_coroutine)
        }
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last().ok_or_else(not_a_coroutine)?;
            let inner = single_type_arg(&last.arguments).ok_or_else(not_a_coroutine)?;
            if last.ident == "Pin" {
                let Type::Path(b) = inner else { return Err(not_a_coroutine()) };
                let boxed = b.path.segments.last().ok_or_else(not_a_coroutine)?;
                if boxed.ident != "Box" {
                    return Err(not_a_coroutine());
                }
                let dyn_ty = single_type_arg(&boxed.arguments).ok_or_else(not_a_coroutine)?;
                dyn_types(dyn_ty).map(|t| (t, Shape::PinBox)).ok_or_else(not_a_coroutine)
            } else if last.ident == "Box" {
                dyn_types(inner).map(|t| (t, Shape::Box)).ok_or_else(not_a_coroutine)
            } else {
                Err(not_a_coroutine())
            }
        }
        _ => Err(not_a_coroutine()),
    }
}

fn dyn_types(ty: &Type) -> Option<Types> {
    match ty {
        Type::TraitObject(t) => bounds_types(t.bounds.iter()),
        Type::Paren(p) => dyn_types(&p.elem),
        _ => None,
    }
}

fn single_type_arg(args: &PathArguments) -> Option<&Type> {
    type_args(args).into_iter().next()
}

fn type_args(args: &PathArguments) -> Vec<&Type> {
    let PathArguments::AngleBracketed(a) = args else { return Vec::new() };
    a.args
        .iter()
        .filter_map(|a| match a {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Send, error, yield and return types from `Coroutine<S, E, Yield = Y, Return = R>` or
/// `Iterator<Item = Y>` among the bounds.
fn bounds_types<'a>(bounds: impl Iterator<Item = &'a TypeParamBound>) -> Option<Types> {
    let mut iterator = None;
    for bound in bounds {
        let TypeParamBound::Trait(t) = bound else { continue };
        let Some(last) = t.path.segments.last() else { continue };
        let assoc = |name: &str| match &last.arguments {
            PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                GenericArgument::AssocType(at) if at.ident == name => Some(at.ty.to_token_stream()),
                _ => None,
            }),
            _ => None,
        };
        if last.ident == "Coroutine" {
            let mut types = type_args(&last.arguments).into_iter();
            let send = types.next().map_or_else(|| quote!(()), ToTokens::to_token_stream);
            let error = types.next().map(ToTokens::to_token_stream);
            let yield_ty = assoc("Yield").unwrap_or_else(infer);
            let return_ty = assoc("Return").unwrap_or_else(infer);
            return Some(Types { send, error, yield_ty, return_ty });
        }
        if last.ident == "Iterator" {
            let yield_ty = assoc("Item").unwrap_or_else(infer);
            iterator =
                Some(Types { send: quote!(()), error: None, yield_ty, return_ty: quote!(()) });
        }
    }
    iterator
}

/// How an unhandled thrown error becomes the return value: converted into the `Err` of a
/// `Result` return type, as `?` would. Naming an error type for a coroutine that does not
/// return a `Result` is an error.
fn throw_fn(types: &Types) -> syn::Result<TokenStream> {
    let Some(error) = types.error.as_ref().filter(|e| !is_infallible(e)) else {
        return Ok(quote!(::coro::__private::throw_never));
    };
    // A path may be a `Result` under another name (`type Outcome = Result<u32, E>`); what
    // cannot be one is reported here, anything else by the type checker.
    let may_be_result = matches!(syn::parse2::<Type>(types.return_ty.clone()), Ok(Type::Path(_)));
    if may_be_result {
        Ok(quote!(::coro::__private::throw_err))
    } else {
        Err(syn::Error::new_spanned(
            error,
            "a coroutine that can be thrown into must return a `Result` that the thrown error \
             converts into: `Return = Result<T, E>`",
        ))
    }
}

/// Whether `ty` names `Infallible` (the default error type, written out: nothing can be thrown).
fn is_infallible(ty: &TokenStream) -> bool {
    match syn::parse2::<Type>(ty.clone()) {
        Ok(Type::Path(p)) => {
            p.qself.is_none()
                && p.path
                    .segments
                    .last()
                    .is_some_and(|last| last.ident == "Infallible" && last.arguments.is_empty())
        }
        _ => false,
    }
}

/// `_` for a type that mentions `impl Trait`: the step closure's signature cannot name it (it is
/// the function's opaque type), and rustc infers it from the body instead.
fn nameable(ty: TokenStream) -> TokenStream {
    fn mentions_impl(tokens: &TokenStream) -> bool {
        tokens.clone().into_iter().any(|tt| match tt {
            proc_macro2::TokenTree::Ident(i) => i == "impl",
            proc_macro2::TokenTree::Group(g) => mentions_impl(&g.stream()),
            _ => false,
        })
    }
    if mentions_impl(&ty) { infer() } else { ty }
}

/// The parameters as the body sees them; rewrites the signature so that each one is a plain
/// identifier the `Unresumed` state can take over (`mut` moves to the body, patterns get a name).
fn params(func: &mut ItemFn) -> Vec<Param> {
    let mut out = Vec::new();
    for (i, arg) in func.sig.inputs.iter_mut().enumerate() {
        match arg {
            FnArg::Receiver(r) => {
                let ident = crate::names::self_local(r.self_token.span);
                out.push(Param { ident, mutable: r.mutability.is_some(), pat: None, ty: None });
                if r.reference.is_none() {
                    r.mutability = None;
                }
            }
            FnArg::Typed(t) => match &mut *t.pat {
                syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                    out.push(Param {
                        ident: p.ident.clone(),
                        mutable: p.mutability.is_some(),
                        pat: None,
                        ty: Some((*t.ty).clone()),
                    });
                    p.mutability = None;
                }
                pat => {
                    let ident = crate::names::arg(i);
                    out.push(Param {
                        ident: ident.clone(),
                        mutable: false,
                        pat: Some(pat.clone()),
                        ty: Some((*t.ty).clone()),
                    });
                    *t.pat = syn::parse_quote!(#ident);
                }
            },
        }
    }
    out
}

/// Replaces `self` (not `self::path`) with `__coro_self` in the body of a method, so that it
/// can be saved and restored like any other local. Nested items (`fn`, `impl`, `trait`, `mod`)
/// and `use` declarations keep their own `self`; an inline `{self}` in a formatting macro's
/// string is renamed too.
pub fn rename_self(tokens: TokenStream) -> TokenStream {
    use proc_macro2::TokenTree;
    let mut out: Vec<TokenTree> = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(tt) = iter.next() {
        match tt {
            TokenTree::Ident(i) if i == "self" => {
                let is_path =
                    matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                if is_path {
                    out.push(TokenTree::Ident(i));
                } else {
                    out.push(TokenTree::Ident(crate::names::self_local(i.span())));
                }
            }
            // A nested item, verbatim up to its body (`impl Display for X { .. }`), or a `use`
            // declaration up to its `;` (`use std::fmt::{self, Write};`).
            TokenTree::Ident(i)
                if i == "impl"
                    || i == "trait"
                    || i == "mod"
                    || i == "use"
                    || (i == "fn" && matches!(iter.peek(), Some(TokenTree::Ident(_)))) =>
            {
                let to_body = i != "use";
                out.push(TokenTree::Ident(i));
                for tt in iter.by_ref() {
                    let end = matches!(&tt, TokenTree::Punct(p) if p.as_char() == ';')
                        || (to_body && is_brace_group(&tt));
                    out.push(tt);
                    if end {
                        break;
                    }
                }
            }
            TokenTree::Group(g) => {
                // `format!("{self:?}")`: the macro's name and `!` are the last two tokens.
                let formatting = g.delimiter() != proc_macro2::Delimiter::None
                    && matches!(out.last(), Some(TokenTree::Punct(p)) if p.as_char() == '!')
                    && matches!(out.iter().rev().nth(1), Some(TokenTree::Ident(name))
                        if FORMATTING.iter().any(|m| name == m));
                let mut stream = rename_self(g.stream());
                if formatting {
                    stream = rename_self_in_format_string(stream);
                }
                let mut group = proc_macro2::Group::new(g.delimiter(), stream);
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

fn is_brace_group(tt: &proc_macro2::TokenTree) -> bool {
    matches!(tt, proc_macro2::TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace)
}

/// Macros whose first string literal is a format string.
const FORMATTING: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
];

/// `"{self:?}"` → `"{__coro_self:?}"` in the first string literal of `args` (not `{{self}}`).
fn rename_self_in_format_string(args: TokenStream) -> TokenStream {
    use proc_macro2::{Literal, TokenTree};
    let mut done = false;
    args.into_iter()
        .map(|tt| match tt {
            TokenTree::Literal(lit) if !done && lit.to_string().ends_with('"') => {
                done = true;
                let repr = lit.to_string();
                if !repr.contains("{self") {
                    return TokenTree::Literal(lit);
                }
                let mut renamed = String::with_capacity(repr.len());
                let mut rest = repr.as_str();
                while let Some(at) = rest.find('{') {
                    renamed.push_str(&rest[..=at]);
                    rest = &rest[at + 1..];
                    if let Some(after) = rest.strip_prefix('{') {
                        renamed.push('{');
                        rest = after;
                    } else if let Some(after) = rest.strip_prefix("self")
                        && (after.starts_with('}') || after.starts_with(':'))
                    {
                        renamed.push_str(crate::names::SELF);
                        rest = after;
                    }
                }
                renamed.push_str(rest);
                match renamed.parse::<Literal>() {
                    Ok(mut new) if renamed != repr => {
                        new.set_span(lit.span());
                        TokenTree::Literal(new)
                    }
                    _ => TokenTree::Literal(lit),
                }
            }
            other => other,
        })
        .collect()
}

pub fn has_receiver(func: &ItemFn) -> bool {
    func.sig.inputs.iter().any(|a| matches!(a, FnArg::Receiver(_)))
}
