//! Read-only questions about user syntax: where the suspension points are, which names an
//! expression uses, which names a pattern binds.

use std::collections::HashSet;

use proc_macro2::{TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{Expr, Macro, Pat, Token};

/// The two suspension macros, recognised by the last segment of their path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suspension {
    Yield,
    /// `yield_catch!`: a throw or close request becomes the value instead of leaving.
    Catch,
    YieldFrom,
}

pub fn suspension(mac: &Macro) -> Option<Suspension> {
    let last = mac.path.segments.last()?;
    if !last.arguments.is_none() {
        return None;
    }
    if last.ident == "yield_" {
        Some(Suspension::Yield)
    } else if last.ident == "yield_catch" {
        Some(Suspension::Catch)
    } else if last.ident == "yield_from" {
        Some(Suspension::YieldFrom)
    } else {
        None
    }
}

/// The arguments of a standard macro, when it is one and they parse as expressions.
pub enum MacroArgs {
    /// `name!(a, b, c)`.
    List(Punctuated<Expr, Token![,]>),
    /// `vec![elem; len]`.
    Repeat(Box<Expr>, Box<Expr>),
}

pub fn macro_args(mac: &Macro) -> Option<MacroArgs> {
    let name = crate::macros::lookup(mac)?.name;
    let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
    if let Ok(list) = syn::parse::Parser::parse2(parser, mac.tokens.clone()) {
        return Some(MacroArgs::List(list));
    }
    if name == "vec" {
        let repeat = |input: syn::parse::ParseStream| {
            let elem: Expr = input.parse()?;
            input.parse::<Token![;]>()?;
            let len: Expr = input.parse()?;
            Ok((elem, len))
        };
        if let Ok((elem, len)) = syn::parse::Parser::parse2(repeat, mac.tokens.clone()) {
            return Some(MacroArgs::Repeat(Box::new(elem), Box::new(len)));
        }
    }
    None
}

/// Whether evaluating `expr` may suspend: it holds a `yield_!`/`yield_from!` outside closures,
/// async blocks and nested items (placement errors there are reported by `check`).
pub fn has_suspension(expr: &Expr) -> bool {
    let mut finder = Finder { found: false };
    finder.visit_expr(expr);
    finder.found
}

struct Finder {
    found: bool,
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        if suspension(mac).is_some() {
            self.found = true;
        } else if let Some(args) = macro_args(mac) {
            match args {
                MacroArgs::List(list) => list.iter().for_each(|e| self.visit_expr(e)),
                MacroArgs::Repeat(elem, len) => {
                    self.visit_expr(&elem);
                    self.visit_expr(&len);
                }
            }
        }
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_expr_const(&mut self, _: &'ast syn::ExprConst) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// The names a pattern binds, with whether each is `mut`. Identifiers that start with an
/// uppercase letter are taken for constants and unit variants, as rustc's lints assume.
pub fn pat_bindings(pat: &Pat) -> Vec<(syn::Ident, bool)> {
    struct Binder(Vec<(syn::Ident, bool)>);
    impl<'ast> Visit<'ast> for Binder {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            if !starts_uppercase(&p.ident) {
                self.0.push((p.ident.clone(), p.mutability.is_some()));
            }
            if let Some((_, sub)) = &p.subpat {
                self.visit_pat(sub);
            }
        }
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    let mut binder = Binder(Vec::new());
    binder.visit_pat(pat);
    binder.0
}

fn starts_uppercase(ident: &syn::Ident) -> bool {
    ident.to_string().chars().next().is_some_and(char::is_uppercase)
}

/// The free variables of a piece of code: single-segment path expressions (and identifiers in
/// the arguments of unknown macros, and `{name}` captures in format strings) that are not
/// bound inside the piece itself. Over-approximates: a free name that is no local is ignored
/// by whoever resolves it.
#[derive(Default)]
pub struct FreeVars {
    pub names: Vec<syn::Ident>,
    scopes: Vec<HashSet<String>>,
}

impl FreeVars {
    pub fn of_expr(expr: &Expr) -> Vec<syn::Ident> {
        let mut v = FreeVars::default();
        v.visit_expr(expr);
        v.names
    }

    pub fn of_stmt(stmt: &syn::Stmt) -> Vec<syn::Ident> {
        let mut v = FreeVars::default();
        v.visit_stmt(stmt);
        v.names
    }

    fn bound(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.contains(name))
    }

    fn use_ident(&mut self, ident: &syn::Ident) {
        if !self.bound(&ident.to_string()) {
            self.names.push(ident.clone());
        }
    }

    fn bind(&mut self, pat: &Pat) {
        // Expressions inside patterns (range bounds, paths of constants) are not uses of locals.
        let names = pat_bindings(pat);
        if self.scopes.is_empty() {
            self.scopes.push(HashSet::new());
        }
        if let Some(scope) = self.scopes.last_mut() {
            scope.extend(names.into_iter().map(|(i, _)| i.to_string()));
        }
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(HashSet::new());
        f(self);
        self.scopes.pop();
    }

    fn tokens(&mut self, tokens: TokenStream) {
        for tt in tokens {
            match tt {
                TokenTree::Ident(i) => self.use_ident(&i),
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Literal(lit) => self.format_captures(&lit),
                TokenTree::Punct(_) => {}
            }
        }
    }

    /// `{name}`, `{name:?}` and `{name:width$}` in a string literal name locals.
    fn format_captures(&mut self, lit: &proc_macro2::Literal) {
        let Ok(syn::Lit::Str(s)) = syn::parse2::<syn::Lit>(TokenTree::Literal(lit.clone()).into())
        else {
            return;
        };
        let text = s.value();
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            rest = &rest[open + 1..];
            if rest.starts_with('{') {
                rest = &rest[1..];
                continue;
            }
            let end = rest.find(['}', ':']).unwrap_or(rest.len());
            let name = &rest[..end];
            if let Ok(ident) = syn::parse_str::<syn::Ident>(name) {
                self.use_ident(&syn::Ident::new(&ident.to_string(), lit.span()));
            }
            // `width$` / `.prec$` arguments inside the format spec.
            let spec_end = rest.find('}').unwrap_or(rest.len());
            for piece in
                rest[end..spec_end].split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            {
                if let Some(name) = piece.strip_suffix('$')
                    && let Ok(ident) = syn::parse_str::<syn::Ident>(name)
                {
                    self.use_ident(&syn::Ident::new(&ident.to_string(), lit.span()));
                }
            }
            rest = &rest[spec_end.min(rest.len())..];
        }
    }
}

impl<'ast> Visit<'ast> for FreeVars {
    fn visit_expr_path(&mut self, e: &'ast syn::ExprPath) {
        if e.qself.is_none()
            && e.path.leading_colon.is_none()
            && e.path.segments.len() == 1
            && e.path.segments[0].arguments.is_none()
        {
            let ident = e.path.segments[0].ident.clone();
            self.use_ident(&ident);
        }
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.scoped(|v| {
            for stmt in &block.stmts {
                v.visit_stmt(stmt);
            }
        });
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        self.bind(&local.pat);
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        self.scoped(|v| {
            for input in &c.inputs {
                v.bind(input);
            }
            v.visit_expr(&c.body);
        });
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        self.scoped(|v| {
            v.bind(&arm.pat);
            if let Some((_, guard)) = &arm.guard {
                v.visit_expr(guard);
            }
            v.visit_expr(&arm.body);
        });
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        self.scoped(|v| {
            v.bind(&f.pat);
            v.visit_block(&f.body);
        });
    }

    fn visit_expr_if(&mut self, e: &'ast syn::ExprIf) {
        self.scoped(|v| {
            v.visit_expr(&e.cond);
            v.visit_block(&e.then_branch);
        });
        if let Some((_, else_branch)) = &e.else_branch {
            self.visit_expr(else_branch);
        }
    }

    fn visit_expr_while(&mut self, e: &'ast syn::ExprWhile) {
        self.scoped(|v| {
            v.visit_expr(&e.cond);
            v.visit_block(&e.body);
        });
    }

    fn visit_expr_let(&mut self, e: &'ast syn::ExprLet) {
        self.visit_expr(&e.expr);
        self.bind(&e.pat);
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        match macro_args(mac) {
            Some(MacroArgs::List(list)) => {
                for arg in &list {
                    if let Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = arg {
                        self.format_captures(&s.token());
                    } else {
                        self.visit_expr(arg);
                    }
                }
            }
            Some(MacroArgs::Repeat(elem, len)) => {
                self.visit_expr(&elem);
                self.visit_expr(&len);
            }
            None => self.tokens(mac.tokens.clone()),
        }
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Whether evaluating `expr` certainly never completes: a panicking macro, `return`, `break`,
/// `continue`, a `loop` that no `break` leaves, or a block that ends in one of those.
pub fn diverges(expr: &Expr) -> bool {
    match expr {
        Expr::Macro(m) => macro_diverges(&m.mac),
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Loop(l) => !loop_breaks(l),
        Expr::Block(b) if b.label.is_none() => b.block.stmts.last().is_some_and(stmt_diverges),
        Expr::Paren(p) => diverges(&p.expr),
        _ => false,
    }
}

/// Whether a statement certainly never completes (see `diverges`).
pub fn stmt_diverges(stmt: &syn::Stmt) -> bool {
    match stmt {
        syn::Stmt::Expr(e, _) => diverges(e),
        syn::Stmt::Macro(m) => macro_diverges(&m.mac),
        syn::Stmt::Local(_) | syn::Stmt::Item(_) => false,
    }
}

fn macro_diverges(mac: &Macro) -> bool {
    crate::macros::lookup(mac).is_some_and(|m| m.diverges)
}

/// Whether some `break` leaves `l`: an unlabeled one outside nested loops, or one naming its
/// label. Closures, `async` blocks and nested items have their own control flow.
fn loop_breaks(l: &syn::ExprLoop) -> bool {
    struct Breaks<'a> {
        label: Option<&'a syn::Ident>,
        /// Loops entered inside `l`, which unlabeled `break`s belong to.
        depth: usize,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Breaks<'_> {
        fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
            match &b.label {
                Some(l) => self.found |= self.label.is_some_and(|own| l.ident == *own),
                None => self.found |= self.depth == 0,
            }
            syn::visit::visit_expr_break(self, b);
        }
        fn visit_expr_loop(&mut self, e: &'ast syn::ExprLoop) {
            self.depth += 1;
            syn::visit::visit_expr_loop(self, e);
            self.depth -= 1;
        }
        fn visit_expr_while(&mut self, e: &'ast syn::ExprWhile) {
            // The condition is outside the inner loop.
            self.visit_expr(&e.cond);
            self.depth += 1;
            self.visit_block(&e.body);
            self.depth -= 1;
        }
        fn visit_expr_for_loop(&mut self, e: &'ast syn::ExprForLoop) {
            self.visit_expr(&e.expr);
            self.depth += 1;
            self.visit_block(&e.body);
            self.depth -= 1;
        }
        fn visit_macro(&mut self, mac: &'ast Macro) {
            // A `break` in the arguments of a standard macro, or one we cannot see into: count
            // it, so that an opaque macro never makes a loop look endless.
            match macro_args(mac) {
                Some(MacroArgs::List(list)) => list.iter().for_each(|e| self.visit_expr(e)),
                Some(MacroArgs::Repeat(elem, len)) => {
                    self.visit_expr(&elem);
                    self.visit_expr(&len);
                }
                None => self.found |= tokens_mention(mac.tokens.clone(), "break"),
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_expr_const(&mut self, _: &'ast syn::ExprConst) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Breaks { label: l.label.as_ref().map(|l| &l.name.ident), depth: 0, found: false };
    v.visit_block(&l.body);
    v.found
}

/// Whether the keyword or identifier `word` appears among `tokens`.
fn tokens_mention(tokens: TokenStream, word: &str) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => i == word,
        TokenTree::Group(g) => tokens_mention(g.stream(), word),
        _ => false,
    })
}

/// Whether an `if`/`while` condition is or holds a `let` (a `let` chain).
pub fn has_let(cond: &Expr) -> bool {
    match cond {
        Expr::Let(_) => true,
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            has_let(&b.left) || has_let(&b.right)
        }
        Expr::Paren(p) => has_let(&p.expr),
        _ => false,
    }
}

/// `+=`, `-=`, ...: an operator that assigns to its left operand.
pub fn is_compound_assign(op: &syn::BinOp) -> bool {
    use syn::BinOp::{
        AddAssign, BitAndAssign, BitOrAssign, BitXorAssign, DivAssign, MulAssign, RemAssign,
        ShlAssign, ShrAssign, SubAssign,
    };
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// The bindings of every `let` in an `if`/`while` condition (`let` chains included).
pub fn let_bindings(cond: &Expr, out: &mut Vec<(syn::Ident, bool)>) {
    match cond {
        Expr::Let(l) => out.extend(pat_bindings(&l.pat)),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            let_bindings(&b.left, out);
            let_bindings(&b.right, out);
        }
        Expr::Paren(p) => let_bindings(&p.expr, out),
        _ => {}
    }
}
