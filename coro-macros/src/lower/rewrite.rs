//! Rewrites a verbatim statement so that it means inside the step function what it meant in the
//! user's function: `return` and `?` complete the coroutine, and `break`/`continue` that leave
//! a loop we took apart become jumps.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Token};

use crate::scan::{self, MacroArgs};

/// Where a `break`/`continue` that leaves the verbatim code goes.
pub enum Transfer<'a> {
    Break { label: Option<&'a syn::Lifetime>, value: Option<TokenStream> },
    Continue { label: Option<&'a syn::Lifetime> },
}

/// Resolves a transfer to a lowered loop into the tokens that replace it, or `None` when no
/// lowered loop is its target (rustc will report it).
pub trait Jumps {
    /// `hidden` are the names that bindings of the verbatim code around the transfer hide
    /// there; `span` is the `break` or `continue` keyword.
    fn transfer(
        &mut self,
        transfer: Transfer<'_>,
        hidden: &[String],
        span: Span,
    ) -> Option<TokenStream>;

    /// The marker that stands for "complete the coroutine with this value" (`marker(value)`);
    /// the emitter writes the segment's exit there.
    fn completion(&mut self, span: Span) -> syn::Ident;
}

pub struct Rewriter<'j, J: Jumps> {
    jumps: &'j mut J,
    /// Verbatim loops around the current point: unlabeled `break`/`continue` stay theirs.
    loops: usize,
    /// Labels of verbatim loops and blocks around the current point.
    labels: Vec<String>,
    /// Names bound by the verbatim code around the current point (`let`s earlier in enclosing
    /// blocks, patterns of enclosing arms, loops and `if let`s), innermost last.
    bound: Vec<String>,
}

impl<'j, J: Jumps> Rewriter<'j, J> {
    pub fn new(jumps: &'j mut J) -> Self {
        Rewriter { jumps, loops: 0, labels: Vec::new(), bound: Vec::new() }
    }

    fn in_loop(&mut self, label: Option<&syn::Label>, f: impl FnOnce(&mut Self)) {
        self.loops += 1;
        if let Some(l) = label {
            self.labels.push(l.name.ident.to_string());
        }
        f(self);
        if label.is_some() {
            self.labels.pop();
        }
        self.loops -= 1;
    }

    /// Runs `f` with the names `pat` binds in scope.
    fn binding(&mut self, pat: &syn::Pat, f: impl FnOnce(&mut Self)) {
        let mark = self.bound.len();
        self.bound.extend(scan::pat_bindings(pat).into_iter().map(|(i, _)| i.to_string()));
        f(self);
        self.bound.truncate(mark);
    }

    /// Runs `f` with the names the `let`s of a condition bind in scope.
    fn condition_bindings(&mut self, cond: &Expr, f: impl FnOnce(&mut Self)) {
        let mark = self.bound.len();
        let mut lets = Vec::new();
        scan::let_bindings(cond, &mut lets);
        self.bound.extend(lets.into_iter().map(|(i, _)| i.to_string()));
        f(self);
        self.bound.truncate(mark);
    }

    fn is_local(&self, label: Option<&syn::Lifetime>) -> bool {
        match label {
            Some(l) => self.labels.contains(&l.ident.to_string()),
            None => self.loops > 0,
        }
    }
}

/// `return value` inside a segment: `marker` is the body's completion marker.
fn complete(marker: &syn::Ident, value: Option<TokenStream>, span: Span) -> TokenStream {
    let value = value.unwrap_or_else(|| quote_spanned!(span=> ()));
    quote_spanned! {span=>
        return #marker(#value)
    }
}

impl<J: Jumps> VisitMut for Rewriter<'_, J> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Return(ret) => {
                if let Some(value) = &mut ret.expr {
                    self.visit_expr_mut(value);
                }
                let span = ret.return_token.span;
                let value = ret.expr.as_ref().map(ToTokens::to_token_stream);
                let marker = self.jumps.completion(span);
                *expr = Expr::Verbatim(complete(&marker, value, span));
            }
            Expr::Try(t) => {
                self.visit_expr_mut(&mut t.expr);
                let span = t.question_token.span;
                let inner = &t.expr;
                let residual = crate::names::residual();
                let value = crate::names::value();
                let marker = self.jumps.completion(span);
                let ret = complete(
                    &marker,
                    Some(
                        quote_spanned!(span=> ::coro::__private::FromResidual::from_residual(#residual)),
                    ),
                    span,
                );
                // Errors about the operand point at the `?`; the `match` around it is ours (a
                // span of the expansion keeps lints such as `clippy::unnecessary_semicolon`
                // about `x?;` away from it).
                let branch = quote_spanned!(span=> ::coro::__private::Branch::branch(#inner));
                *expr = Expr::Verbatim(quote! {
                    match #branch {
                        ::coro::__private::ControlFlow::Continue(#value) => #value,
                        ::coro::__private::ControlFlow::Break(#residual) => #ret,
                    }
                });
            }
            Expr::Break(b) => {
                if let Some(value) = &mut b.expr {
                    self.visit_expr_mut(value);
                }
                if self.is_local(b.label.as_ref()) {
                    return;
                }
                let value = b.expr.as_ref().map(ToTokens::to_token_stream);
                let span = b.break_token.span;
                let transfer = Transfer::Break { label: b.label.as_ref(), value };
                if let Some(tokens) = self.jumps.transfer(transfer, &self.bound, span) {
                    *expr = Expr::Verbatim(tokens);
                }
            }
            Expr::Continue(c) => {
                if self.is_local(c.label.as_ref()) {
                    return;
                }
                let span = c.continue_token.span;
                let transfer = Transfer::Continue { label: c.label.as_ref() };
                if let Some(tokens) = self.jumps.transfer(transfer, &self.bound, span) {
                    *expr = Expr::Verbatim(tokens);
                }
            }
            Expr::Loop(l) => {
                let label = l.label.clone();
                self.in_loop(label.as_ref(), |v| v.visit_block_mut(&mut l.body));
            }
            Expr::While(w) => {
                self.visit_expr_mut(&mut w.cond);
                let label = w.label.clone();
                let cond = (*w.cond).clone();
                self.condition_bindings(&cond, |v| {
                    v.in_loop(label.as_ref(), |v| v.visit_block_mut(&mut w.body));
                });
            }
            Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                let label = f.label.clone();
                let pat = (*f.pat).clone();
                self.binding(&pat, |v| {
                    v.in_loop(label.as_ref(), |v| v.visit_block_mut(&mut f.body));
                });
            }
            Expr::If(e) => {
                self.visit_expr_mut(&mut e.cond);
                let cond = (*e.cond).clone();
                self.condition_bindings(&cond, |v| v.visit_block_mut(&mut e.then_branch));
                if let Some((_, otherwise)) = &mut e.else_branch {
                    self.visit_expr_mut(otherwise);
                }
            }
            Expr::Block(b) if b.label.is_some() => {
                let name = b.label.as_ref().map(|l| l.name.ident.to_string()).unwrap_or_default();
                self.labels.push(name);
                self.visit_block_mut(&mut b.block);
                self.labels.pop();
            }
            // Their `return`, `?` and `break` are their own.
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => {}
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if scan::suspension(mac).is_some() {
            return;
        }
        match scan::macro_args(mac) {
            Some(MacroArgs::List(mut list)) => {
                list.iter_mut().for_each(|e| self.visit_expr_mut(e));
                mac.tokens = list.to_token_stream();
            }
            Some(MacroArgs::Repeat(mut elem, mut len)) => {
                self.visit_expr_mut(&mut elem);
                self.visit_expr_mut(&mut len);
                mac.tokens = quote!(#elem; #len);
            }
            None => {}
        }
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let mark = self.bound.len();
        for stmt in &mut block.stmts {
            self.visit_stmt_mut(stmt);
            if let syn::Stmt::Local(local) = stmt {
                self.bound
                    .extend(scan::pat_bindings(&local.pat).into_iter().map(|(i, _)| i.to_string()));
            }
        }
        self.bound.truncate(mark);
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        let pat = arm.pat.clone();
        self.binding(&pat, |v| visit_mut::visit_arm_mut(v, arm));
    }
}

/// Rebuilds the argument tokens of a standard macro from (rewritten) expressions.
pub fn macro_tokens(args: &MacroArgs) -> TokenStream {
    match args {
        MacroArgs::List(list) => list.to_token_stream(),
        MacroArgs::Repeat(elem, len) => quote!(#elem; #len),
    }
}

/// A comma-separated list from expressions.
pub fn punctuated(exprs: Vec<Expr>) -> Punctuated<Expr, Token![,]> {
    exprs.into_iter().collect()
}
