//! The standard macros the expansion looks into, and what each does with its arguments: the
//! one table that lowering, liveness, divergence and the borrow check all read.

/// A macro of the standard library whose arguments are ordinary comma-separated expressions
/// (`vec!` also takes `[elem; len]`), so that a `yield_!` among them can be evaluated like any
/// other operand.
pub struct StdMacro {
    pub name: &'static str,
    /// Whether it takes its arguments by value (`vec!`, `dbg!`) rather than borrowing them
    /// (the formatting and assertion macros): an operand it borrows is read again after a
    /// suspension point instead of being moved into a temporary.
    pub by_value: bool,
    /// Whether it never returns.
    pub diverges: bool,
    /// Whether its value owns its data (`vec!`, `format!`).
    pub owns: bool,
}

const fn borrows(name: &'static str) -> StdMacro {
    StdMacro { name, by_value: false, diverges: false, owns: false }
}

const fn panics(name: &'static str) -> StdMacro {
    StdMacro { name, by_value: false, diverges: true, owns: false }
}

const TABLE: &[StdMacro] = &[
    borrows("print"),
    borrows("println"),
    borrows("eprint"),
    borrows("eprintln"),
    StdMacro { name: "format", by_value: false, diverges: false, owns: true },
    borrows("format_args"),
    borrows("write"),
    borrows("writeln"),
    borrows("assert"),
    borrows("assert_eq"),
    borrows("assert_ne"),
    borrows("debug_assert"),
    borrows("debug_assert_eq"),
    borrows("debug_assert_ne"),
    StdMacro { name: "vec", by_value: true, diverges: false, owns: true },
    StdMacro { name: "dbg", by_value: true, diverges: false, owns: false },
    panics("panic"),
    panics("unreachable"),
    panics("todo"),
    panics("unimplemented"),
];

/// The standard macro `mac` names by the last segment of its path, if it is one.
pub fn lookup(mac: &syn::Macro) -> Option<&'static StdMacro> {
    let last = mac.path.segments.last()?;
    TABLE.iter().find(|m| last.ident == m.name)
}
