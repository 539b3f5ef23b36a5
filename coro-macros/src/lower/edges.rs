//! Edges between blocks: jumps (from terminators and from `break`/`continue` inside verbatim
//! statements), terminators, and the join blocks where branches meet.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::Expr;

use super::rewrite::{Jumps, Transfer};
use super::{Lowerer, path_expr, unit};
use crate::ir::{BlockId, Jump, JumpId, Term};

impl Lowerer {
    pub(super) fn jump(
        &mut self,
        target: BlockId,
        value: Option<TokenStream>,
        from_item: bool,
    ) -> JumpId {
        let from = self.cur.unwrap_or(BlockId(0));
        let id = JumpId(self.body.jumps.len());
        let marker = from_item.then(|| {
            syn::Ident::new(&format!("{}{}", self.marker_prefix, id.0), Span::mixed_site())
        });
        let (env, scope) = (self.env.clone(), self.scope);
        let (hidden, span) = (Vec::new(), None);
        // Parsed once here, where the value is made: only a few shapes certainly produce one.
        let value_may_diverge = value.as_ref().is_some_and(|v| {
            !matches!(
                syn::parse2::<Expr>(v.clone()),
                Ok(Expr::Path(_) | Expr::Lit(_) | Expr::Tuple(_) | Expr::Binary(_))
            )
        });
        self.body.jumps.push(Jump {
            from,
            target,
            value,
            env,
            scope,
            marker,
            hidden,
            span,
            value_may_diverge,
        });
        id
    }

    pub(super) fn terminate(&mut self, term: Term) {
        if let Some(cur) = self.cur.take() {
            self.body.blocks[cur.0].term = term;
        }
    }

    pub(super) fn goto(&mut self, target: BlockId, value: Option<Expr>) {
        if self.cur.is_none() {
            return;
        }
        let value = value.map(|v| self.prepare(v));
        let jump = self.jump(target, value, false);
        self.terminate(Term::Goto(jump));
    }

    pub(super) fn has_incoming(&self, id: BlockId) -> bool {
        self.body.jumps.iter().any(|j| j.target == id)
    }

    /// Continues in `join` after the branches that jump to it; its value, when wanted.
    pub(super) fn finish_join(&mut self, join: BlockId, want: bool) -> Expr {
        if !self.has_incoming(join) {
            self.cur = None;
            return unit();
        }
        self.start(join);
        if want {
            let (id, ident) = self.temp("value", false);
            self.set_param(join, id);
            path_expr(&ident)
        } else {
            unit()
        }
    }
}

impl Jumps for Lowerer {
    fn completion(&mut self, span: Span) -> syn::Ident {
        if let Some(cur) = self.cur {
            self.body.blocks[cur.0].completes = true;
        }
        crate::names::completion(&self.marker_prefix, span)
    }

    fn transfer(
        &mut self,
        transfer: Transfer<'_>,
        hidden: &[String],
        span: Span,
    ) -> Option<TokenStream> {
        let (label, is_break) = match &transfer {
            Transfer::Break { label, .. } => (*label, true),
            Transfer::Continue { label } => (*label, false),
        };
        let frame = match label {
            Some(l) => {
                let name = l.ident.to_string();
                self.loops.iter().rev().find(|f| f.label.as_deref() == Some(name.as_str()))?
            }
            None => self.loops.iter().rev().find(|f| f.is_loop)?,
        };
        let target = if is_break { frame.break_to } else { frame.continue_to? };
        let value = match transfer {
            Transfer::Break { value, .. } => value,
            Transfer::Continue { .. } => None,
        };
        let jump = self.jump(target, value, true);
        let jump = &mut self.body.jumps[jump.0];
        jump.hidden = hidden.to_vec();
        jump.span = Some((span, if is_break { "break" } else { "continue" }));
        jump.marker.as_ref().map(ToTokens::to_token_stream)
    }
}

/// A prefix for jump markers that no identifier in `block` starts with: `__coro_jump_`, with
/// more `x`s before the `_` while some identifier of the user's would collide.
pub(super) fn marker_prefix(block: &syn::Block) -> String {
    fn idents(tokens: TokenStream, out: &mut Vec<String>) {
        for tt in tokens {
            match tt {
                proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
                proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
                _ => {}
            }
        }
    }
    let mut names = Vec::new();
    idents(block.to_token_stream(), &mut names);
    let mut stem = String::from(crate::names::JUMP_MARKER_STEM);
    while names.iter().any(|n| n.trim_start_matches("r#").starts_with(&stem)) {
        stem.push('x');
    }
    stem + "_"
}
