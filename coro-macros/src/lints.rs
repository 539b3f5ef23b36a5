//! The lints generated code allows, each for a reason, in one place. None of them is put over
//! a statement of the user's, except where the statement itself is the reason (a `let mut`
//! whose binding another arm mutates).

use proc_macro2::TokenStream;
use quote::quote;

/// On the `__CoroState` and `__CoroBlock` enums, which hold no user code.
pub fn enum_allows() -> TokenStream {
    quote! {
        // Variant sizes follow the user's locals; boxing them would allocate.
        #[allow(clippy::large_enum_variant)]
        // `__CoroState` and `__CoroBlock` lead with `__` to stay out of the user's namespace.
        #[allow(non_camel_case_types)]
        // The reserved variants are built through `StateEnum`, some fields only moved out.
        #[allow(dead_code)]
    }
}

/// On the glue, `__CoroState::__coro_step`, which holds no user code: it takes one parameter
/// per segment, matches on nested `Fork` types, must be inlined for the segments' `fn`
/// pointers to become direct calls, an exit after a segment that never ends is unreachable, and
/// it moves `_name` guards between the state and the segments by their field names.
pub fn glue() -> TokenStream {
    quote! {
        #[allow(
            unreachable_code,
            clippy::used_underscore_binding,
            clippy::too_many_arguments,
            clippy::too_many_lines,
            clippy::type_complexity,
            clippy::inline_always
        )]
    }
}

/// On a `mut` binding the state machine makes (a restored local, a temporary, a user's
/// `let mut` of a saved local): it may be mutated only in another arm than this one.
pub fn mut_elsewhere() -> TokenStream {
    quote!(#[allow(unused_mut)])
}

/// On code of ours that moves a `_name` guard (into a variant, an alias or a scope): not a use
/// the user wrote.
pub fn guard_moved() -> TokenStream {
    quote!(#[allow(clippy::used_underscore_binding)])
}

/// On a jump or return of ours after a statement that may never return (`panic!()`, `match
/// never {}`): its being unreachable is not the user's code to warn about.
pub fn after_divergence() -> TokenStream {
    quote!(#[allow(unreachable_code)])
}

/// On `let x;` declared in the arm that assigns it: rustc and clippy see only this arm, not the
/// one where the user's `let` stands.
pub fn declared_late() -> TokenStream {
    quote!(#[allow(unused_mut, clippy::needless_late_init)])
}

/// On the stand-in function of a coroutine whose expansion failed: its parameters are unused
/// and its body never returns.
pub fn stand_in() -> TokenStream {
    quote!(#[allow(unused_variables, unreachable_code)])
}
