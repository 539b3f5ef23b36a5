//! The whole transformation, step by step: parse → check → lower → analyse → emit.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::ItemFn;

use crate::{analyse, check, emit, layout, lower, naming, parse};

pub fn coroutine(args: &TokenStream, item: TokenStream) -> TokenStream {
    // Parse the function; anything else under the attribute is an error on it.
    let mut func: ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(e) => {
            let e = syn::Error::new(
                e.span(),
                "`#[coro::coroutine]` applies to a function or method with a body",
            );
            let mut out = e.to_compile_error();
            out.extend(item);
            return out;
        }
    };
    let mut stub = None;
    match expand(args, &mut func, &mut stub) {
        Ok(tokens) => tokens,
        Err(errors) => fallback(&func, &errors, stub),
    }
}

fn expand(
    args: &TokenStream,
    func: &mut ItemFn,
    stub: &mut Option<TokenStream>,
) -> Result<TokenStream, Vec<syn::Error>> {
    // Methods: `self` becomes a local like any other.
    if parse::has_receiver(func) {
        let renamed = parse::rename_self(func.block.to_token_stream());
        *func.block = syn::parse2(renamed).map_err(|e| vec![e])?;
    }
    // The signature: send, yield, return and error types; parameters become plain names.
    let (sig, sig_errors) = parse::signature(func, args);
    *stub = sig.as_ref().map(emit::stub);
    // Misplaced suspension points, all of them in one build.
    let mut errors = check::placements(&func.block);
    if let Some(e) = sig_errors {
        errors.insert(0, e);
    }
    let Some(sig) = sig else { return Err(errors) };
    if !errors.is_empty() {
        return Err(errors);
    }
    // Lower the body into blocks, and find what each block needs.
    let body = lower::lower(&sig.params, &func.block, &sig.send, &sig.error_ty);
    let analysis = analyse::analyse(&body);
    // Borrows of the coroutine's own locals kept across a suspension point, and names that
    // no alias can keep reachable.
    let mut errors = analyse::self_borrows(&body, &analysis);
    errors.extend(naming::check(&body, &analysis));
    if !errors.is_empty() {
        return Err(errors);
    }
    // Decide the shape of the state machine, then write it.
    let layout = layout::layout(&body, &analysis);
    let machine = emit::Emitter::new(&body, &analysis, &layout, &sig).emit();
    let ItemFn { attrs, vis, sig: signature, .. } = func;
    Ok(quote! {
        #(#attrs)*
        #vis #signature {
            #machine
        }
    })
}

/// The errors, next to the function with its signature and a body that compiles, so that
/// callers see the one real error and not a cascade.
fn fallback(func: &ItemFn, errors: &[syn::Error], stub: Option<TokenStream>) -> TokenStream {
    let errors = errors.iter().map(syn::Error::to_compile_error);
    let ItemFn { attrs, vis, sig, .. } = func;
    // `async` and `const` were reported; without them the stand-in body compiles.
    let mut sig = sig.clone();
    sig.asyncness = None;
    sig.constness = None;
    let body = stub.unwrap_or_else(|| quote!(::coro::__private::failed_to_compile()));
    let allow = crate::lints::stand_in();
    quote! {
        #(#errors)*
        #(#attrs)*
        #allow
        #vis #sig {
            #body
        }
    }
}
