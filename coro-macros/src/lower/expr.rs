//! Lowering of expressions that contain a suspension point: control flow becomes blocks and
//! terminators, every other expression is flattened into temporaries in evaluation order.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Stmt};

use super::{Lowerer, path_expr, unit};
use crate::ir::{BlockKind, Item, SuspendKind, SuspendPoint, Term};
use crate::scan::{self, MacroArgs, Suspension};

impl Lowerer {
    /// Lowers `expr` into the current block and returns an expression, valid at the end of the
    /// block lowering finishes in, that stands for its value. `want` says whether the value is
    /// used (a statement's value is not).
    pub(super) fn lower_expr(&mut self, expr: &Expr, want: bool) -> Expr {
        if self.cur.is_none() {
            return unit();
        }
        if !scan::has_suspension(expr) && !super::is_transfer(expr) {
            return expr.clone();
        }
        match expr {
            Expr::Macro(m) => match scan::suspension(&m.mac) {
                Some(Suspension::Yield) => self.lower_yield(&m.mac, SuspendKind::Plain),
                Some(Suspension::Catch) => self.lower_yield(&m.mac, SuspendKind::Catch),
                Some(Suspension::YieldFrom) => self.lower_yield_from(&m.mac),
                None => self.lower_macro(m),
            },
            Expr::Block(b) if b.block.stmts.is_empty() => unit(),
            Expr::Block(b) => self.lower_scoped_block(b, want),
            Expr::If(e) => self.lower_if(e, want),
            Expr::Match(m) => self.lower_match(m, want),
            Expr::Loop(l) => self.lower_loop(l, want),
            Expr::While(w) => self.lower_while(w),
            Expr::ForLoop(f) => self.lower_for(f),
            Expr::Return(r) => {
                let value = match &r.expr {
                    Some(v) => self.lower_expr(v, true),
                    None => unit(),
                };
                if self.cur.is_some() {
                    let value = self.prepare(value);
                    self.terminate(Term::Return(value));
                }
                unit()
            }
            Expr::Break(b) => {
                let value = b.expr.as_ref().map(|v| self.lower_expr(v, true));
                if self.cur.is_none() {
                    return unit();
                }
                let target = match &b.label {
                    Some(l) => self
                        .loops
                        .iter()
                        .rev()
                        .find(|f| f.label.as_deref() == Some(&*l.ident.to_string())),
                    None => self.loops.iter().rev().find(|f| f.is_loop),
                }
                .map(|f| f.break_to);
                match target {
                    Some(target) => self.goto(target, value),
                    None => {
                        self.push_stmt(Stmt::Expr(expr.clone(), Some(syn::token::Semi::default())));
                    }
                }
                unit()
            }
            Expr::Continue(c) => {
                let target = match &c.label {
                    Some(l) => self
                        .loops
                        .iter()
                        .rev()
                        .find(|f| f.label.as_deref() == Some(&*l.ident.to_string())),
                    None => self.loops.iter().rev().find(|f| f.is_loop),
                }
                .and_then(|f| f.continue_to);
                match target {
                    Some(target) => self.goto(target, None),
                    None => {
                        self.push_stmt(Stmt::Expr(expr.clone(), Some(syn::token::Semi::default())));
                    }
                }
                unit()
            }
            Expr::Assign(a) => {
                let value = self.lower_expr(&a.right, true);
                let mut a = a.clone();
                *a.right = value;
                Expr::Assign(a)
            }
            Expr::Binary(b)
                if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_))
                    && scan::has_suspension(&b.right) =>
            {
                // `a && b` is `if a { b } else { false }`; `a || b` is `if a { true } else { b }`.
                let (left, right) = (&b.left, &b.right);
                let rewritten: syn::ExprIf = if matches!(b.op, syn::BinOp::And(_)) {
                    syn::parse_quote!(if #left { #right } else { false })
                } else {
                    syn::parse_quote!(if #left { true } else { #right })
                };
                self.lower_if(&rewritten, want)
            }
            // A place that suspends was reported by `check`.
            Expr::Binary(b) if scan::is_compound_assign(&b.op) => {
                let value = self.lower_expr(&b.right, true);
                let mut b = b.clone();
                *b.right = value;
                Expr::Binary(b)
            }
            Expr::Binary(b) => {
                let mut b = b.clone();
                // Arithmetic takes its operands by value; comparisons borrow them.
                let by_value = !is_comparison(&b.op);
                let ops = [(*b.left).clone(), (*b.right).clone()];
                let mut values = self.flatten(&ops, |_| by_value).into_iter();
                *b.left = values.next().unwrap_or_else(unit);
                *b.right = values.next().unwrap_or_else(unit);
                Expr::Binary(b)
            }
            Expr::Call(c) => {
                let mut c = c.clone();
                let mut ops = vec![(*c.func).clone()];
                ops.extend(c.args.iter().cloned());
                let mut values = self.flatten(&ops, |i| i > 0).into_iter();
                *c.func = values.next().unwrap_or_else(unit);
                c.args = values.collect();
                Expr::Call(c)
            }
            Expr::MethodCall(m) => {
                let mut m = m.clone();
                let mut ops = vec![(*m.receiver).clone()];
                ops.extend(m.args.iter().cloned());
                // The receiver may be auto-referenced: it stays a place.
                let mut values = self.flatten(&ops, |i| i > 0).into_iter();
                *m.receiver = values.next().unwrap_or_else(unit);
                // `yield_!(..).pop()` may borrow the sent value mutably.
                self.mutable_if_temp(&m.receiver);
                m.args = values.collect();
                Expr::MethodCall(m)
            }
            Expr::Index(i) => {
                let mut i = i.clone();
                let [a, b] = self.flatten_n([&*i.expr, &*i.index], false);
                (*i.expr, *i.index) = (a, b);
                Expr::Index(i)
            }
            Expr::Tuple(t) => {
                let mut t = t.clone();
                t.elems = self
                    .flatten(&t.elems.iter().cloned().collect::<Vec<_>>(), |_| true)
                    .into_iter()
                    .collect();
                Expr::Tuple(t)
            }
            Expr::Array(a) => {
                let mut a = a.clone();
                a.elems = self
                    .flatten(&a.elems.iter().cloned().collect::<Vec<_>>(), |_| true)
                    .into_iter()
                    .collect();
                Expr::Array(a)
            }
            Expr::Struct(s) => {
                let mut s = s.clone();
                let mut ops: Vec<Expr> = s.fields.iter().map(|f| f.expr.clone()).collect();
                if let Some(rest) = &s.rest {
                    ops.push((**rest).clone());
                }
                let fields = s.fields.len();
                let mut values = self.flatten(&ops, |i| i < fields).into_iter();
                for field in &mut s.fields {
                    field.expr = values.next().unwrap_or_else(unit);
                    field.colon_token.get_or_insert_with(Default::default);
                }
                if let Some(rest) = &mut s.rest {
                    **rest = values.next().unwrap_or_else(unit);
                }
                Expr::Struct(s)
            }
            Expr::Range(r) => {
                let mut r = r.clone();
                let ops: Vec<Expr> =
                    r.start.iter().chain(r.end.iter()).map(|e| (**e).clone()).collect();
                let mut values = self.flatten(&ops, |_| true).into_iter();
                if let Some(start) = &mut r.start {
                    **start = values.next().unwrap_or_else(unit);
                }
                if let Some(end) = &mut r.end {
                    **end = values.next().unwrap_or_else(unit);
                }
                Expr::Range(r)
            }
            Expr::Unary(u) => {
                let mut u = u.clone();
                *u.expr = self.lower_expr(&u.expr, true);
                Expr::Unary(u)
            }
            Expr::Paren(p) => {
                let mut p = p.clone();
                *p.expr = self.lower_expr(&p.expr, true);
                Expr::Paren(p)
            }
            Expr::Group(g) => {
                let mut g = g.clone();
                *g.expr = self.lower_expr(&g.expr, true);
                Expr::Group(g)
            }
            Expr::Reference(r) => {
                let mut r = r.clone();
                *r.expr = self.lower_expr(&r.expr, true);
                if r.mutability.is_some() {
                    self.mutable_if_temp(&r.expr);
                }
                Expr::Reference(r)
            }
            Expr::Cast(c) => {
                let mut c = c.clone();
                *c.expr = self.lower_expr(&c.expr, true);
                Expr::Cast(c)
            }
            Expr::Field(f) => {
                let mut f = f.clone();
                *f.base = self.lower_expr(&f.base, true);
                Expr::Field(f)
            }
            Expr::Try(t) => {
                let mut t = t.clone();
                *t.expr = self.lower_expr(&t.expr, true);
                Expr::Try(t)
            }
            Expr::Repeat(r) => {
                let mut r = r.clone();
                *r.expr = self.lower_expr(&r.expr, true);
                Expr::Repeat(r)
            }
            // `unsafe`, `try` blocks, `&raw`, `let` outside a condition: reported by `check`.
            _ => unit(),
        }
    }

    // Before:   f(a(), yield_!(b), c())
    // After:    `let __coro_t0 = a();` runs before the suspension, `b` is yielded, and the
    //           resumed block evaluates `f(__coro_t0, <sent value>, c())`.
    /// Lowers operands evaluated left to right. Those before the last one that suspends are
    /// saved in temporaries. A place operand (a path, a field, a borrow of those) is re-read
    /// instead where the construct borrows it (a method receiver, a comparison, a formatting
    /// argument), since moving it out would change the program; `by_value(i)` says where the
    /// construct takes operand `i` by value, so that a temporary keeps its value as Rust would.
    fn flatten(&mut self, ops: &[Expr], by_value: impl Fn(usize) -> bool) -> Vec<Expr> {
        let Some(last) = ops.iter().rposition(scan::has_suspension) else {
            return ops.to_vec();
        };
        let mut out = Vec::with_capacity(ops.len());
        for (i, op) in ops.iter().enumerate() {
            if self.cur.is_none() {
                out.push(unit());
                continue;
            }
            let value = match i.cmp(&last) {
                std::cmp::Ordering::Less => {
                    let value = self.lower_expr(op, true);
                    let keep = matches!(value, Expr::Lit(_)) || (!by_value(i) && is_stable(&value));
                    if keep { value } else { self.hoist(value) }
                }
                std::cmp::Ordering::Equal => self.lower_expr(op, true),
                std::cmp::Ordering::Greater => op.clone(),
            };
            out.push(value);
        }
        out
    }

    fn flatten_n<const N: usize>(&mut self, ops: [&Expr; N], by_value: bool) -> [Expr; N] {
        let owned: Vec<Expr> = ops.iter().map(|e| (*e).clone()).collect();
        let values = self.flatten(&owned, |_| by_value);
        std::array::from_fn(|i| values[i].clone())
    }

    /// Makes the local `expr` names mutable when it is one lowering introduced (the value of a
    /// `yield_!` is a temporary in Rust, which a method may borrow mutably).
    fn mutable_if_temp(&mut self, expr: &Expr) {
        if let Expr::Path(p) = expr
            && let Some(ident) = p.path.get_ident()
            && let Some(&id) = self.env.get(&ident.to_string())
            && self.body.bindings[id.0].hidden
        {
            self.body.bindings[id.0].mutable = true;
        }
    }

    /// `let mut __coro_tN = value;` in the current block; returns `__coro_tN`.
    fn hoist(&mut self, value: Expr) -> Expr {
        let tokens = self.prepare(value);
        let (id, ident) = self.temp("t", true);
        if let Some(cur) = self.cur
            && let Some(item) = self.body.blocks[cur.0].items.last_mut()
        {
            // `prepare` left a marker item with the uses; it becomes the `let`.
            let allow = crate::lints::mut_elsewhere();
            item.tokens = quote!(#allow let mut #ident = #tokens;);
            item.defs.push(id);
        }
        path_expr(&ident)
    }

    // Before:   let line = yield_!(prompt).trim().to_owned();
    // After:    `prompt` is yielded from a `Suspend` terminator; the resumed block starts with
    //           the sent value in `__coro_sentN` and evaluates
    //           `let line = __coro_sentN.trim().to_owned();`.
    fn lower_yield(&mut self, mac: &syn::Macro, kind: SuspendKind) -> Expr {
        let Ok(arg) = mac.parse_body::<Expr>() else {
            // Reported by `check`.
            return unit();
        };
        let value = self.lower_expr(&arg, true);
        if self.cur.is_none() {
            return unit();
        }
        let value = self.prepare(value);
        let suspend = self.body.suspends.len();
        let name = if kind == SuspendKind::Catch { "yield_catch" } else { "yield_" };
        self.body.suspends.push(SuspendPoint {
            span: mac.path.span(),
            source: format!("{name}!({})", mac.tokens),
            kind,
        });
        let resume = self.new_block(BlockKind::Resume(suspend));
        self.terminate(Term::Suspend { value, suspend, resume });
        self.start(resume);
        let (id, ident) = self.temp("sent", false);
        self.set_param(resume, id);
        path_expr(&ident)
    }

    // Before:   let r = yield_from!(sub());
    // After:    `let mut __coro_subN = <delegate of sub()>;` then a `Delegate` terminator that
    //           starts it: a value it yields is yielded from SuspendN (which keeps the delegate
    //           and forwards every resume to it); its return value goes to the resumed block,
    //           which evaluates `let r = __coro_sentN;`.
    fn lower_yield_from(&mut self, mac: &syn::Macro) -> Expr {
        let Ok(arg) = mac.parse_body::<Expr>() else {
            // Reported by `check`.
            return unit();
        };
        let value = self.lower_expr(&arg, true);
        if self.cur.is_none() {
            return unit();
        }
        let borrowed = value.clone();
        let tokens = self.prepare(value);
        let (sub_id, sub) = self.temp("sub", true);
        self.iterator_borrows(sub_id, &borrowed);
        let tag = crate::names::tag();
        if let Some(cur) = self.cur
            && let Some(item) = self.body.blocks[cur.0].items.last_mut()
        {
            let (send, error) = (&self.send, &self.error);
            // Errors about the delegate (not a coroutine, not iterable) point at the operand.
            let span = arg.span();
            let pick = quote_spanned!(span=> (&&&#tag).__coro_kind().wrap(#tag));
            item.tokens = quote! {
                let mut #sub = {
                    use ::coro::__private::{CoroutineKind as _, IterKind as _, NoThrowKind as _};
                    let #tag = ::coro::__private::Tag::<#send, #error, _>::new(#tokens);
                    #pick
                };
            };
            item.defs.push(sub_id);
        }
        // The delegate is used by the suspended state's arm, which forwards to it.
        self.push_item(Item::generated(TokenStream::new(), vec![sub_id], Vec::new()));
        let suspend = self.body.suspends.len();
        self.body.suspends.push(SuspendPoint {
            span: mac.path.span(),
            source: format!("yield_from!({})", mac.tokens),
            kind: SuspendKind::Delegate(sub_id),
        });
        let resume = self.new_block(BlockKind::Resume(suspend));
        let returned = crate::names::returned();
        let done = self.jump(resume, Some(quote!(#returned)), false);
        self.terminate(Term::Delegate { suspend, resume, done });
        self.start(resume);
        let (id, ident) = self.temp("sent", false);
        self.set_param(resume, id);
        path_expr(&ident)
    }

    /// `println!("{}", yield_!(x))`: the arguments are operands like a call's.
    fn lower_macro(&mut self, m: &syn::ExprMacro) -> Expr {
        let Some(args) = scan::macro_args(&m.mac) else {
            // `check` reported the `yield_!` inside an unknown macro.
            return Expr::Macro(m.clone());
        };
        let args = match args {
            MacroArgs::List(list) => {
                let ops: Vec<Expr> = list.into_iter().collect();
                let by_value = crate::macros::lookup(&m.mac).is_some_and(|m| m.by_value);
                MacroArgs::List(super::rewrite::punctuated(self.flatten(&ops, |_| by_value)))
            }
            MacroArgs::Repeat(elem, len) => {
                let [e, l] = self.flatten_n([&*elem, &*len], true);
                MacroArgs::Repeat(Box::new(e), Box::new(l))
            }
        };
        let mut m = m.clone();
        m.mac.tokens = super::rewrite::macro_tokens(&args);
        Expr::Macro(m)
    }
}

fn is_comparison(op: &syn::BinOp) -> bool {
    use syn::BinOp::{Eq, Ge, Gt, Le, Lt, Ne};
    matches!(op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_))
}

/// Whether evaluating `expr` later gives the same value as evaluating it now, so that it need
/// not be saved in a temporary across a suspension point.
fn is_stable(expr: &Expr) -> bool {
    match expr {
        Expr::Path(_) | Expr::Lit(_) => true,
        Expr::Field(f) => is_stable(&f.base),
        Expr::Reference(r) => is_stable(&r.expr),
        Expr::Paren(p) => is_stable(&p.expr),
        Expr::Group(g) => is_stable(&g.expr),
        _ => false,
    }
}
