//! Liveness of every binding at every block entry, which blocks need a variant of their own,
//! and the order in which the emitter writes them.

use std::collections::{BTreeSet, VecDeque};

use crate::ir::{BindingId, BlockId, BlockKind, Body, Jump, JumpId, SuspendKind, Term};

pub struct Analysis {
    /// Bindings whose value may be needed at the entry of each block (before its `param` and
    /// `entry_defs` are bound): these are saved when the block is a variant.
    pub live_in: Vec<BTreeSet<BindingId>>,
    /// Jumps whose target's code the emitter writes at the jump instead of going through the
    /// target's variant.
    pub inline_jump: Vec<bool>,
    /// Blocks with an arm of their own: the entry, the resumed blocks, and every block some jump
    /// reaches through a variant.
    pub variant: Vec<bool>,
    /// For each block, the blocks with a variant whose arm contains its code.
    #[cfg_attr(not(test), allow(dead_code, reason = "read by the layout's invariant test"))]
    pub roots: Vec<BTreeSet<BlockId>>,
    /// Reachable blocks in reverse post-order: every block after at least one predecessor.
    pub order: Vec<BlockId>,
    /// Jumps written in place that end their block's scope: the emitter writes the block's
    /// code in a Rust block of its own, so that the locals of the scope are dropped before the
    /// target's code runs (see `left_scope`).
    pub wrap: Vec<bool>,
}

pub fn analyse(body: &Body) -> Analysis {
    let n = body.blocks.len();
    let succs: Vec<Vec<BlockId>> = (0..n).map(|b| body.successors(BlockId(b))).collect();

    // gen/kill per block, scanning its statements in order.
    let mut gens = vec![BTreeSet::new(); n];
    let mut kills = vec![BTreeSet::new(); n];
    for (b, block) in body.blocks.iter().enumerate() {
        let (generated, kill) = (&mut gens[b], &mut kills[b]);
        kill.extend(block.param);
        kill.extend(block.entry_defs.iter().copied());
        for item in &block.items {
            for u in &item.uses {
                if !kill.contains(u) {
                    generated.insert(*u);
                }
            }
            // A jump's target needs its live bindings here, as a use would.
            kill.extend(item.kills.iter().copied());
            kill.extend(item.defs.iter().copied());
        }
        // Guards (`_name`) are kept while in scope, as if used wherever they are visible.
        for id in &block.guards {
            if !kill.contains(id) {
                generated.insert(*id);
            }
        }
    }

    // The order to write blocks in, and (reversed) to compute liveness in: successors first.
    let mut order = Vec::new();
    let mut seen = vec![false; n];
    post_order(BlockId(0), &succs, &mut seen, &mut order);

    // Liveness by worklist: a block is computed again only when a successor's set grew, so a
    // body without loops takes one pass however deeply its branches nest.
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (b, ss) in succs.iter().enumerate() {
        for s in ss {
            preds[s.0].push(b);
        }
    }
    let mut live_in: Vec<BTreeSet<BindingId>> = gens.clone();
    let mut work: VecDeque<usize> = order.iter().map(|b| b.0).collect();
    work.extend((0..n).filter(|&b| !seen[b]));
    let mut queued = vec![true; n];
    while let Some(b) = work.pop_front() {
        queued[b] = false;
        let mut new = gens[b].clone();
        for s in &succs[b] {
            new.extend(live_in[s.0].iter().filter(|id| !kills[b].contains(id)));
        }
        if new != live_in[b] {
            live_in[b] = new;
            for &p in &preds[b] {
                if !queued[p] {
                    queued[p] = true;
                    work.push_back(p);
                }
            }
        }
    }

    // Which jumps write their target in place: the only way into a block in a nested scope
    // (an `if` branch, a `match` arm), or a small join (nothing but a suspension or a return)
    // whose locals have the same names where the jump is.
    let mut incoming: Vec<Vec<JumpId>> = vec![Vec::new(); n];
    for (j, jump) in body.jumps.iter().enumerate() {
        incoming[jump.target.0].push(JumpId(j));
    }
    let mut inline_jump: Vec<bool> = body
        .jumps
        .iter()
        .map(|jump| {
            let target = body.block(jump.target);
            if !matches!(target.kind, BlockKind::Plain) || !target.started {
                return false;
            }
            let only_way_in = incoming[jump.target.0].len() == 1
                && !jump.in_statement()
                && body.scope_within(target.scope, body.block(jump.from).scope);
            only_way_in || small_join(body, jump, &live_in[jump.target.0])
        })
        .collect();
    // A join that only jumps on through a variant (the end of a block, an empty `else`) is
    // written at its jumps too; the jump it makes stays a jump, so this cannot loop.
    for (j, jump) in body.jumps.iter().enumerate() {
        let target = body.block(jump.target);
        if !inline_jump[j]
            && matches!(target.kind, BlockKind::Plain)
            && target.started
            && target.items.iter().all(|i| i.tokens.is_empty())
            && target.entry_defs.is_empty()
            && let Term::Goto(next) = target.term
            && !inline_jump[next.0]
            && names_agree(body, jump, &live_in[jump.target.0])
        {
            inline_jump[j] = true;
        }
    }
    let (mut variant, mut roots) = arms(body, &incoming, &inline_jump);
    // A jump written in place runs its target's code inside the scopes it leaves, so the
    // locals of those scopes that the arm holds would be dropped after that code, not before
    // it as in plain Rust. The emitter can close the scope first when the jump ends a block
    // whose own code is all in the scope and declares every such local (`wrap`); any other
    // such jump goes through a variant instead, and the arm's end drops them. Turning inlining
    // off only adds variants, so this settles.
    let defs: Vec<BTreeSet<BindingId>> = body
        .blocks
        .iter()
        .map(|b| {
            let items = b.items.iter().flat_map(|i| i.defs.iter().copied());
            b.entry_defs.iter().copied().chain(items).collect()
        })
        .collect();
    let wrap: Vec<bool> = (0..body.jumps.len()).map(|j| wraps(body, JumpId(j), &live_in)).collect();
    // What each arm may hold: what it restores and what its blocks declare.
    let held_by_arm = |variant: &[bool], roots: &[BTreeSet<BlockId>]| {
        let mut held: Vec<BTreeSet<BindingId>> =
            (0..n).map(|b| if variant[b] { live_in[b].clone() } else { BTreeSet::new() }).collect();
        held[0].extend(body.blocks[0].entry_defs.iter().copied());
        for (b, rs) in roots.iter().enumerate() {
            for r in rs {
                held[r.0].extend(defs[b].iter().copied());
            }
        }
        held
    };
    loop {
        let held = held_by_arm(&variant, &roots);
        let mut changed = false;
        for (j, jump) in body.jumps.iter().enumerate() {
            if !inline_jump[j] || reads_only(body, body.block(jump.target), &inline_jump) {
                continue;
            }
            let left = left_scope(body, jump);
            let from = jump.from.0;
            // In each arm, the held locals the jump leaves must be the block's own.
            let closed = |r: &BlockId| {
                left.iter().filter(|b| held[r.0].contains(b)).all(|b| {
                    wrap[j]
                        && (defs[from].contains(b) || (r.0 == from && live_in[from].contains(b)))
                })
            };
            if !roots[from].iter().all(closed) {
                inline_jump[j] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        (variant, roots) = arms(body, &incoming, &inline_jump);
    }
    let held = held_by_arm(&variant, &roots);
    let wrap = body
        .jumps
        .iter()
        .enumerate()
        .map(|(j, jump)| {
            wrap[j]
                && inline_jump[j]
                && !reads_only(body, body.block(jump.target), &inline_jump)
                && left_scope(body, jump)
                    .iter()
                    .any(|b| roots[jump.from.0].iter().any(|r| held[r.0].contains(b)))
        })
        .collect();

    order.reverse();

    Analysis { live_in, inline_jump, variant, roots, order, wrap }
}

#[cfg(test)]
impl Analysis {
    /// A listing for stage tests: per block, what is live at its entry and which arms write
    /// its code; per jump, whether it is written in place (and closes its scope first).
    pub fn print(&self, body: &Body) -> String {
        use std::fmt::Write as _;
        let name = |id: &BindingId| format!("{}#{}", body.binding(*id).ident, id.0);
        let mut out = String::new();
        for &b in &self.order {
            let live: Vec<String> = self.live_in[b.0].iter().map(name).collect();
            let roots: Vec<String> = self.roots[b.0].iter().map(|r| format!("bb{}", r.0)).collect();
            let kind = if self.variant[b.0] { "arm" } else { "in" };
            let _ =
                writeln!(out, "bb{} live [{}] {kind} [{}]", b.0, live.join(", "), roots.join(", "));
        }
        for (j, jump) in body.jumps.iter().enumerate() {
            if !body.block(jump.from).started {
                continue;
            }
            let how = match (self.inline_jump[j], self.wrap[j]) {
                (true, true) => "in place, scope closed first",
                (true, false) => "in place",
                (false, _) => "through a variant",
            };
            let left: Vec<String> = left_scope(body, jump).iter().map(name).collect();
            let left = if left.is_empty() {
                String::new()
            } else {
                format!(", leaves [{}]", left.join(", "))
            };
            let _ = writeln!(out, "j{j}: bb{} -> bb{} {how}{left}", jump.from.0, jump.target.0);
        }
        out
    }
}

/// The bindings a jump leaves the scope of, but for join parameters and sent values (the value
/// of an expression, which the code after it consumes at once).
pub fn left_scope(body: &Body, jump: &Jump) -> Vec<BindingId> {
    body.left_by(jump).into_iter().filter(|b| !body.params.contains(b)).collect()
}

// Before:   loop { let value = yield_!(avg); total += value; }   (a jump back to the head)
// After:    `{ let value = sent; total += value; }` then the head's code: `value` is dropped
//           where the loop body ends, before the head runs again.
/// Whether the emitter can write `jump`'s target after a Rust block holding the code of the
/// block it ends: the jump is that block's terminator, it leaves the block's own scope, and the
/// block does not hide a local the target needs (its alias would be inside the Rust block).
fn wraps(body: &Body, j: JumpId, live_in: &[BTreeSet<BindingId>]) -> bool {
    let jump = &body.jumps[j.0];
    let from = body.block(jump.from);
    let target = jump.target;
    matches!(from.term, Term::Goto(own) if own == j)
        && !body.scope_within(body.block(target).scope, from.scope)
        && !from.items.iter().any(|i| i.shadows.iter().any(|b| live_in[target.0].contains(b)))
}

/// Whether a block does nothing but suspend with, or return, a local or a constant, or jump on
/// through a variant: no code of the user's can tell whether the scopes left on the way there
/// were dropped before it or after it.
fn reads_only(body: &Body, block: &crate::ir::Block, inline_jump: &[bool]) -> bool {
    fn plain(expr: &syn::Expr) -> bool {
        match expr {
            syn::Expr::Path(p) => p.qself.is_none() && p.path.get_ident().is_some(),
            syn::Expr::Lit(_) => true,
            syn::Expr::Tuple(t) => t.elems.iter().all(plain),
            _ => false,
        }
    }
    let value = match &block.term {
        Term::Suspend { value, .. } | Term::Return(value) => Some(value),
        Term::Goto(next) if !inline_jump[next.0] => body.jumps[next.0].value.as_ref(),
        _ => return false,
    };
    block.items.iter().all(|i| i.tokens.is_empty())
        && block.entry_defs.is_empty()
        && value.is_none_or(|v| syn::parse2::<syn::Expr>(v.clone()).is_ok_and(|e| plain(&e)))
}

/// Which blocks have an arm of their own, and for each block the arms its code is written in.
fn arms(
    body: &Body,
    incoming: &[Vec<JumpId>],
    inline_jump: &[bool],
) -> (Vec<bool>, Vec<BTreeSet<BlockId>>) {
    let n = body.blocks.len();
    let variant: Vec<bool> = (0..n)
        .map(|b| match body.blocks[b].kind {
            BlockKind::Entry | BlockKind::Resume(_) => true,
            BlockKind::Plain => incoming[b].iter().any(|j| !inline_jump[j.0]),
        })
        .collect();
    let mut roots: Vec<BTreeSet<BlockId>> = (0..n)
        .map(|b| if variant[b] { BTreeSet::from([BlockId(b)]) } else { BTreeSet::new() })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for (j, jump) in body.jumps.iter().enumerate() {
            if inline_jump[j] {
                let from = roots[jump.from.0].clone();
                let to = &mut roots[jump.target.0];
                let before = to.len();
                to.extend(from);
                changed |= to.len() != before;
            }
        }
    }
    (variant, roots)
}

/// A join point with no statements of its own that only suspends or returns: cheaper to write
/// at each jump than to reach through a variant, when every local it needs has, at the jump,
/// the name it has at the join.
fn small_join(body: &Body, jump: &Jump, live: &BTreeSet<BindingId>) -> bool {
    let target = body.block(jump.target);
    target.items.iter().all(|i| i.tokens.is_empty())
        && target.entry_defs.is_empty()
        && matches!(target.term, Term::Suspend { .. } | Term::Return(_))
        && names_agree(body, jump, live)
}

/// Whether every binding in `live` has, where `jump` is, the name it has at its target.
fn names_agree(body: &Body, jump: &Jump, live: &BTreeSet<BindingId>) -> bool {
    live.iter().all(|&b| {
        let binding = body.binding(b);
        binding.hidden || jump.env.get(&binding.name()) == Some(&b)
    })
}

fn post_order(b: BlockId, succs: &[Vec<BlockId>], seen: &mut [bool], out: &mut Vec<BlockId>) {
    // Iterative DFS: bodies can be long.
    let mut stack = vec![(b, 0usize)];
    seen[b.0] = true;
    while let Some((block, next)) = stack.pop() {
        if let Some(&s) = succs[block.0].get(next) {
            stack.push((block, next + 1));
            if !seen[s.0] {
                seen[s.0] = true;
                stack.push((s, 0));
            }
        } else {
            out.push(block);
        }
    }
}

// Before:   let v = vec![1, 2]; for x in &v { yield_!(*x); }
// After:    an error on `&v` (the hidden iterator borrowing `v` is saved at the `yield_!`), and
//           one on the `yield_!` it is held across.
/// Borrows of coroutine-owned locals that a suspension point keeps: the state would borrow
/// itself. Reported on the borrow and on the suspension point, once per pair of locals.
pub fn self_borrows(body: &Body, analysis: &Analysis) -> Vec<syn::Error> {
    let mut reported = BTreeSet::new();
    let mut errors = Vec::new();
    for (b, block) in body.blocks.iter().enumerate() {
        let BlockKind::Resume(k) = block.kind else { continue };
        let point = &body.suspends[k];
        let mut saved: Vec<BindingId> = analysis.live_in[b].iter().copied().collect();
        if let SuspendKind::Delegate(sub) = point.kind {
            saved.push(sub);
        }
        for holder in saved {
            for (borrowed, expr) in &body.binding(holder).borrows {
                let borrowed = *borrowed;
                let closure =
                    matches!(syn::parse2::<syn::Expr>(expr.clone()), Ok(syn::Expr::Closure(_)));
                // A closure borrows any local; other borrows matter when the local owns its data.
                if !(closure || body.binding(borrowed).owned)
                    || !reported.insert((holder, borrowed))
                {
                    continue;
                }
                let name = body.binding(borrowed).name();
                let message = if closure {
                    format!(
                        "this closure borrows `{name}`, a local of the coroutine, and is still in \
                         use at a suspension point, where the state would borrow itself; make it \
                         a `move` closure"
                    )
                } else {
                    format!(
                        "this borrow of `{name}` is still in use at a suspension point, but \
                         `{name}` belongs to the coroutine, whose state would then borrow itself; \
                         iterate by value (`for x in {name}`) or by index \
                         (`for i in 0..{name}.len()`), or borrow data owned by the caller"
                    )
                };
                let mut error = syn::Error::new_spanned(expr, message);
                error.combine(syn::Error::new(
                    point.span,
                    format!("the borrow of `{name}` is held across this suspension point"),
                ));
                errors.push(error);
            }
        }
    }
    errors
}
