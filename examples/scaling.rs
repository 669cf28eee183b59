//! Does rendering stay linear on hostile input? Times `quire::render` (default options: the
//! article preset, raw HTML sanitized) on cmark's pathological inputs and on deep nesting, at a
//! size `n` and at `4n`, and prints the ratio of the two times. Linear is a ratio near 4; the
//! target is at most 4.5.
//!
//! ```sh
//! cargo run --release --example scaling                 # n = 64 KiB
//! cargo run --release --example scaling -- 100000 2000  # n in bytes, budget in ms
//! cargo run --release --example scaling -- 262144 5000 emph  # only the cases named *emph*
//! ```
//!
//! A case whose render at `n` takes longer than the budget (default 5 s) is not run at `4n`.
//! `QUIRE_SCALING_STREAMED=20` streams each case in 20-byte pieces instead (`quire::Stream`).
//!
//! The ratios are noisy on a shared machine, and from 64 KiB to 256 KiB the working set of the
//! text-heavy cases outgrows the CPU's caches, which alone can make 4× the input cost 5–6× the
//! time; rerun at a larger `n` (`-- 262144`) before suspecting an algorithm.

use std::time::{Duration, Instant};

/// One hostile input: `make(n)` builds it at about `n` bytes. (`tests/robustness.rs` renders the
/// same cases and checks the output; it includes this file as a module.)
pub struct Case {
    pub name: &'static str,
    pub make: fn(usize) -> String,
}

/// `unit` repeated to about `n` bytes.
fn repeat(unit: &str, n: usize) -> String {
    unit.repeat((n / unit.len()).max(1))
}

fn nested_strong_emph(n: usize) -> String {
    let k = n / 14;
    format!("{}b{}", "*a **a ".repeat(k), " a** a*".repeat(k))
}

fn nested_brackets(n: usize) -> String {
    let k = n / 2;
    format!("{}a{}", "[".repeat(k), "]".repeat(k))
}

fn nested_lists(n: usize) -> String {
    // Each level indents two more spaces than the last: about k²/1 bytes for k levels.
    let mut out = String::new();
    let mut level = 0;
    while out.len() < n {
        out.push_str(&"  ".repeat(level));
        out.push_str("* a\n");
        level += 1;
    }
    out
}

fn nested_ordered_lists(n: usize) -> String {
    // `1. ` nests by a prefix on one line, so depth grows linearly with size.
    format!("{}a\n", repeat("1. ", n))
}

fn backticks(n: usize) -> String {
    let mut out = String::new();
    let mut run = 1;
    while out.len() < n {
        out.push('e');
        out.push_str(&"`".repeat(run));
        run += 1;
    }
    out
}

fn many_references(n: usize) -> String {
    let mut defs = String::new();
    let mut i = 0;
    while defs.len() < n / 2 {
        defs.push_str(&format!("[r{i}]: /u{i}\n"));
        i += 1;
    }
    let mut uses = String::new();
    let mut j = 0;
    while uses.len() < n / 2 {
        uses.push_str(&format!("[r{}] ", j % i.max(1)));
        j += 1;
    }
    format!("{defs}\n{uses}\n")
}

fn wide_table(n: usize) -> String {
    let columns = (n / 8).max(1);
    let head = format!("|{}\n", "a|".repeat(columns));
    let rule = format!("|{}\n", "-|".repeat(columns));
    let row = format!("|{}\n", "b|".repeat(columns));
    format!("{head}{rule}{row}{row}")
}

fn long_table(n: usize) -> String {
    format!("|a|b|\n|-|-|\n{}", repeat("|c|d|\n", n))
}

fn gfm_tables(n: usize) -> String {
    // cmark-gfm's "tables" case.
    repeat("aaa\rbbb\n-\x0b\n", n)
}

fn nested_divs(n: usize) -> String {
    let k = n / 11;
    format!("{}x{}", "<div>".repeat(k), "</div>".repeat(k))
}

fn nested_divs_inline(n: usize) -> String {
    // Every tag its own inline HTML event, inside one paragraph.
    format!("x {}y", repeat("<span> ", n))
}

fn nested_divs_blocks(n: usize) -> String {
    // Every tag its own HTML block.
    repeat("<div>\n\n", n)
}

fn nested_formatting(n: usize) -> String {
    // Distinct attributes defeat the "Noah's Ark" limit on reopened formatting elements.
    let mut out = String::new();
    let mut i = 0;
    while out.len() < n {
        out.push_str(&format!("<b id=x{i}>"));
        i += 1;
    }
    out.push('x');
    out
}

fn reopened_formatting(n: usize) -> String {
    // Formatting elements closed by their block stay active and are reopened in the next one.
    let mut out = String::new();
    let mut i = 0;
    while out.len() < n {
        out.push_str(&format!("<p><i id=x{i}>a</p>\n"));
        i += 1;
    }
    out
}

fn nested_tables(n: usize) -> String {
    format!("{}x", repeat("<table><tr><td>", n))
}

fn mixed_nesting(n: usize) -> String {
    format!("{}x\n", repeat("> - <div>\n> - ", n))
}

pub const CASES: &[Case] = &[
    Case {
        name: "nested strong emph",
        make: nested_strong_emph,
    },
    Case {
        name: "emph closers, no openers",
        make: |n| repeat("a_ ", n),
    },
    Case {
        name: "emph openers, no closers",
        make: |n| repeat("_a ", n),
    },
    Case {
        name: "link closers, no openers",
        make: |n| repeat("a]", n),
    },
    Case {
        name: "link openers, no closers",
        make: |n| repeat("[a", n),
    },
    Case {
        name: "mismatched openers/closers",
        make: |n| repeat("*a_ ", n),
    },
    Case {
        name: "openers/closers multiple of 3",
        make: |n| format!("a**b{}", repeat("c* ", n)),
    },
    Case {
        name: "link openers, emph closers",
        make: |n| repeat("[ a_", n),
    },
    Case {
        name: "pattern [ (]( repeated",
        make: |n| repeat("[ (](", n),
    },
    Case {
        name: "pattern ![[]() repeated",
        make: |n| repeat("![[]()", n),
    },
    Case {
        name: "nested brackets",
        make: nested_brackets,
    },
    Case {
        name: "nested block quotes",
        make: |n| format!("{}a", repeat("> ", n)),
    },
    Case {
        name: "deeply nested lists",
        make: nested_lists,
    },
    Case {
        name: "nested ordered lists",
        make: nested_ordered_lists,
    },
    Case {
        name: "*a* and _a_ repeated",
        make: |n| repeat("*a* _a_ ", n),
    },
    Case {
        name: "backticks",
        make: backticks,
    },
    Case {
        name: "unclosed links A",
        make: |n| repeat("[a](<b", n),
    },
    Case {
        name: "unclosed links B",
        make: |n| repeat("[a](b", n),
    },
    Case {
        name: "unclosed <!--",
        make: |n| format!("</{}", repeat("<!--", n)),
    },
    Case {
        name: "unclosed <?",
        make: |n| repeat("a <?", n),
    },
    Case {
        name: "unclosed <!A",
        make: |n| repeat("a <!A ", n),
    },
    Case {
        name: "unclosed <![CDATA[",
        make: |n| repeat("a <![CDATA[", n),
    },
    Case {
        name: "entity-like &# runs",
        make: |n| repeat("&#", n),
    },
    Case {
        name: "many link references",
        make: many_references,
    },
    Case {
        name: "table, many columns",
        make: wide_table,
    },
    Case {
        name: "table, many rows",
        make: long_table,
    },
    Case {
        name: "cmark-gfm tables",
        make: gfm_tables,
    },
    Case {
        name: "nested raw <div>",
        make: nested_divs,
    },
    Case {
        name: "nested inline raw <span>",
        make: nested_divs_inline,
    },
    Case {
        name: "raw <div> blocks, unclosed",
        make: nested_divs_blocks,
    },
    Case {
        name: "nested raw <b id>",
        make: nested_formatting,
    },
    Case {
        name: "reopened raw <i id>",
        make: reopened_formatting,
    },
    Case {
        name: "nested raw tables",
        make: nested_tables,
    },
    Case {
        name: "mixed > - <div>",
        make: mixed_nesting,
    },
    Case {
        name: "pasted: short lines",
        make: pasted_short_lines,
    },
    Case {
        name: "pasted: one long line",
        make: pasted_long_line,
    },
    Case {
        name: "pasted: candidate headings",
        make: pasted_candidate_headings,
    },
    Case {
        name: "pasted: teasers",
        make: pasted_teasers,
    },
    Case {
        name: "pasted: debris and title repeats",
        make: pasted_debris,
    },
];

/// Pasted text of one-line paragraphs with a heading-shaped line between each two.
fn pasted_short_lines(n: usize) -> String {
    let unit = "A short line that could be a heading\nThe body line after it is one paragraph on its line, long enough to be prose, and it ends like a sentence.\n";
    format!("Harbour library reopens\nBy Jane Smith\n{}", repeat(unit, n))
}

/// Pasted text whose body is one line of about `n` bytes.
fn pasted_long_line(n: usize) -> String {
    let words = repeat("words in one line ", n);
    format!("Harbour library reopens\nThe library opens again after the flood.\nBy Jane Smith\nMarch 3, 2025\n{words}.\nThe end.\n")
}

/// Blank-line separated candidate headings, each before a paragraph of prose.
fn pasted_candidate_headings(n: usize) -> String {
    let unit = "Candidate heading here\n\nA paragraph of prose that is long enough to count as prose for the section rules.\n\n";
    format!("Harbour library reopens\n\nBy Jane Smith\n\n{}", repeat(unit, n))
}

/// Cut-off teasers that all start like each other and like the paragraphs.
fn pasted_teasers(n: usize) -> String {
    let unit =
        "The same four words start every paragraph…\nThe same four words start every paragraph too, and it ends.\n";
    format!("Harbour library reopens\nBy Jane Smith\n{}", repeat(unit, n))
}

/// Page debris and repeats of the title, line after line.
fn pasted_debris(n: usize) -> String {
    let unit = "Share on Facebook\nHarbour library reopens\nAdvertisement\nJane Smith Avatar\n";
    let prose =
        "The story starts here, in a paragraph on its line that is long enough to be read as prose by the rules.";
    format!(
        "Harbour library reopens\nBy Jane Smith\n{prose}\n{}The end of the story, in one sentence.\n",
        repeat(unit, n)
    )
}

/// With `QUIRE_SCALING_STREAMED=BYTES`, each case is streamed (`quire::Stream`) in pieces of that
/// many bytes, ending with `finish`, instead of rendered at once: streaming must stay linear too.
fn streamed_pieces() -> Option<usize> {
    std::env::var("QUIRE_SCALING_STREAMED")
        .ok()
        .and_then(|bytes| bytes.parse().ok())
}

fn render_once(markdown: &str, options: &quire::Options) -> Duration {
    let start = Instant::now();
    let article = match streamed_pieces() {
        None => quire::render(markdown, options).expect("renders"),
        Some(size) => {
            let mut stream = quire::Stream::new(options).expect("options");
            let mut at = 0;
            while at < markdown.len() {
                let mut end = (at + size).min(markdown.len());
                while !markdown.is_char_boundary(end) {
                    end += 1;
                }
                stream.push(&markdown[at..end]).expect("pushes");
                at = end;
            }
            stream.flush().expect("flushes");
            stream.finish().expect("finishes")
        }
    };
    let elapsed = start.elapsed();
    assert!(!article.html.is_empty());
    elapsed
}

/// Median of three renders, after one to warm up (just that one, when it is over `budget`).
fn time(markdown: &str, options: &quire::Options, budget: Duration) -> Duration {
    let first = render_once(markdown, options);
    if first > budget {
        return first;
    }
    let mut times = [
        render_once(markdown, options),
        render_once(markdown, options),
        render_once(markdown, options),
    ];
    times.sort();
    times[1]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|arg| arg.parse().expect("n is a number of bytes"))
        .unwrap_or(64 * 1024);
    let budget = Duration::from_millis(
        std::env::args()
            .nth(2)
            .map(|arg| arg.parse().expect("the budget is a number of milliseconds"))
            .unwrap_or(5000),
    );
    let only = std::env::args().nth(3).unwrap_or_default();
    let options = quire::Options::default();
    println!("| case | bytes (n) | ms at n | ms at 4n | ratio |");
    println!("|---|---:|---:|---:|---:|");
    let mut worst: f64 = 0.0;
    for case in CASES.iter().filter(|case| case.name.contains(&only)) {
        let small = (case.make)(n);
        let t_small = time(&small, &options, budget);
        if t_small > budget {
            worst = f64::INFINITY;
            println!(
                "| {} | {} | {:.2} | (over budget) | – ← super-linear? |",
                case.name,
                small.len(),
                ms(t_small)
            );
            continue;
        }
        let large = (case.make)(4 * n);
        let t_large = time(&large, &options, budget * 16);
        // Below a millisecond, timer noise says more than the ratio does.
        let ratio = ms(t_large) / ms(t_small).max(0.5);
        worst = worst.max(ratio);
        let flag = if ratio > 4.5 { "  ← super-linear" } else { "" };
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2}{} |",
            case.name,
            small.len(),
            ms(t_small),
            ms(t_large),
            ratio,
            flag
        );
    }
    println!("\nworst ratio: {worst:.2} (target: 4× the input costs ≤ 4.5× the time)");
}
