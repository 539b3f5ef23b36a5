//! Expansion snapshots: every `#[coro::coroutine]` function of every fixture in
//! `coro-macros/tests/expand/`, expanded and formatted with prettyplease. The same fixtures are
//! compiled and run by the root crate's `tests/compiletest.rs`.

use std::path::Path;

use quote::ToTokens;

/// Expands each coroutine of `file` and returns the whole file, formatted.
pub fn expand_file(source: &str) -> String {
    let mut file: syn::File = syn::parse_str(source).expect("fixture parses");
    file.items = file.items.into_iter().flat_map(expand_item).collect();
    prettyplease::unparse(&file)
}

fn expand(item: &impl ToTokens) -> proc_macro2::TokenStream {
    crate::expand::coroutine(&proc_macro2::TokenStream::new(), item.to_token_stream())
}

/// The items an item becomes: a coroutine's expansion (one function, or an error and a
/// stand-in function), an `impl` with its coroutine methods expanded, or the item itself.
fn expand_item(item: syn::Item) -> Vec<syn::Item> {
    match item {
        syn::Item::Fn(mut func) if func.attrs.iter().any(is_coroutine_attr) => {
            func.attrs.retain(|a| !is_coroutine_attr(a));
            let file: syn::File = syn::parse2(expand(&func)).expect("expansion is items");
            file.items
        }
        syn::Item::Impl(mut imp) => {
            for item in &mut imp.items {
                if let syn::ImplItem::Fn(method) = item
                    && method.attrs.iter().any(is_coroutine_attr)
                {
                    method.attrs.retain(|a| !is_coroutine_attr(a));
                    *method = syn::parse2(expand(method)).expect("a method expands to a method");
                }
            }
            vec![syn::Item::Impl(imp)]
        }
        other => vec![other],
    }
}

fn is_coroutine_attr(attr: &syn::Attribute) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == "coroutine")
}

/// The fixtures in `coro-macros/tests/expand/`, sorted.
pub fn fixture_paths() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    paths.sort();
    paths
}

/// The `#[coro::coroutine]` functions and methods of a source file, without the attribute.
pub fn coroutine_fns(source: &str) -> Vec<proc_macro2::TokenStream> {
    let file: syn::File = syn::parse_str(source).expect("fixture parses");
    let mut out = Vec::new();
    for item in file.items {
        match item {
            syn::Item::Fn(mut func) if func.attrs.iter().any(is_coroutine_attr) => {
                func.attrs.retain(|a| !is_coroutine_attr(a));
                out.push(func.to_token_stream());
            }
            syn::Item::Impl(imp) => {
                for item in imp.items {
                    if let syn::ImplItem::Fn(mut method) = item
                        && method.attrs.iter().any(is_coroutine_attr)
                    {
                        method.attrs.retain(|a| !is_coroutine_attr(a));
                        out.push(method.to_token_stream());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn fixtures() {
    let entries = fixture_paths();
    let entries_len = entries.len();
    for path in entries {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 name").to_owned();
        let source = std::fs::read_to_string(&path).expect("fixture readable");
        let expanded = expand_file(&source);
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, expanded);
        });
    }
    assert!(entries_len >= 10, "expected at least 10 fixtures, found {entries_len}");
}
