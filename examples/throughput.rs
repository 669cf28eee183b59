//! Native render time of `quire::render` (default options) beside pulldown-cmark's bare parse +
//! `push_html` with the same extensions, interleaved run by run, on the given documents: what the
//! pipeline costs on top of the parser. Profile with callgrind:
//!
//! ```sh
//! cargo run --release --example throughput -- 200 bench/corpus/*.md
//! valgrind --tool=callgrind target/release/examples/throughput 20 bench/corpus/long-read.md
//! ```
//!
//! `QUIRE_BENCH_ONLY=quire` (or `pulldown-cmark`) runs one side alone, for instruction counts
//! (`bench/instructions.sh`), which this shared machine's noise does not touch.

use std::hint::black_box;
use std::time::Instant;

use pulldown_cmark::{html, Options as ParserOptions, Parser};

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .expect("usage: throughput RUNS FILE...");
    let options = quire::Options::default();
    println!("| document | bytes | quire ms | pulldown-cmark ms | ratio | quire MB/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    for path in args {
        let markdown = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let (mut ours, mut bare) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
        let only = std::env::var("QUIRE_BENCH_ONLY").unwrap_or_default();
        for _ in 0..runs {
            if only != "pulldown-cmark" {
                let start = Instant::now();
                black_box(quire::render(black_box(&markdown), &options).expect("renders"));
                ours.push(start.elapsed().as_secs_f64());
            }
            if only != "quire" {
                let start = Instant::now();
                let mut out = String::with_capacity(markdown.len() * 3 / 2);
                html::push_html(&mut out, Parser::new_ext(black_box(&markdown), parser_options()));
                black_box(out);
                bare.push(start.elapsed().as_secs_f64());
            }
        }
        if ours.is_empty() || bare.is_empty() {
            continue;
        }
        let (ours, bare) = (best(&mut ours), best(&mut bare));
        println!(
            "| {path} | {} | {:.3} | {:.3} | {:.2} | {:.1} |",
            markdown.len(),
            ours * 1e3,
            bare * 1e3,
            ours / bare,
            markdown.len() as f64 / ours / 1e6
        );
    }
}

/// The default options' extensions (the `article` preset).
fn parser_options() -> ParserOptions {
    ParserOptions::ENABLE_TABLES
        | ParserOptions::ENABLE_FOOTNOTES
        | ParserOptions::ENABLE_STRIKETHROUGH
        | ParserOptions::ENABLE_TASKLISTS
        | ParserOptions::ENABLE_SMART_PUNCTUATION
        | ParserOptions::ENABLE_GFM
        | ParserOptions::ENABLE_MATH
        | ParserOptions::ENABLE_DEFINITION_LIST
        | ParserOptions::ENABLE_HEADING_ATTRIBUTES
}

/// The fastest tenth's median: the machine is shared, and noise only ever adds time.
fn best(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 20]
}
