//! `docs/EXPANSION.md` quotes real files: every ```` ```rust ```` listing there follows a marker
//! line `<!-- snapshot: NAME -->` (an excerpt of `src/tests/snapshots/NAME.snap`) or
//! `<!-- fixture: NAME -->` (of `tests/expand/NAME.rs`). A listing line starting with `// ...`
//! stands for omitted lines; the runs between them must appear in the file, in order, each as
//! consecutive lines (compared trimmed). When an expansion changes, refresh the doc's listings
//! from the new snapshot.

use std::path::Path;

/// One ```` ```rust ```` listing of the doc: the file it quotes and its lines, each with its
/// 1-based line number in the doc.
struct Listing<'a> {
    marker: &'a str,
    file: String,
    lines: Vec<(usize, &'a str)>,
}

fn listings(doc: &str) -> Vec<Listing<'_>> {
    let mut found = Vec::new();
    let mut lines = doc.lines().enumerate();
    let mut previous = "";
    while let Some((i, line)) = lines.next() {
        if line.trim() == "```rust" {
            let marker = previous.trim();
            let file = if let Some(name) = marker_name(marker, "snapshot") {
                format!("src/tests/snapshots/{name}.snap")
            } else if let Some(name) = marker_name(marker, "fixture") {
                format!("tests/expand/{name}.rs")
            } else {
                panic!(
                    "docs/EXPANSION.md line {}: a ```rust listing needs a `<!-- snapshot: NAME \
                     -->` or `<!-- fixture: NAME -->` line right above it",
                    i + 1
                );
            };
            let body = lines.by_ref().take_while(|(_, l)| l.trim() != "```");
            found.push(Listing { marker, file, lines: body.map(|(i, l)| (i + 1, l)).collect() });
        }
        previous = line;
    }
    found
}

fn marker_name<'a>(marker: &'a str, kind: &str) -> Option<&'a str> {
    let rest = marker.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    Some(rest.strip_prefix(kind)?.strip_prefix(':')?.trim())
}

/// Checks that the runs of `listing` between elisions occur in `file` in order. On a mismatch,
/// returns the doc line number and text of the first listing line that could not be matched.
fn check<'a>(listing: &[(usize, &'a str)], file: &[&str]) -> Result<(), (usize, &'a str)> {
    let mut from = 0;
    for run in listing.split(|(_, l)| l.trim_start().starts_with("// ...")) {
        if run.is_empty() {
            continue;
        }
        let matching = |start: usize| {
            run.iter().zip(&file[start..]).take_while(|((_, l), f)| l.trim() == f.trim()).count()
        };
        let Some(start) = (from..file.len()).find(|&start| matching(start) == run.len()) else {
            let longest = (from..file.len()).map(matching).max().unwrap_or(0);
            return Err(run[longest]);
        };
        from = start + run.len();
    }
    Ok(())
}

#[test]
fn listings_are_excerpts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("../docs/EXPANSION.md")).expect("doc readable");
    let listings = listings(&doc);
    for (n, listing) in listings.iter().enumerate() {
        let path = root.join(&listing.file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (named by `{}`)", path.display(), listing.marker));
        let file: Vec<&str> = text.lines().collect();
        if let Err((line_no, line)) = check(&listing.lines, &file) {
            panic!(
                "docs/EXPANSION.md listing #{} (`{}`): line {line_no}, `{}`, does not match \
                 coro-macros/{} (listing lines between `// ...` elisions must appear there in \
                 order, consecutively, compared trimmed). Update docs/EXPANSION.md: copy the \
                 listing afresh from that file, and check that the prose around it still holds.",
                n + 1,
                listing.marker,
                line.trim(),
                listing.file,
            );
        }
    }
    let snapshots = listings.iter().filter(|l| l.marker.contains("snapshot:")).count();
    assert!(snapshots >= 2, "docs/EXPANSION.md: expected at least 2 snapshot listings");
}
