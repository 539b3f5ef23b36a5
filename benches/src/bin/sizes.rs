//! Prints `size_of` each contender's coroutine as JSON lines, for `benches/report.py`.

fn main() {
    for size in coro_benches::sizes::all() {
        println!(
            "{{\"workload\": \"{}\", \"contender\": \"{}\", \"bytes\": {}, \"note\": \"{}\"}}",
            size.workload, size.contender, size.bytes, size.note
        );
    }
}
