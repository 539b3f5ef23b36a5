//! The macro never panics, whatever tokens it is given: every fixture and ui input, and
//! thousands of mutations of them (tokens dropped, duplicated, swapped, groups emptied), go
//! through the whole pipeline.

use std::panic;
use std::path::Path;

use proc_macro2::{Group, TokenStream, TokenTree};

/// The coroutine functions of a source file, as token streams.
fn coroutines(source: &str) -> Vec<TokenStream> {
    let Ok(file) = syn::parse_file(source) else { return Vec::new() };
    let mut out = Vec::new();
    for item in file.items {
        match item {
            syn::Item::Fn(mut f) => {
                f.attrs.retain(|a| !a.path().is_ident("coroutine") && a.path().segments.len() < 2);
                out.push(quote::ToTokens::to_token_stream(&f));
            }
            syn::Item::Impl(imp) => {
                for item in imp.items {
                    if let syn::ImplItem::Fn(mut m) = item {
                        m.attrs.clear();
                        out.push(quote::ToTokens::to_token_stream(&m));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn inputs() -> Vec<TokenStream> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("tests/expand")];
    if let Ok(entries) = std::fs::read_dir(root.join("../tests/ui")) {
        dirs.extend(entries.filter_map(Result::ok).map(|e| e.path()));
    }
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.filter_map(Result::ok) {
            if entry.path().extension().is_some_and(|e| e == "rs")
                && let Ok(source) = std::fs::read_to_string(entry.path())
            {
                out.extend(coroutines(&source));
            }
        }
    }
    out
}

/// A small deterministic generator, so that a failure reproduces.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap_or(0) % bound.max(1)
    }
}

/// Applies one random edit somewhere in the tree of tokens.
fn mutate(tokens: TokenStream, rng: &mut Lcg) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if trees.is_empty() {
        return TokenStream::new();
    }
    let i = rng.next(trees.len());
    match rng.next(5) {
        0 => {
            trees.remove(i);
        }
        1 => {
            let copy = trees[i].clone();
            trees.insert(i, copy);
        }
        2 => {
            let j = rng.next(trees.len());
            trees.swap(i, j);
        }
        3 => {
            if let TokenTree::Group(g) = &trees[i] {
                trees[i] = TokenTree::Group(Group::new(g.delimiter(), TokenStream::new()));
            }
        }
        _ => {
            if let TokenTree::Group(g) = &trees[i] {
                let mut inner = Group::new(g.delimiter(), mutate(g.stream(), rng));
                inner.set_span(g.span());
                trees[i] = TokenTree::Group(inner);
            }
        }
    }
    trees.into_iter().collect()
}

#[test]
fn never_panics() {
    let inputs = inputs();
    assert!(inputs.len() >= 20, "expected the fixtures and ui inputs, found {}", inputs.len());
    let mut rng = Lcg(0x5eed);
    let mut runs = 0;
    for input in &inputs {
        let mut variants = vec![input.clone()];
        for _ in 0..150 {
            let mut tokens = input.clone();
            for _ in 0..=rng.next(3) {
                tokens = mutate(tokens, &mut rng);
            }
            variants.push(tokens);
        }
        for tokens in variants {
            let shown = tokens.to_string();
            let result =
                panic::catch_unwind(|| crate::expand::coroutine(&TokenStream::new(), tokens));
            assert!(result.is_ok(), "the macro panicked on:\n{shown}");
            runs += 1;
        }
    }
    assert!(runs > 1000);
}
