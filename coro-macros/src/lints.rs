//! The lints generated code allows, each for a reason, in one place.

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
