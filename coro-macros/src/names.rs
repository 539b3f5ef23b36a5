//! Every name the expansion invents, in one place. Locals and labels carry a `__coro_` prefix
//! (for the reader of expanded code) and, for locals, `Span::mixed_site()` (so that no name of
//! the user's can refer to them); types are `__Coro…`.

use proc_macro2::Span;

macro_rules! locals {
    ($($(#[$doc:meta])* $name:ident = $text:literal;)*) => {
        $(
            $(#[$doc])*
            pub fn $name() -> syn::Ident {
                syn::Ident::new($text, Span::mixed_site())
            }
        )*
    };
}

locals! {
    /// The step closure's `&mut` to the state.
    state_var = "__coro_state";
    /// The step closure's input (sent value, throw or close request).
    input = "__coro_input";
    /// Which `__CoroBlock` variant the step function goes to next.
    next_block = "__coro_block";
    /// A yielded value, computed before the state is written.
    yielded = "__coro_yielded";
    /// A value out of a runtime helper's result.
    value = "__coro_value";
    /// An input that is not a sent value, handed back to the runtime.
    other = "__coro_other";
    /// A delegate's return value.
    returned = "__coro_returned";
    /// The residual of a `?`.
    residual = "__coro_residual";
    /// A `match` or `if let` scrutinee evaluated before its patterns hide a local.
    scrutinee = "__coro_scrutinee";
    /// The value of a `let` evaluated before the `let` hides a local.
    init = "__coro_init";
    /// A variant built before a `_name` guard in it counts as used.
    packed = "__coro_packed";
    /// What poisons the state if a delegate resumed in place panics.
    guard = "__coro_guard";
    /// The delegate of a `yield_from!` before it is wrapped.
    tag = "__coro_tag";
}

/// The state enum: what a suspended coroutine keeps.
pub fn state_enum() -> syn::Ident {
    syn::Ident::new("__CoroState", Span::call_site())
}

/// The glue's parameter for segment `i`.
pub fn segment(i: usize) -> syn::Ident {
    syn::Ident::new(&format!("__coro_seg{i}"), Span::mixed_site())
}

/// The glue's type parameter for the forwarding segment `i` of a `yield_from!`.
pub fn forward_type(i: usize) -> syn::Ident {
    syn::Ident::new(&format!("__CoroF{i}"), Span::mixed_site())
}

/// The glue's type parameter for the type of a local only `__CoroBlock` carries: the `i`th
/// parameter of the block enum.
pub fn block_only_type(i: usize) -> syn::Ident {
    syn::Ident::new(&format!("U{i}"), Span::mixed_site())
}

/// The glue's type parameters for the sent, yielded, returned and thrown types.
pub fn glue_types() -> [syn::Ident; 4] {
    ["__CoroS", "__CoroY", "__CoroR", "__CoroE"].map(|n| syn::Ident::new(n, Span::mixed_site()))
}

/// `__coro_yielded` where its errors point at the suspension point at `span`.
pub fn yielded_at(span: Span) -> syn::Ident {
    syn::Ident::new("__coro_yielded", Span::mixed_site().located_at(span))
}

/// The glue: the method of `__CoroState` that runs the segments.
pub fn step_method() -> syn::Ident {
    syn::Ident::new("__coro_step", Span::call_site())
}

/// The enum of places the step function jumps to within one resume.
pub fn block_enum() -> syn::Ident {
    syn::Ident::new("__CoroBlock", Span::call_site())
}

// The two labels have the call site's hygiene, not `Span::mixed_site()`: with mixed-site labels
// rustc's type checking of a body with a few hundred jumps grows far faster than linearly (150
// `if`s around `yield_!`s: 8.2 s against 1.0 s to `cargo check`). The `__coro_` prefix keeps
// them apart from the user's labels.

/// Labels the glue's first step, which a finished delegate leaves with `break`.
pub fn start_label() -> syn::Lifetime {
    syn::Lifetime::new("'__coro_start", Span::call_site())
}

/// A hidden local that lowering introduces: `__coro_sent3`, `__coro_iter0`, `__coro_t5`.
pub fn temp(kind: &str, n: usize) -> syn::Ident {
    syn::Ident::new(&format!("__coro_{kind}{n}"), Span::mixed_site())
}

/// The name a parameter bound by a pattern arrives under.
pub fn arg(i: usize) -> syn::Ident {
    syn::Ident::new(&format!("__coro_arg{i}"), Span::mixed_site())
}

/// What `self` is called inside the body, where it is a local like any other.
pub const SELF: &str = "__coro_self";

/// `self` renamed, with the span of the user's `self`.
pub fn self_local(span: Span) -> syn::Ident {
    syn::Ident::new(SELF, span)
}

/// The local that holds a binding of the user's where the user's name for it is hidden:
/// `__coro_x_3` for binding 3, named `x`.
pub fn alias(name: &str, id: usize) -> syn::Ident {
    syn::Ident::new(&format!("__coro_{}_{id}", name.trim_start_matches("r#")), Span::mixed_site())
}

/// The marker lowering writes for `return value` (and the `return` of a `?`) in a verbatim
/// statement: `{prefix}return(value)`. The emitter replaces it with the segment's exit.
pub fn completion(prefix: &str, span: Span) -> syn::Ident {
    syn::Ident::new(&format!("{prefix}return"), span)
}

/// The marker the emitter writes for one exit of a segment, `{prefix}exit_{what}`, before it
/// knows all the segment's exits and so how each is spelled.
pub fn exit_marker(prefix: &str, what: &str) -> syn::Ident {
    syn::Ident::new(&format!("{prefix}exit_{what}"), Span::mixed_site())
}

/// What the identifiers that stand for jumps in verbatim statements start with, before
/// lowering makes the prefix unique in the body.
pub const JUMP_MARKER_STEM: &str = "__coro_jump";
