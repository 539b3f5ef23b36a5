//! Stage and expansion tests, on `proc_macro2` token streams.

mod expand;
mod expansion_doc;
mod fuzz;
mod stages;
