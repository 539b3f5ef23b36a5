//! Finds every misplaced `yield_!`/`yield_from!` in a body before anything is rewritten, so that
//! one build reports all of them.

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Expr, Macro};

use crate::scan::{self, MacroArgs, Suspension};

/// Where a suspension point cannot be: it would suspend something other than the coroutine.
#[derive(Clone, Copy)]
enum Barrier {
    Closure,
    Async,
    Const,
    Item,
}

impl Barrier {
    fn message(self, name: &str) -> String {
        match self {
            Barrier::Closure => format!(
                "`{name}!` cannot be used inside a closure: a closure cannot suspend the coroutine that \
                 created it; move the `{name}!` out of the closure into the coroutine body"
            ),
            Barrier::Async => format!(
                "`{name}!` cannot be used inside an `async` block; suspend in the coroutine body \
                 instead"
            ),
            Barrier::Const => {
                format!("`{name}!` cannot be used inside a `const` block; it runs at compile time")
            }
            Barrier::Item => format!(
                "`{name}!` cannot be used inside a nested item; only the body of the \
                 `#[coro::coroutine]` function itself can suspend (mark the nested function \
                 `#[coro::coroutine]` too if it should be a coroutine)"
            ),
        }
    }
}

pub fn placements(block: &syn::Block) -> Vec<syn::Error> {
    let mut checker = Checker { barriers: Vec::new(), errors: Vec::new() };
    checker.visit_block(block);
    checker.errors
}

struct Checker {
    barriers: Vec<Barrier>,
    errors: Vec<syn::Error>,
}

fn name(kind: Suspension) -> &'static str {
    match kind {
        Suspension::Yield => "yield_",
        Suspension::Catch => "yield_catch",
        Suspension::YieldFrom => "yield_from",
    }
}

impl Checker {
    fn inside(&mut self, barrier: Barrier, f: impl FnOnce(&mut Self)) {
        self.barriers.push(barrier);
        f(self);
        self.barriers.pop();
    }

    /// `yield_!` hidden in the tokens of a macro we cannot see into.
    fn opaque_tokens(&mut self, outer: &Macro, tokens: TokenStream) {
        let mut iter = tokens.into_iter().peekable();
        while let Some(tt) = iter.next() {
            match tt {
                TokenTree::Ident(ident)
                    if ident == "yield_" || ident == "yield_catch" || ident == "yield_from" =>
                {
                    if matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                        let outer_name = outer
                            .path
                            .segments
                            .last()
                            .map_or_else(String::new, |s| s.ident.to_string());
                        self.errors.push(syn::Error::new(
                            ident.span(),
                            format!(
                                "`{ident}!` cannot be used inside `{outer_name}!`: coro cannot see \
                                 how that macro evaluates its arguments; bind the value with \
                                 `let value = {ident}!(..);` before the macro call and pass `value`"
                            ),
                        ));
                    }
                }
                TokenTree::Group(g) => self.opaque_tokens(outer, g.stream()),
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Checker {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        if let Some(kind) = scan::suspension(mac) {
            if let Some(barrier) = self.barriers.last() {
                let msg = barrier.message(name(kind));
                self.errors.push(syn::Error::new_spanned(&mac.path, msg));
            }
            match mac.parse_body::<Expr>() {
                Ok(arg) => self.visit_expr(&arg),
                Err(_) => self.errors.push(syn::Error::new_spanned(
                    &mac.path,
                    format!("`{}!` takes one expression: `{}!(value)`", name(kind), name(kind)),
                )),
            }
        } else if let Some(args) = scan::macro_args(mac) {
            match args {
                MacroArgs::List(list) => list.iter().for_each(|e| self.visit_expr(e)),
                MacroArgs::Repeat(elem, len) => {
                    self.visit_expr(&elem);
                    self.visit_expr(&len);
                }
            }
        } else {
            self.opaque_tokens(mac, mac.tokens.clone());
        }
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        if let Some(message) = unsupported(expr) {
            self.errors.push(syn::Error::new_spanned(expr_place(expr), message));
        }
        visit::visit_expr(self, expr);
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        self.inside(Barrier::Closure, |v| visit::visit_expr_closure(v, c));
    }

    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        self.inside(Barrier::Async, |v| visit::visit_expr_async(v, a));
    }

    fn visit_expr_const(&mut self, c: &'ast syn::ExprConst) {
        self.inside(Barrier::Const, |v| visit::visit_expr_const(v, c));
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        // A nested coroutine suspends itself; its own expansion checks it.
        if let syn::Item::Fn(f) = item
            && f.attrs
                .iter()
                .any(|a| a.path().segments.last().is_some_and(|s| s.ident == "coroutine"))
        {
            return;
        }
        self.inside(Barrier::Item, |v| visit::visit_item(v, item));
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        if let Some((_, guard)) = &arm.guard
            && scan::has_suspension(guard)
        {
            self.errors.push(syn::Error::new_spanned(
                guard,
                "a match guard cannot suspend; bind the value with `let` before the `match`",
            ));
        }
        visit::visit_arm(self, arm);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init
            && let Some((_, diverge)) = &init.diverge
            && scan::has_suspension(diverge)
        {
            self.errors.push(syn::Error::new_spanned(
                diverge,
                "the `else` block of `let ... else` cannot suspend; handle the failed match with a \
                 `match` instead",
            ));
        }
        visit::visit_local(self, local);
    }
}

/// What is wrong with a suspension point inside `expr`, when `expr` is a construct lowering
/// cannot take apart around one.
fn unsupported(expr: &Expr) -> Option<&'static str> {
    let cond = match expr {
        Expr::If(e) => Some(&*e.cond),
        Expr::While(w) => Some(&*w.cond),
        _ => None,
    };
    if let Some(cond) = cond
        && !matches!(cond, Expr::Let(_))
        && scan::has_let(cond)
        && scan::has_suspension(cond)
    {
        return Some(
            "a `let` chain cannot suspend; evaluate the `yield_!` into a variable with `let` \
             before the condition",
        );
    }
    let place = match expr {
        Expr::Assign(a) => Some(&*a.left),
        Expr::Binary(b) if scan::is_compound_assign(&b.op) => Some(&*b.left),
        _ => None,
    };
    if place.is_some_and(scan::has_suspension) {
        return Some(
            "the place of an assignment cannot suspend; compute the value with `let` first",
        );
    }
    // (A `let` outside a condition is not Rust; rustc reports it.)
    let opaque = matches!(
        expr,
        Expr::Unsafe(_) | Expr::TryBlock(_) | Expr::RawAddr(_) | Expr::Yield(_) | Expr::Verbatim(_)
    );
    (opaque && scan::has_suspension(expr)).then_some(
        "coro cannot suspend inside this kind of expression; bind the `yield_!` to a `let` first \
         and use the variable here",
    )
}

/// The part of `expr` an error about it underlines: the place of an assignment, the condition
/// of an `if` or `while`, or the whole expression.
fn expr_place(expr: &Expr) -> &dyn quote::ToTokens {
    match expr {
        Expr::Assign(a) => &*a.left,
        Expr::Binary(b) => &*b.left,
        Expr::If(e) => &*e.cond,
        Expr::While(w) => &*w.cond,
        other => other,
    }
}
