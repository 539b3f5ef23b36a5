//! The lowered body: basic blocks of verbatim user statements, joined by terminators, plus the
//! bindings (user locals and the temporaries lowering introduces) the blocks define and use.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::rc::Rc;

use proc_macro2::{Span, TokenStream};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BindingId(pub usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlockId(pub usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScopeId(pub usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JumpId(pub usize);

/// Which names refer to which bindings at a point of the body.
///
/// Lowering keeps a copy at every block and every jump, so copying must not cost the number of
/// names in scope (a body of N statements that each bring a local into scope would take N²):
/// the latest changes sit in a short list over a map shared between copies, and the list is
/// folded into a fresh map when it grows long.
#[derive(Debug, Clone, Default)]
pub struct Env {
    shared: Rc<BTreeMap<String, BindingId>>,
    /// Newest last; `None` takes the name out of scope.
    recent: Vec<(String, Option<BindingId>)>,
}

impl Env {
    /// How many changes `recent` holds before they are folded into `shared`.
    const RECENT: usize = 32;

    pub fn new() -> Self {
        Env::default()
    }

    pub fn get(&self, name: &str) -> Option<&BindingId> {
        match self.recent.iter().rev().find(|(n, _)| n == name) {
            Some((_, id)) => id.as_ref(),
            None => self.shared.get(name),
        }
    }

    /// Brings `name` into scope as `id`; returns the binding it referred to before.
    pub fn insert(&mut self, name: String, id: BindingId) -> Option<BindingId> {
        let hidden = self.get(&name).copied();
        self.push(name, Some(id));
        hidden
    }

    pub fn remove(&mut self, name: &str) {
        if self.get(name).is_some() {
            self.push(name.to_owned(), None);
        }
    }

    /// The number of names in scope.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        let mut names: BTreeMap<&str, bool> =
            self.shared.keys().map(|name| (name.as_str(), true)).collect();
        for (name, id) in &self.recent {
            names.insert(name, id.is_some());
        }
        names.values().filter(|&&in_scope| in_scope).count()
    }

    fn push(&mut self, name: String, id: Option<BindingId>) {
        self.recent.push((name, id));
        if self.recent.len() > Self::RECENT {
            let shared = Rc::make_mut(&mut self.shared);
            for (name, id) in self.recent.drain(..) {
                match id {
                    Some(id) => shared.insert(name, id),
                    None => shared.remove(&name),
                };
            }
        }
    }
}

#[derive(Debug)]
pub struct Binding {
    /// The user's identifier (with its span), or a generated `__coro_*` one.
    pub ident: syn::Ident,
    pub mutable: bool,
    /// Introduced by lowering (a temporary, a sent value, a loop iterator): never shadowed.
    pub hidden: bool,
    /// Certainly owns its data (see `lower::borrows`): borrowing it across a suspension point
    /// would make the state borrow itself.
    pub owned: bool,
    /// The locals its initializer visibly borrows, with the borrowing expression.
    pub borrows: Vec<(BindingId, TokenStream)>,
}

impl Binding {
    pub fn name(&self) -> String {
        self.ident.to_string()
    }

    /// `_name` bindings are kept alive while in scope (guards), not only while used.
    pub fn is_guard(&self) -> bool {
        let name = self.name();
        !self.hidden && name.len() > 1 && name.starts_with('_')
    }
}

/// A user statement, already rewritten (`return`, `?`, jumps out of lowered loops), with the
/// bindings it uses, defines and overwrites.
pub struct Item {
    pub tokens: TokenStream,
    pub uses: Vec<BindingId>,
    /// Bindings whose whole value a plain `x = ...;` replaces: dead before, live after.
    pub kills: Vec<BindingId>,
    pub defs: Vec<BindingId>,
    pub jumps: Vec<JumpId>,
    /// Bindings that this statement's `let` hides by reusing their names.
    pub shadows: Vec<BindingId>,
    /// The statement, when it is a `let` (after rewriting; jump markers still in it).
    pub local: Option<Box<syn::Local>>,
    /// Whether the statement may end in a call that never returns (`panic!()`,
    /// `process::exit`), as far as its shape tells: macro and function calls and control flow
    /// may; `let` and assignments are taken not to.
    pub may_diverge: bool,
}

impl fmt::Debug for Item {
    // By hand: `syn::Local` has no `Debug` without syn's `extra-traits`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Item")
            .field("tokens", &self.tokens.to_string())
            .field("uses", &self.uses)
            .field("defs", &self.defs)
            .field("jumps", &self.jumps)
            .finish_non_exhaustive()
    }
}

impl Item {
    /// A statement that lowering writes itself: no `let` of the user's, not diverging.
    pub fn generated(tokens: TokenStream, uses: Vec<BindingId>, jumps: Vec<JumpId>) -> Self {
        Item {
            tokens,
            uses,
            kills: Vec::new(),
            defs: Vec::new(),
            jumps,
            shadows: Vec::new(),
            local: None,
            may_diverge: false,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub enum BlockKind {
    /// The start of the body: the `Unresumed` state.
    Entry,
    /// Where the body goes on after suspension point `n`; `param` receives the sent value.
    Resume(usize),
    /// Reached by jumps; `param` (if any) receives the value of the expression that ended.
    Plain,
}

#[derive(Debug)]
pub struct Block {
    pub kind: BlockKind,
    pub scope: ScopeId,
    pub entry_env: Env,
    /// Bound on entry: the sent value, the value of a finished `if`/`match`/`loop`/block.
    pub param: Option<BindingId>,
    /// Bound on entry by the pattern of the branch that leads here (`match` arm, `if let`).
    pub entry_defs: Vec<BindingId>,
    /// Bindings that `entry_defs` hide by reusing their names.
    pub entry_shadows: Vec<BindingId>,
    /// The `_name` guards in scope at entry, shadowed ones included: kept alive as if used.
    pub guards: Vec<BindingId>,
    pub items: Vec<Item>,
    pub term: Term,
    pub started: bool,
    /// Whether the block's verbatim code completes the coroutine somewhere (a `return` or a
    /// `?` that lowering rewrote into a completion marker).
    pub completes: bool,
}

#[derive(Debug)]
pub struct Arm {
    pub pat: TokenStream,
    pub guard: Option<TokenStream>,
    pub target: JumpId,
}

/// The condition of a lowered `if` or `while`.
#[derive(Debug)]
pub enum Cond {
    /// A `bool` expression.
    Bool(TokenStream),
    /// `let pat = scrutinee`: the scrutinee is evaluated before the pattern binds anything.
    Let { pat: TokenStream, scrutinee: TokenStream },
    /// A `let` chain (`let a = x && let b = y && c`), with the bindings it names before its
    /// patterns bind theirs: its parts run one after another, so none can be evaluated early.
    Chain { tokens: TokenStream, uses: Vec<BindingId> },
}

impl fmt::Display for Cond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cond::Bool(tokens) | Cond::Chain { tokens, .. } => write!(f, "{tokens}"),
            Cond::Let { pat, scrutinee } => write!(f, "let {pat} = {scrutinee}"),
        }
    }
}

#[derive(Debug)]
pub enum Term {
    /// Not finished yet, or ends in a verbatim statement that diverges.
    Open,
    Goto(JumpId),
    If {
        cond: Cond,
        then: JumpId,
        otherwise: JumpId,
    },
    Match {
        scrutinee: TokenStream,
        arms: Vec<Arm>,
    },
    Suspend {
        value: TokenStream,
        suspend: usize,
        resume: BlockId,
    },
    /// Starts the delegate of a `yield_from!`: suspends if it yields, jumps to `done` (the
    /// resume block, with the delegate's return value) if it completes at once.
    Delegate {
        suspend: usize,
        resume: BlockId,
        done: JumpId,
    },
    Return(TokenStream),
}

/// An edge. `value` is handed to the target's `param`.
#[derive(Debug)]
pub struct Jump {
    pub from: BlockId,
    pub target: BlockId,
    pub value: Option<TokenStream>,
    /// The names visible where the jump happens.
    pub env: Env,
    /// The scope the jump is made from: it leaves every scope between this one and the
    /// target's (see `Body::left_by`).
    pub scope: ScopeId,
    /// For a jump written inside a verbatim statement (`break` in an `if` without suspension
    /// points), the identifier that stands for it in the statement's tokens until the emitter
    /// writes the jump there. Lowering picks a prefix no identifier of the body starts with, so
    /// a marker is never mistaken for the user's code. `None` for a block's terminator.
    pub marker: Option<syn::Ident>,
    /// For a jump written inside a verbatim statement, the names that the statement's own
    /// bindings around it hide there, and the `break` or `continue` it stands for.
    pub hidden: Vec<String>,
    pub span: Option<(Span, &'static str)>,
    /// Whether `value` may be an expression that never produces a value (`match never {}`,
    /// `return`, a call to a `-> !` function): the jump after it is then unreachable.
    pub value_may_diverge: bool,
}

impl Jump {
    /// Whether the jump is written inside a verbatim statement, not as a block's terminator.
    pub fn in_statement(&self) -> bool {
        self.marker.is_some()
    }
}

/// One suspension point: its position and source, for the variant docs, and its kind.
#[derive(Debug)]
pub struct SuspendPoint {
    pub span: Span,
    pub source: String,
    pub kind: SuspendKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SuspendKind {
    /// `yield_!`: a throw or close request completes the coroutine.
    Plain,
    /// `yield_catch!`: a throw or close request is the value of the expression.
    Catch,
    /// `yield_from!`: resumes go to the delegate held in this binding.
    Delegate(BindingId),
}

#[derive(Debug, Default)]
pub struct Body {
    pub bindings: Vec<Binding>,
    pub blocks: Vec<Block>,
    pub scope_parents: Vec<Option<ScopeId>>,
    /// The bindings declared in each scope, in declaration order.
    pub scope_bindings: Vec<Vec<BindingId>>,
    /// The blocks' parameters: sent values and the values of finished `if`s, `match`es and
    /// blocks, which the code after them consumes at once.
    pub params: BTreeSet<BindingId>,
    pub jumps: Vec<Jump>,
    pub suspends: Vec<SuspendPoint>,
    /// Items declared in the body, hoisted so that every arm can see them.
    pub items: Vec<TokenStream>,
    /// What every marker in the body's statements starts with (jumps, completions), and what
    /// no identifier of the user's starts with.
    pub marker_prefix: String,
}

impl Body {
    pub fn binding(&self, id: BindingId) -> &Binding {
        &self.bindings[id.0]
    }

    pub fn block(&self, id: BlockId) -> &Block {
        &self.blocks[id.0]
    }

    pub fn scope_within(&self, inner: ScopeId, outer: ScopeId) -> bool {
        let mut cur = Some(inner);
        while let Some(s) = cur {
            if s == outer {
                return true;
            }
            cur = self.scope_parents[s.0];
        }
        false
    }

    /// The bindings declared in the scopes that `jump` leaves, innermost scope first, latest
    /// declared first: the order plain Rust drops them in.
    pub fn left_by(&self, jump: &Jump) -> Vec<BindingId> {
        let target = self.block(jump.target).scope;
        let mut left = Vec::new();
        let mut scope = Some(jump.scope);
        while let Some(s) = scope {
            if self.scope_within(target, s) {
                break;
            }
            left.extend(self.scope_bindings[s.0].iter().rev());
            scope = self.scope_parents[s.0];
        }
        left
    }

    /// The jumps out of a block: from its statements and from its terminator.
    pub fn jumps_from(&self, id: BlockId) -> Vec<JumpId> {
        let block = self.block(id);
        let mut out: Vec<JumpId> =
            block.items.iter().flat_map(|i| i.jumps.iter().copied()).collect();
        match &block.term {
            Term::Goto(j) | Term::Delegate { done: j, .. } => out.push(*j),
            Term::If { then, otherwise, .. } => out.extend([*then, *otherwise]),
            Term::Match { arms, .. } => out.extend(arms.iter().map(|a| a.target)),
            Term::Open | Term::Return(_) | Term::Suspend { .. } => {}
        }
        out
    }

    /// The targets of a block's terminator and of the jumps inside its statements.
    pub fn successors(&self, id: BlockId) -> Vec<BlockId> {
        let block = self.block(id);
        let mut out: Vec<BlockId> = block
            .items
            .iter()
            .flat_map(|i| i.jumps.iter().map(|j| self.jumps[j.0].target))
            .collect();
        match &block.term {
            Term::Open | Term::Return(_) => {}
            Term::Goto(j) => out.push(self.jumps[j.0].target),
            Term::If { then, otherwise, .. } => {
                out.push(self.jumps[then.0].target);
                out.push(self.jumps[otherwise.0].target);
            }
            Term::Match { arms, .. } => {
                out.extend(arms.iter().map(|a| self.jumps[a.target.0].target));
            }
            Term::Suspend { resume, .. } | Term::Delegate { resume, .. } => out.push(*resume),
        }
        out
    }
}

impl fmt::Display for Body {
    /// A compact listing for stage tests: one line per statement and terminator.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |id: BindingId| format!("{}#{}", self.binding(id).ident, id.0);
        let names = |ids: &[BindingId]| ids.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", ");
        for (i, block) in self.blocks.iter().enumerate() {
            if !block.started {
                continue;
            }
            let mut head = format!("bb{i} ({:?}, scope {})", block.kind, block.scope.0);
            if let Some(p) = block.param {
                let _ = write!(head, " param {}", name(p));
            }
            if !block.entry_defs.is_empty() {
                let _ = write!(head, " binds [{}]", names(&block.entry_defs));
            }
            writeln!(f, "{head}:")?;
            for item in block.items.iter().filter(|i| !i.tokens.is_empty()) {
                writeln!(f, "    {}", item.tokens)?;
            }
            let jump = |j: &JumpId| {
                let jump = &self.jumps[j.0];
                match &jump.value {
                    Some(v) => format!("bb{}({v})", jump.target.0),
                    None => format!("bb{}", jump.target.0),
                }
            };
            match &block.term {
                Term::Open => writeln!(f, "    <diverges>")?,
                Term::Goto(j) => writeln!(f, "    goto {}", jump(j))?,
                Term::If { cond, then, otherwise } => {
                    writeln!(f, "    if {cond} then {} else {}", jump(then), jump(otherwise))?;
                }
                Term::Match { scrutinee, arms } => {
                    writeln!(f, "    match {scrutinee}")?;
                    for arm in arms {
                        let guard =
                            arm.guard.as_ref().map(|g| format!(" if {g}")).unwrap_or_default();
                        writeln!(f, "        {}{guard} => {}", arm.pat, jump(&arm.target))?;
                    }
                }
                Term::Suspend { value, suspend, resume } => {
                    writeln!(f, "    suspend{suspend} yield {value} resume bb{}", resume.0)?;
                }
                Term::Delegate { suspend, resume, .. } => {
                    writeln!(f, "    delegate{suspend} resume bb{}", resume.0)?;
                }
                Term::Return(v) => writeln!(f, "    return {v}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{BindingId, Env};

    /// Shadowing, leaving scope and snapshots behave like a map copied at every snapshot, on
    /// both sides of the point where recent changes are folded into the shared map.
    #[test]
    fn env_snapshots_are_independent_copies() {
        let mut env = Env::new();
        let mut snapshots = Vec::new();
        for i in 0..100 {
            let name = format!("x{}", i % 7);
            let hidden = env.get(&name).copied();
            assert_eq!(env.insert(name.clone(), BindingId(i)), hidden);
            if i % 5 == 0 {
                env.remove(&format!("x{}", (i + 3) % 7));
            }
            snapshots.push((i, env.clone()));
        }
        for (i, snapshot) in &snapshots {
            // Replay the same changes on a plain map up to `i`.
            let mut plain = std::collections::BTreeMap::new();
            for j in 0..=*i {
                plain.insert(format!("x{}", j % 7), BindingId(j));
                if j % 5 == 0 {
                    plain.remove(&format!("x{}", (j + 3) % 7));
                }
            }
            for k in 0..7 {
                let name = format!("x{k}");
                assert_eq!(snapshot.get(&name), plain.get(&name), "after {i}: {name}");
            }
            assert_eq!(snapshot.len(), plain.len());
        }
    }

    /// Recent changes are folded into the shared map, so a copy clones at most `RECENT` of
    /// them however many names are in scope.
    #[test]
    fn env_recent_changes_stay_few() {
        let mut env = Env::new();
        for i in 0..1000 {
            env.insert(format!("x{i}"), BindingId(i));
            assert!(env.recent.len() <= Env::RECENT, "after {i} names");
        }
        assert_eq!(env.shared.len() + env.recent.len(), 1000);
        assert_eq!(env.clone().len(), 1000);
    }
}
