//! Lowers a coroutine body into basic blocks (see `ir`): control flow that contains a
//! suspension point is taken apart, everything else is kept as the user wrote it.

mod borrows;
mod control;
mod edges;
mod expr;
pub mod rewrite;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::visit_mut::VisitMut;
use syn::{Expr, Stmt};

use crate::ir::{
    Binding, BindingId, Block, BlockId, BlockKind, Body, Env, Item, JumpId, ScopeId, Term,
};
use crate::scan::{self, FreeVars};
use rewrite::Rewriter;

/// A parameter of the coroutine function, as the body sees it.
pub struct Param {
    /// The name the body uses (`__coro_self` for `self`), or a generated one for a pattern.
    pub ident: syn::Ident,
    pub mutable: bool,
    /// A destructuring pattern, bound from `ident` when the body starts.
    pub pat: Option<syn::Pat>,
    /// Its declared type: whether it owns its data (`Vec<T>`) or borrows (`&[T]`).
    pub ty: Option<syn::Type>,
}

/// Lowers `block`, the body of a coroutine with parameters `params` whose send and error types
/// are `send` and `error` (`yield_from!` hands them to its delegate).
pub fn lower(
    params: &[Param],
    block: &syn::Block,
    send: &TokenStream,
    error: &TokenStream,
) -> Body {
    let prefix = edges::marker_prefix(block);
    let mut cx = Lowerer::new(send.clone(), error.clone(), prefix.clone());
    cx.body.marker_prefix = prefix;
    let entry = cx.new_block(BlockKind::Entry);
    cx.start(entry);
    for param in params {
        // `self` (as `__coro_self`) and pattern parameters are never shadowed nor guards.
        let hidden = param.pat.is_some() || param.ident == crate::names::SELF;
        let id = cx.declare(param.ident.clone(), param.mutable, hidden);
        cx.body.bindings[id.0].owned = param.ty.as_ref().is_some_and(borrows::owning_type);
        let _ = cx.enter(id);
        // `_: Guard` binds nothing, and Rust drops the argument when the function returns:
        // keep it like a `_guard` local.
        if matches!(param.pat, Some(syn::Pat::Wild(_))) {
            cx.guards.push(id);
        }
        cx.body.blocks[entry.0].entry_defs.push(id);
    }
    cx.body.blocks[entry.0].entry_env = cx.env.clone();
    cx.body.blocks[entry.0].guards.clone_from(&cx.guards);
    for param in params {
        if let Some(pat) = &param.pat {
            let ident = &param.ident;
            let stmt: Stmt = syn::parse_quote!(let #pat = #ident;);
            cx.push_stmt(stmt);
        }
    }
    // A body that ends in `panic!()` or `loop {}` never falls off its end: completing with
    // `()` there would not even type-check when the return type is not `()`, and completing
    // with the value of `todo!()` would be unreachable code.
    let diverges = block.stmts.last().is_some_and(scan::stmt_diverges);
    let tail = cx.lower_block_tail(&block.stmts, !diverges);
    if cx.cur.is_some() && !diverges {
        let value = if let Some(tail) = tail { cx.prepare(tail) } else { quote!(()) };
        cx.terminate(Term::Return(value));
    }
    cx.body
}

struct LoopFrame {
    label: Option<String>,
    /// `false` for a labeled block: `continue` and unlabeled `break` pass through it.
    is_loop: bool,
    break_to: BlockId,
    continue_to: Option<BlockId>,
}

struct Lowerer {
    body: Body,
    cur: Option<BlockId>,
    scope: ScopeId,
    env: Env,
    loops: Vec<LoopFrame>,
    temps: usize,
    /// The hidden locals in `env`, newest last: each statement takes its own out of scope when
    /// it ends (see `lower_stmt`).
    temps_in_scope: Vec<BindingId>,
    /// The `_name` bindings in scope, shadowed ones included.
    guards: Vec<BindingId>,
    send: TokenStream,
    error: TokenStream,
    /// What the identifiers that mark jumps inside verbatim statements start with.
    marker_prefix: String,
}

impl Lowerer {
    fn new(send: TokenStream, error: TokenStream, marker_prefix: String) -> Self {
        let mut body = Body::default();
        body.scope_parents.push(None);
        body.scope_bindings.push(Vec::new());
        Lowerer {
            body,
            cur: None,
            scope: ScopeId(0),
            env: Env::new(),
            loops: Vec::new(),
            temps: 0,
            temps_in_scope: Vec::new(),
            guards: Vec::new(),
            send,
            error,
            marker_prefix,
        }
    }

    // ---- blocks, scopes, bindings --------------------------------------------------------

    fn new_block(&mut self, kind: BlockKind) -> BlockId {
        self.body.blocks.push(Block {
            kind,
            scope: self.scope,
            entry_env: Env::new(),
            param: None,
            entry_defs: Vec::new(),
            entry_shadows: Vec::new(),
            guards: Vec::new(),
            items: Vec::new(),
            term: Term::Open,
            started: false,
            completes: false,
        });
        BlockId(self.body.blocks.len() - 1)
    }

    /// Makes `id` the block that statements go to, in the current scope.
    fn start(&mut self, id: BlockId) {
        let block = &mut self.body.blocks[id.0];
        block.scope = self.scope;
        block.entry_env = self.env.clone();
        block.guards.clone_from(&self.guards);
        block.started = true;
        self.cur = Some(id);
    }

    fn new_scope(&mut self) -> ScopeId {
        self.body.scope_parents.push(Some(self.scope));
        self.body.scope_bindings.push(Vec::new());
        self.scope = ScopeId(self.body.scope_parents.len() - 1);
        self.scope
    }

    fn save(&self) -> (Env, ScopeId, usize) {
        (self.env.clone(), self.scope, self.guards.len())
    }

    /// Leaves the scopes entered since `save`: their names and their guards go out of scope.
    fn restore(&mut self, saved: (Env, ScopeId, usize)) {
        let guards;
        (self.env, self.scope, guards) = saved;
        self.guards.truncate(guards);
    }

    fn declare(&mut self, ident: syn::Ident, mutable: bool, hidden: bool) -> BindingId {
        self.body.scope_bindings[self.scope.0].push(BindingId(self.body.bindings.len()));
        self.body.bindings.push(Binding {
            ident,
            mutable,
            hidden,
            owned: false,
            borrows: Vec::new(),
        });
        BindingId(self.body.bindings.len() - 1)
    }

    /// Brings `id` into scope; returns the binding its name hid, if any.
    fn enter(&mut self, id: BindingId) -> Option<BindingId> {
        if self.body.binding(id).is_guard() {
            self.guards.push(id);
        }
        let name = self.body.binding(id).name();
        self.env.insert(name, id)
    }

    /// Makes `id` the parameter of `block`: what jumps to it hand over, or the sent value.
    fn set_param(&mut self, block: BlockId, id: BindingId) {
        self.body.blocks[block.0].param = Some(id);
        self.body.params.insert(id);
    }

    /// A fresh hidden local, `__coro_{prefix}{n}`, in scope from now on.
    fn temp(&mut self, prefix: &str, mutable: bool) -> (BindingId, syn::Ident) {
        let ident = crate::names::temp(prefix, self.temps);
        self.temps += 1;
        let id = self.declare(ident.clone(), mutable, true);
        let _ = self.enter(id);
        self.temps_in_scope.push(id);
        (id, ident)
    }

    fn resolve(&self, names: &[syn::Ident]) -> Vec<BindingId> {
        let mut ids: Vec<BindingId> =
            names.iter().filter_map(|n| self.env.get(&n.to_string()).copied()).collect();
        ids.sort();
        ids.dedup();
        ids
    }

    // ---- statements ----------------------------------------------------------------------

    fn push_item(&mut self, item: Item) {
        if let Some(cur) = self.cur {
            self.body.blocks[cur.0].items.push(item);
        }
    }

    /// Rewrites an expression for use in the current block and records what it uses.
    fn prepare(&mut self, expr: Expr) -> TokenStream {
        // Uses are read before the rewrite, which hides `?` and `return` operands in verbatim
        // tokens.
        let uses = self.resolve(&FreeVars::of_expr(&expr));
        let mut expr = expr;
        let jumps = self.rewrite(|r| r.visit_expr_mut(&mut expr));
        let tokens = expr.to_token_stream();
        self.push_item(Item::generated(TokenStream::new(), uses, jumps));
        tokens
    }

    /// Rewrites with `f`; returns the jumps the rewrite created.
    fn rewrite(&mut self, f: impl FnOnce(&mut Rewriter<'_, Self>)) -> Vec<JumpId> {
        let before = self.body.jumps.len();
        f(&mut Rewriter::new(self));
        (before..self.body.jumps.len()).map(JumpId).collect()
    }

    /// Appends a statement that contains no suspension point.
    fn push_stmt(&mut self, stmt: Stmt) {
        if self.cur.is_none() {
            return;
        }
        let mut stmt = stmt;
        if let Stmt::Item(item) = stmt {
            self.body.items.push(item.to_token_stream());
            return;
        }
        // Uses are read before the rewrite, which hides `?` and `return` operands in verbatim
        // tokens.
        let mut kills = Vec::new();
        let names = match &stmt {
            // `x = value;` overwrites `x` without reading it.
            Stmt::Expr(Expr::Assign(assign), _) if single_ident(&assign.left).is_some() => {
                let target = single_ident(&assign.left).cloned().into_iter().collect::<Vec<_>>();
                kills = self.resolve(&target);
                FreeVars::of_expr(&assign.right)
            }
            other => FreeVars::of_stmt(other),
        };
        let uses = self.resolve(&names);
        let jumps = self.rewrite(|r| r.visit_stmt_mut(&mut stmt));
        let mut defs = Vec::new();
        let mut shadows = Vec::new();
        if let Stmt::Local(local) = &stmt {
            let init = local.init.as_ref().map(|i| &*i.expr);
            let (borrowed, owned) = self.borrow_facts(init, &local.pat);
            for (ident, mutable) in scan::pat_bindings(&local.pat) {
                let id = self.declare(ident, mutable, false);
                self.body.bindings[id.0].owned = owned;
                self.body.bindings[id.0].borrows.clone_from(&borrowed);
                shadows.extend(self.enter(id));
                defs.push(id);
            }
        }
        let may_diverge = may_diverge(&stmt);
        let local = match &stmt {
            Stmt::Local(local) => Some(Box::new(local.clone())),
            _ => None,
        };
        let tokens = stmt.to_token_stream();
        self.push_item(Item { tokens, uses, kills, defs, jumps, shadows, local, may_diverge });
    }

    /// What `let pat = init` borrows (resolved where the `let` stands) and whether it owns.
    fn borrow_facts(
        &self,
        init: Option<&Expr>,
        pat: &syn::Pat,
    ) -> (Vec<(BindingId, TokenStream)>, bool) {
        let ty = match pat {
            syn::Pat::Type(t) => Some(&*t.ty),
            _ => None,
        };
        let borrowed = init
            .map(borrows::borrowed_roots)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(ident, expr)| self.env.get(&ident.to_string()).map(|&id| (id, expr)))
            .collect();
        (borrowed, borrows::owns(init, ty))
    }

    /// Records what a `for` loop's hidden iterator borrows.
    fn iterator_borrows(&mut self, iter: BindingId, iterable: &Expr) {
        let (borrowed, _) = self.borrow_facts(Some(iterable), &syn::parse_quote!(_));
        self.body.bindings[iter.0].borrows = borrowed;
    }

    /// Lowers the statements of a block; returns its tail expression, if it has one and
    /// `want` asks for it (otherwise the tail is lowered as a statement).
    fn lower_block_tail(&mut self, stmts: &[Stmt], want: bool) -> Option<Expr> {
        let (last, init) = stmts.split_last()?;
        for stmt in init {
            self.lower_stmt(stmt);
        }
        match as_tail(last) {
            Some(expr) if want => {
                self.cur?;
                Some(self.lower_expr(&expr, true))
            }
            _ => {
                self.lower_stmt(last);
                None
            }
        }
    }

    /// Lowers one statement. The hidden locals it creates (sent values, iterators, scrutinees)
    /// are used only inside it, so they leave `env` when it ends: otherwise every block of a
    /// long body would carry every earlier statement's temporaries in its environment, and
    /// lowering would be quadratic in the length of the body.
    fn lower_stmt(&mut self, stmt: &Stmt) {
        let mark = self.temps_in_scope.len();
        self.lower_stmt_inner(stmt);
        for id in self.temps_in_scope.drain(mark..) {
            let name = self.body.bindings[id.0].name();
            // Unless a user's local of the same name (`let __coro_sent0 = ..`) replaced it.
            if self.env.get(&name) == Some(&id) {
                self.env.remove(&name);
            }
        }
    }

    fn lower_stmt_inner(&mut self, stmt: &Stmt) {
        if self.cur.is_none() {
            // Unreachable code after a `return`, `break` or `continue`: rustc would warn about
            // it and never run it.
            return;
        }
        match stmt {
            Stmt::Local(local) => {
                let Some(init) = &local.init else {
                    self.push_stmt(stmt.clone());
                    return;
                };
                if !scan::has_suspension(&init.expr) {
                    self.push_stmt(stmt.clone());
                    return;
                }
                let value = self.lower_expr(&init.expr, true);
                if self.cur.is_none() {
                    return;
                }
                let mut local = local.clone();
                if let Some(init) = &mut local.init {
                    *init.expr = value;
                }
                self.push_stmt(Stmt::Local(local));
            }
            Stmt::Item(_) => self.push_stmt(stmt.clone()),
            Stmt::Expr(..) | Stmt::Macro(..) => {
                let (expr, semi) = match stmt {
                    Stmt::Expr(e, semi) => (e.clone(), *semi),
                    Stmt::Macro(m) => (
                        Expr::Macro(syn::ExprMacro { attrs: m.attrs.clone(), mac: m.mac.clone() }),
                        m.semi_token,
                    ),
                    _ => unreachable!("matched above"),
                };
                if !scan::has_suspension(&expr) && !is_transfer(&expr) {
                    // A unit tail (`{ yield_!(i); log(i) }`) is followed by the jump out of its
                    // block here, so it needs the `;` its position let the user leave out.
                    if semi.is_none() && !is_block_like(&expr) {
                        self.push_stmt(Stmt::Expr(expr, Some(syn::Token![;](Span::call_site()))));
                    } else {
                        self.push_stmt(stmt.clone());
                    }
                    return;
                }
                let value = self.lower_expr(&expr, false);
                if self.cur.is_some() && !is_trivial(&value) {
                    let semi = semi.unwrap_or_default();
                    self.push_stmt(Stmt::Expr(value, Some(semi)));
                }
            }
        }
    }
}

/// Whether a statement may end in a call that never returns (see `Item::may_diverge`).
fn may_diverge(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Macro(_) => true,
        Stmt::Expr(expr, _) => {
            !matches!(expr, Expr::Assign(_) | Expr::Binary(_) | Expr::Path(_) | Expr::Lit(_))
        }
        Stmt::Local(_) | Stmt::Item(_) => false,
    }
}

fn single_ident(expr: &Expr) -> Option<&syn::Ident> {
    match expr {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => p.path.get_ident(),
        _ => None,
    }
}

fn as_tail(stmt: &Stmt) -> Option<Expr> {
    match stmt {
        Stmt::Expr(e, None) => Some(e.clone()),
        Stmt::Macro(m) if m.semi_token.is_none() => {
            Some(Expr::Macro(syn::ExprMacro { attrs: m.attrs.clone(), mac: m.mac.clone() }))
        }
        _ => None,
    }
}

/// Whether `expr` may stand as a statement without a `;` before more statements.
fn is_block_like(expr: &Expr) -> bool {
    match expr {
        Expr::If(_)
        | Expr::Match(_)
        | Expr::Block(_)
        | Expr::Loop(_)
        | Expr::While(_)
        | Expr::ForLoop(_)
        | Expr::Unsafe(_)
        | Expr::Const(_) => true,
        Expr::Macro(m) => matches!(m.mac.delimiter, syn::MacroDelimiter::Brace(_)),
        _ => false,
    }
}

fn is_transfer(expr: &Expr) -> bool {
    matches!(expr, Expr::Break(_) | Expr::Continue(_) | Expr::Return(_))
}

fn is_trivial(expr: &Expr) -> bool {
    match expr {
        Expr::Tuple(t) => t.elems.is_empty(),
        Expr::Path(_) | Expr::Lit(_) => true,
        _ => false,
    }
}

// Built directly rather than parsed from tokens: lowering makes one per suspension point.
fn unit() -> Expr {
    Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: syn::token::Paren::default(),
        elems: syn::punctuated::Punctuated::new(),
    })
}

fn path_expr(ident: &syn::Ident) -> Expr {
    Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path: ident.clone().into() })
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// A statement's hidden locals (sent values, iterators) leave the environment when it ends,
    /// so a block's environment holds the user's names in scope, not one entry per earlier
    /// suspension point: lowering a long body stays linear.
    #[test]
    fn temporaries_leave_the_environment_after_their_statement() {
        let mut body = quote!(let mut acc = 0u64;);
        for _ in 0..50 {
            body.extend(quote! {
                acc += yield_!(acc);
                for i in 0..3u64 { acc += yield_!(acc + i); }
            });
        }
        let mut func: syn::ItemFn = syn::parse2(quote! {
            fn case() -> impl Coroutine<u64, Yield = u64, Return = u64> { #body acc }
        })
        .unwrap();
        let (sig, errors) = crate::parse::signature(&mut func, &proc_macro2::TokenStream::new());
        assert!(errors.is_none());
        let sig = sig.unwrap();
        let lowered = super::lower(&sig.params, &func.block, &sig.send, &sig.error_ty);
        let widest = lowered.blocks.iter().map(|b| b.entry_env.len()).max().unwrap();
        // `acc`, and inside a loop `i`, its iterator and the statement's sent value.
        assert!(widest <= 4, "an environment holds {widest} names");
        assert!(lowered.blocks.len() > 200);
    }
}
