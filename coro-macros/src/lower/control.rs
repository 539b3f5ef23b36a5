//! Lowering of control flow that contains a suspension point: blocks, `if`/`if let`, `match`,
//! `loop`, `while`/`while let` and `for` become blocks joined by terminators, each branch and
//! loop body in a scope of its own.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Expr, Stmt};

use super::{LoopFrame, Lowerer, unit};
use crate::ir::{Arm, BlockKind, Cond, Term};
use crate::scan;

impl Lowerer {
    /// `{ ... }` (possibly labeled) that suspends: its own scope, left through a join block.
    pub(super) fn lower_scoped_block(&mut self, b: &syn::ExprBlock, want: bool) -> Expr {
        let exit = self.new_block(BlockKind::Plain);
        if let Some(label) = &b.label {
            self.loops.push(LoopFrame {
                label: Some(label.name.ident.to_string()),
                is_loop: false,
                break_to: exit,
                continue_to: None,
            });
        }
        let outer = self.save();
        self.new_scope();
        let value = self.lower_block_tail(&b.block.stmts, want);
        self.goto(exit, value.filter(|_| want));
        self.restore(outer);
        if b.label.is_some() {
            self.loops.pop();
        }
        self.finish_join(exit, want)
    }

    /// The body of an `if` branch or `match` arm, in the scope already opened for it.
    pub(super) fn lower_branch(&mut self, body: &Expr, want: bool) -> Option<Expr> {
        match body {
            Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => {
                self.lower_block_tail(&b.block.stmts, want)
            }
            other => {
                let value = self.lower_expr(other, want);
                if want {
                    Some(value)
                } else {
                    if self.cur.is_some() && !super::is_trivial(&value) {
                        self.push_stmt(Stmt::Expr(value, Some(syn::token::Semi::default())));
                    }
                    None
                }
            }
        }
    }

    /// A condition of `if`/`while`: lowers the part that suspends (the whole condition, or
    /// the scrutinee of `if let`) and returns the condition and the bindings it introduces.
    pub(super) fn lower_cond(&mut self, cond: &Expr) -> (Cond, Vec<(syn::Ident, bool)>) {
        let mut binds = Vec::new();
        scan::let_bindings(cond, &mut binds);
        match cond {
            Expr::Let(l) => {
                let scrutinee = self.lower_expr(&l.expr, true);
                if self.cur.is_none() {
                    return (Cond::Bool(TokenStream::new()), binds);
                }
                let scrutinee = self.prepare(scrutinee);
                let pat = &l.pat;
                (Cond::Let { pat: quote!(#pat), scrutinee }, binds)
            }
            // A chain that suspends was reported by `check`: it is kept whole.
            c if scan::has_let(c) => {
                let uses = self.resolve(&scan::FreeVars::of_expr(c));
                let tokens = self.prepare(c.clone());
                (Cond::Chain { tokens, uses }, binds)
            }
            c => {
                let c = self.lower_expr(c, true);
                if self.cur.is_none() {
                    return (Cond::Bool(TokenStream::new()), binds);
                }
                (Cond::Bool(self.prepare(c)), binds)
            }
        }
    }

    pub(super) fn enter_bindings(
        &mut self,
        block: crate::ir::BlockId,
        binds: &[(syn::Ident, bool)],
    ) {
        for (ident, mutable) in binds {
            let id = self.declare(ident.clone(), *mutable, false);
            let shadowed = self.enter(id);
            let block = &mut self.body.blocks[block.0];
            block.entry_defs.push(id);
            block.entry_shadows.extend(shadowed);
        }
        // The bindings are part of the block's entry environment.
        self.body.blocks[block.0].entry_env = self.env.clone();
        self.body.blocks[block.0].guards.clone_from(&self.guards);
    }

    pub(super) fn lower_if(&mut self, e: &syn::ExprIf, want: bool) -> Expr {
        let (cond, binds) = self.lower_cond(&e.cond);
        if self.cur.is_none() {
            return unit();
        }
        let join = self.new_block(BlockKind::Plain);
        let then_block = self.new_block(BlockKind::Plain);
        let else_block = self.new_block(BlockKind::Plain);
        let then = self.jump(then_block, None, false);
        let otherwise = self.jump(else_block, None, false);
        self.terminate(Term::If { cond, then, otherwise });

        let outer = self.save();
        self.new_scope();
        self.start(then_block);
        self.enter_bindings(then_block, &binds);
        let value = self.lower_block_tail(&e.then_branch.stmts, want);
        self.goto(join, value.filter(|_| want));
        self.restore(outer);

        let outer = self.save();
        self.new_scope();
        self.start(else_block);
        let value = match &e.else_branch {
            Some((_, else_branch)) => self.lower_branch(else_branch, want),
            None => want.then(unit),
        };
        self.goto(join, value.filter(|_| want));
        self.restore(outer);

        self.finish_join(join, want)
    }

    pub(super) fn lower_match(&mut self, m: &syn::ExprMatch, want: bool) -> Expr {
        let scrutinee = self.lower_expr(&m.expr, true);
        if self.cur.is_none() {
            return unit();
        }
        let scrutinee = self.prepare(scrutinee);
        let join = self.new_block(BlockKind::Plain);
        let mut arms = Vec::new();
        let mut arm_blocks = Vec::new();
        for arm in &m.arms {
            let block = self.new_block(BlockKind::Plain);
            let target = self.jump(block, None, false);
            let binds = scan::pat_bindings(&arm.pat);
            // The guard sees the arm's bindings; its other uses belong to this block.
            let guard = arm.guard.as_ref().map(|(_, guard)| {
                let outer = self.save();
                let ids: Vec<_> =
                    binds.iter().map(|(i, m)| self.declare(i.clone(), *m, false)).collect();
                for &id in &ids {
                    let _ = self.enter(id);
                }
                let tokens = self.prepare((**guard).clone());
                if let Some(cur) = self.cur
                    && let Some(item) = self.body.blocks[cur.0].items.last_mut()
                {
                    item.uses.retain(|u| !ids.contains(u));
                }
                self.restore(outer);
                tokens
            });
            let pat = &arm.pat;
            arms.push(Arm { pat: quote!(#pat), guard, target });
            arm_blocks.push((block, binds));
        }
        self.terminate(Term::Match { scrutinee, arms });
        for (arm, (block, binds)) in m.arms.iter().zip(arm_blocks) {
            let outer = self.save();
            self.new_scope();
            self.start(block);
            self.enter_bindings(block, &binds);
            let value = self.lower_branch(&arm.body, want);
            self.goto(join, value.filter(|_| want));
            self.restore(outer);
        }
        self.finish_join(join, want)
    }

    pub(super) fn push_loop(
        &mut self,
        label: Option<&syn::Label>,
        exit: crate::ir::BlockId,
        head: crate::ir::BlockId,
    ) {
        self.loops.push(LoopFrame {
            label: label.map(|l| l.name.ident.to_string()),
            is_loop: true,
            break_to: exit,
            continue_to: Some(head),
        });
    }

    // Before:   loop { body }
    // After:    a head block (a join: entered from before the loop and from the end of the
    //           body), the body's blocks, and an exit block that `break` jumps to.
    pub(super) fn lower_loop(&mut self, l: &syn::ExprLoop, want: bool) -> Expr {
        let head = self.new_block(BlockKind::Plain);
        let exit = self.new_block(BlockKind::Plain);
        self.goto(head, None);
        self.start(head);
        self.push_loop(l.label.as_ref(), exit, head);
        let outer = self.save();
        self.new_scope();
        self.lower_block_tail(&l.body.stmts, false);
        self.goto(head, None);
        self.restore(outer);
        self.loops.pop();
        self.finish_join(exit, want)
    }

    pub(super) fn lower_while(&mut self, w: &syn::ExprWhile) -> Expr {
        let head = self.new_block(BlockKind::Plain);
        let exit = self.new_block(BlockKind::Plain);
        self.goto(head, None);
        self.start(head);
        self.push_loop(w.label.as_ref(), exit, head);
        let (cond, binds) = self.lower_cond(&w.cond);
        if self.cur.is_some() {
            let body = self.new_block(BlockKind::Plain);
            let then = self.jump(body, None, false);
            let otherwise = self.jump(exit, None, false);
            self.terminate(Term::If { cond, then, otherwise });
            let outer = self.save();
            self.new_scope();
            self.start(body);
            self.enter_bindings(body, &binds);
            self.lower_block_tail(&w.body.stmts, false);
            self.goto(head, None);
            self.restore(outer);
        }
        self.loops.pop();
        self.finish_join(exit, false)
    }

    // Before:   for pat in iterable { body }
    // After:    `let mut __coro_iterN = IntoIterator::into_iter(iterable);`, then a head block
    //           that matches `Iterator::next(&mut __coro_iterN)`: `Some(pat)` runs the body,
    //           `None` leaves the loop.
    pub(super) fn lower_for(&mut self, f: &syn::ExprForLoop) -> Expr {
        let iterable = self.lower_expr(&f.expr, true);
        if self.cur.is_none() {
            return unit();
        }
        // Before:   for v in yield_!(()).iter_mut() { *v += 1; }
        // After:    the loop stays as written, over `__coro_sentN.iter_mut()`: only the
        //           iterable suspends, and its borrows live in one arm, as in plain Rust.
        let body =
            Expr::Block(syn::ExprBlock { attrs: Vec::new(), label: None, block: f.body.clone() });
        if !scan::has_suspension(&body) {
            let mut f = f.clone();
            *f.expr = iterable;
            return Expr::ForLoop(f);
        }
        let borrowed = iterable.clone();
        let tokens = self.prepare(iterable);
        // The iterator lives in a scope of its own, left when the loop ends, as in the
        // desugaring of `for`.
        let around = self.save();
        self.new_scope();
        let (iter_id, iter) = self.temp("iter", true);
        self.iterator_borrows(iter_id, &borrowed);
        if let Some(cur) = self.cur
            && let Some(item) = self.body.blocks[cur.0].items.last_mut()
        {
            item.tokens =
                quote!(let mut #iter = ::coro::__private::IntoIterator::into_iter(#tokens););
            item.defs.push(iter_id);
        }
        let head = self.new_block(BlockKind::Plain);
        let exit = self.new_block(BlockKind::Plain);
        self.goto(head, None);
        self.start(head);
        self.push_loop(f.label.as_ref(), exit, head);
        let scrutinee =
            self.prepare(syn::parse_quote!(::coro::__private::Iterator::next(&mut #iter)));
        let body = self.new_block(BlockKind::Plain);
        let pat = &f.pat;
        let some = self.jump(body, None, false);
        let none = self.jump(exit, None, false);
        self.terminate(Term::Match {
            scrutinee,
            arms: vec![
                Arm { pat: quote!(::coro::__private::Some(#pat)), guard: None, target: some },
                Arm { pat: quote!(::coro::__private::None), guard: None, target: none },
            ],
        });
        let outer = self.save();
        self.new_scope();
        self.start(body);
        self.enter_bindings(body, &scan::pat_bindings(pat));
        self.lower_block_tail(&f.body.stmts, false);
        self.goto(head, None);
        self.restore(outer);
        self.loops.pop();
        self.restore(around);
        self.finish_join(exit, false)
    }
}
