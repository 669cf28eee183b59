//! Native throughput of `quire::render` (default options) on the benchmark's documents: where the
//! time goes before it goes to the browser. Profile with callgrind:
//!
//! ```sh
//! cargo run --release --example throughput -- bench/corpus/long-read.md 200
//! valgrind --tool=callgrind target/release/examples/throughput bench/corpus/long-read.md 20
//! ```

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput FILE [RUNS]");
    let runs: usize = args.next().map_or(100, |n| n.parse().expect("RUNS is a number"));
    let markdown = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let options = quire::Options::default();
    let mut times = Vec::with_capacity(runs);
    let mut out = 0;
    for _ in 0..runs {
        let start = Instant::now();
        out += quire::render(&markdown, &options).expect("renders").html.len();
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{path}: {} bytes, median {:.3} ms, {:.1} MB/s ({} bytes out)",
        markdown.len(),
        median * 1e3,
        markdown.len() as f64 / median / 1e6,
        out / runs
    );
}
