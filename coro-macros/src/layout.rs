//! The shape of the state machine, decided before a token is written: the variants of
//! `__CoroState` and `__CoroBlock`, the locals each carries and under which field name, the
//! generic parameter that stands for each local's type, which resumed blocks are written in the
//! `match` on the state, and how a throw or a close request at a plain `yield_!` is handled.
//! The emitter writes what this says.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use proc_macro2::Span;
use quote::format_ident;

use crate::analyse::Analysis;
#[cfg(test)]
use crate::ir::Term;
use crate::ir::{BindingId, BlockId, BlockKind, Body, SuspendKind};
use crate::naming;

/// A variant of one of the two enums, and the locals it carries.
pub struct Variant {
    pub ident: syn::Ident,
    /// In declaration order; the enum declares them reversed, so that dropping a suspended
    /// coroutine drops them in the order plain Rust drops locals.
    pub fields: Vec<BindingId>,
    /// The value handed over by the jump (the sent value for a resumed block).
    pub param: Option<BindingId>,
    pub doc: String,
}

impl Variant {
    /// The fields and then the param: what a pattern on the variant binds.
    pub fn all(&self) -> Vec<BindingId> {
        self.fields.iter().copied().chain(self.param).collect()
    }
}

/// Where the step function returns for a throw or a close request at a plain `yield_!`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwind {
    /// Every suspension point is a plain `yield_!`: once, before the state is taken (fewer
    /// `return`s to type-check in long bodies).
    UpFront,
    /// In each plain `yield_!`'s resume arm.
    PerArm,
}

/// What a generic parameter of the enums stands for: a local, or the value every plain
/// `yield_!` (every `yield_catch!`) receives, which has one type however many there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeKey {
    Local(BindingId),
    Sent(SuspendKind),
}

/// The generic parameters of one of the two enums: one per local its variants carry (and one
/// for the sent values). Every use of a variant instantiates all of them, and each parameter
/// whose type rustc has not seen yet leaves an obligation pending that it re-examines at every
/// later step: that, not the count itself, is what makes bodies with hundreds of saved locals
/// slow to type-check (BENCHMARKS.md, "Compile time").
#[derive(Default)]
pub struct Generics {
    by_key: BTreeMap<TypeKey, syn::Ident>,
    pub params: Vec<syn::Ident>,
    /// What each parameter stands for, in the same order.
    pub keys: Vec<TypeKey>,
}

impl Generics {
    fn assign(&mut self, key: TypeKey) {
        if !self.by_key.contains_key(&key) {
            let ident = format_ident!("T{}", self.params.len(), span = Span::mixed_site());
            self.params.push(ident.clone());
            self.keys.push(key);
            self.by_key.insert(key, ident);
        }
    }

    pub fn get(&self, key: TypeKey) -> Option<&syn::Ident> {
        self.by_key.get(&key)
    }

    pub fn of(&self, key: TypeKey) -> &syn::Ident {
        self.by_key.get(&key).unwrap_or_else(|| unreachable!("every field's type is assigned"))
    }
}

pub struct Layout {
    /// `__CoroState::Unresumed`: the arguments.
    pub unresumed: Variant,
    /// The `__CoroState::SuspendN` variant of each suspension point.
    pub suspends: BTreeMap<usize, Variant>,
    /// The `__CoroBlock` variant of each block reached through one (not the entry, not a
    /// resumed block written in the `match` on the state).
    pub blocks: BTreeMap<BlockId, Variant>,
    /// Resumed blocks whose code is written in the `match` on the state itself (see
    /// `direct_resumes`).
    pub direct: BTreeSet<BlockId>,
    /// Every local some variant carries or some statement assigns anew: its `mut` may be
    /// needed only in another arm than the one that declares it.
    pub saved: BTreeSet<BindingId>,
    /// The field that holds each binding, in every variant that holds it.
    pub field_names: Vec<syn::Ident>,
    pub state_types: Generics,
    pub block_types: Generics,
    /// The bindings of values sent into a plain `yield_!` or a `yield_catch!`: one type each.
    pub sent_kind: BTreeMap<BindingId, SuspendKind>,
    pub unwind: Unwind,
}

impl Layout {
    /// The key of the generic parameter that stands for `id`'s type.
    pub fn type_key(&self, id: BindingId) -> TypeKey {
        match self.sent_kind.get(&id) {
            Some(&kind) => TypeKey::Sent(kind),
            None => TypeKey::Local(id),
        }
    }
}

pub fn layout(body: &Body, analysis: &Analysis) -> Layout {
    let mut blocks = BTreeMap::new();
    let mut suspends = BTreeMap::new();
    let direct = direct_resumes(body, analysis);
    let mut joins = 0usize;
    for &b in &analysis.order {
        let block = body.block(b);
        let live: Vec<BindingId> = analysis.live_in[b.0].iter().copied().collect();
        match block.kind {
            BlockKind::Entry => {}
            BlockKind::Resume(k) => {
                let point = &body.suspends[k];
                let line = point.span.start().line;
                suspends.insert(
                    k,
                    Variant {
                        ident: format_ident!("Suspend{}", k),
                        // A `yield_from!` also keeps its delegate, declared last.
                        fields: match point.kind {
                            SuspendKind::Delegate(sub) => {
                                live.iter().copied().chain([sub]).collect()
                            }
                            _ => live.clone(),
                        },
                        param: None,
                        doc: format!("Suspended at `{}` (line {line}).", point.source),
                    },
                );
                if !direct.contains(&b) {
                    blocks.insert(
                        b,
                        Variant {
                            ident: format_ident!("Resume{}", k),
                            fields: live,
                            param: block.param,
                            doc: format!("Resuming after `{}`.", point.source),
                        },
                    );
                }
            }
            BlockKind::Plain if analysis.variant[b.0] => {
                blocks.insert(
                    b,
                    Variant {
                        ident: format_ident!("Join{}", joins),
                        fields: live,
                        param: block.param,
                        doc: "A join point of the control flow.".to_owned(),
                    },
                );
                joins += 1;
            }
            BlockKind::Plain => {}
        }
    }
    let unresumed = Variant {
        ident: format_ident!("Unresumed"),
        fields: body.block(BlockId(0)).entry_defs.clone(),
        param: None,
        doc: "Created: holds the arguments; no code has run.".to_owned(),
    };
    let saved = blocks
        .values()
        .chain(suspends.values())
        .flat_map(|v| v.fields.iter().copied())
        .chain(
            body.blocks.iter().flat_map(|b| b.items.iter().flat_map(|i| i.kills.iter().copied())),
        )
        .collect();
    let sent_kind = body
        .blocks
        .iter()
        .filter_map(|b| match (b.kind, b.param) {
            (BlockKind::Resume(k), Some(p)) => match body.suspends[k].kind {
                kind @ (SuspendKind::Plain | SuspendKind::Catch) => Some((p, kind)),
                SuspendKind::Delegate(_) => None,
            },
            _ => None,
        })
        .collect();
    let carried = std::iter::once(&unresumed)
        .chain(blocks.values())
        .chain(suspends.values())
        .flat_map(Variant::all);
    let field_names = naming::field_names(body, carried);
    let unwind = if !body.suspends.is_empty()
        && body.suspends.iter().all(|s| s.kind == SuspendKind::Plain)
    {
        Unwind::UpFront
    } else {
        Unwind::PerArm
    };
    let mut layout = Layout {
        unresumed,
        suspends,
        blocks,
        direct,
        saved,
        field_names,
        state_types: Generics::default(),
        block_types: Generics::default(),
        sent_kind,
        unwind,
    };
    // Parameters are numbered in the order the enums declare their fields.
    let mut state_types = Generics::default();
    for variant in std::iter::once(&layout.unresumed).chain(layout.suspends.values()) {
        for id in variant.all().into_iter().rev() {
            state_types.assign(layout.type_key(id));
        }
    }
    let mut block_types = Generics::default();
    for variant in layout.blocks.values() {
        for id in variant.all().into_iter().rev() {
            block_types.assign(layout.type_key(id));
        }
    }
    layout.state_types = state_types;
    layout.block_types = block_types;
    layout
}

/// Resumed blocks whose segment the glue runs straight from the `match` on the state, rather
/// than through a `__CoroBlock` variant: every resume of a `yield_!` or a `yield_catch!`. A
/// `yield_from!` keeps going through `__CoroBlock`: the glue forwards the resume to its delegate
/// in place, and only the delegate's return value goes on to the block.
fn direct_resumes(body: &Body, analysis: &Analysis) -> BTreeSet<BlockId> {
    analysis
        .order
        .iter()
        .copied()
        .filter(|&b| match body.block(b).kind {
            BlockKind::Resume(k) => !matches!(body.suspends[k].kind, SuspendKind::Delegate(_)),
            _ => false,
        })
        .collect()
}

// ---- the invariant inference depends on ------------------------------------------------------

/// A variant of either enum, as arms build and destructure them.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Suspend(usize),
    Block(BlockId),
}

/// The segments in the order the step closure passes them to the glue, each with the variant
/// whose fields it takes and the variants its code builds. rustc checks the segments in that
/// order and learns a field's type from the first segment that builds its variant; a segment
/// that takes a variant no earlier segment built would see its fields as unknown types, and
/// method calls on them would not resolve. Returns one line per segment that does (empty when
/// the layout is sound).
#[cfg(test)]
pub fn unbuilt_before_use(body: &Body, analysis: &Analysis, layout: &Layout) -> Vec<String> {
    // The variants the code of a segment rooted at `root` builds.
    let builds = |root: BlockId| -> Vec<Place> {
        let mut out = Vec::new();
        for (x, roots) in analysis.roots.iter().enumerate() {
            if !roots.contains(&root) {
                continue;
            }
            match body.blocks[x].term {
                Term::Suspend { suspend, .. } | Term::Delegate { suspend, .. } => {
                    out.push(Place::Suspend(suspend));
                }
                _ => {}
            }
            for j in body.jumps_from(BlockId(x)) {
                if !analysis.inline_jump[j.0] {
                    out.push(Place::Block(body.jumps[j.0].target));
                }
            }
        }
        out
    };
    let mut built: BTreeSet<Place> = BTreeSet::new();
    let mut problems = Vec::new();
    let mut visit = |uses: Option<Place>, fields: bool, makes: Vec<Place>, name: String| {
        if let Some(place) = uses
            && fields
            && !built.contains(&place)
        {
            problems.push(format!("{name} takes a variant no earlier segment builds"));
        }
        built.extend(makes);
    };
    for &b in &analysis.order {
        match body.block(b).kind {
            BlockKind::Entry => visit(None, false, builds(b), "Unresumed".into()),
            BlockKind::Resume(k) if layout.direct.contains(&b) => {
                let fields = !layout.suspends[&k].fields.is_empty();
                visit(Some(Place::Suspend(k)), fields, builds(b), format!("Suspend{k}"));
            }
            // The delegate's forwarding segment.
            BlockKind::Resume(k) => {
                let makes = vec![Place::Block(b)];
                visit(Some(Place::Suspend(k)), true, makes, format!("Suspend{k}"));
            }
            BlockKind::Plain => {}
        }
        if let Some(variant) = layout.blocks.get(&b) {
            let fields = !variant.all().is_empty();
            visit(Some(Place::Block(b)), fields, builds(b), variant.ident.to_string());
        }
    }
    problems
}

impl fmt::Display for Layout {
    /// One line per variant: its fields (by field name, with the type parameter of each) and
    /// parameter; then the resumed blocks written in the first `match`, and the unwind mode.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = |id: BindingId, types: &Generics| {
            format!("{}#{}: {}", self.field_names[id.0], id.0, types.of(self.type_key(id)))
        };
        let line = |f: &mut fmt::Formatter<'_>, v: &Variant, types: &Generics, at: String| {
            let fields: Vec<String> = v.fields.iter().map(|&id| field(id, types)).collect();
            let param = v.param.map(|p| format!(" <- {}", field(p, types))).unwrap_or_default();
            writeln!(f, "    {} {{ {} }}{param}{at}", v.ident, fields.join(", "))
        };
        writeln!(f, "__CoroState:")?;
        line(f, &self.unresumed, &self.state_types, String::new())?;
        for v in self.suspends.values() {
            line(f, v, &self.state_types, String::new())?;
        }
        if !self.blocks.is_empty() {
            writeln!(f, "__CoroBlock:")?;
            for (b, v) in &self.blocks {
                line(f, v, &self.block_types, format!(" at bb{}", b.0))?;
            }
        }
        let direct: Vec<String> = self.direct.iter().map(|b| format!("bb{}", b.0)).collect();
        writeln!(f, "direct: [{}]", direct.join(", "))?;
        writeln!(f, "unwind: {:?}", self.unwind)
    }
}
