//! What streaming costs (`quire::Stream`): a document pushed in small pieces, beside one render of
//! it and beside the naive way, rendering the whole text again for every piece (quadratic).
//!
//! ```sh
//! cargo run --release --example streaming -- 200000 20 bench/corpus/long-read.md
//! ```
//!
//! The document is the file repeated up to BYTES; each piece is PIECE bytes (moved to a character
//! boundary). Streaming is timed whole: every push (each renders when the tail has grown by a
//! quarter), the final flush and `finish` (the one render of the whole text that ends a stream).
//! The naive way would take ~10^4 renders of a 200 KB text: it is timed on 50 evenly spaced
//! prefixes and summed over every piece (the mean prefix render × the number of pieces), and said so.

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: streaming BYTES PIECE FILE";
    let bytes: usize = args.next().and_then(|n| n.parse().ok()).expect(usage);
    let piece: usize = args.next().and_then(|n| n.parse().ok()).expect(usage);
    let path = args.next().expect(usage);
    let file = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let mut text = String::new();
    while text.len() < bytes {
        text.push_str(&file);
        text.push_str("\n\n");
    }
    let pieces = split(&text, piece);
    let options = quire::Options::default();

    let mut one = Vec::new();
    let mut streamed = Vec::new();
    let mut renders = 0;
    for _ in 0..3 {
        let start = Instant::now();
        black_box(quire::render(black_box(&text), &options).expect("renders"));
        one.push(start.elapsed().as_secs_f64());

        let start = Instant::now();
        let mut stream = quire::Stream::new(&options).expect("options");
        renders = 0;
        for piece in &pieces {
            renders += usize::from(black_box(stream.push(piece).expect("pushes")).is_some());
        }
        black_box(stream.flush().expect("flushes"));
        black_box(stream.finish().expect("finishes"));
        streamed.push(start.elapsed().as_secs_f64());
    }
    let (one, streamed) = (best(&mut one), best(&mut streamed));

    // The naive way, sampled: 50 prefixes at evenly spaced piece counts.
    let samples = 50;
    let mut sampled = 0.0;
    for k in 1..=samples {
        let end: usize = pieces[..pieces.len() * k / samples].iter().map(|p| p.len()).sum();
        let start = Instant::now();
        black_box(quire::render(black_box(&text[..end]), &options).expect("renders"));
        sampled += start.elapsed().as_secs_f64();
    }
    let naive = sampled / samples as f64 * pieces.len() as f64;

    println!("| document | pieces | one render ms | streamed ms (tail renders) | streamed ÷ one render | re-render per piece ms (sampled) | ÷ one render |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {path} repeated to {} bytes | {} × {piece} B | {:.1} | {:.1} ({renders}) | {:.2} | {:.0} | {:.0} |",
        text.len(),
        pieces.len(),
        one * 1e3,
        streamed * 1e3,
        streamed / one,
        naive * 1e3,
        naive / one
    );
}

fn split(text: &str, size: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let mut end = (at + size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        pieces.push(&text[at..end]);
        at = end;
    }
    pieces
}

fn best(times: &mut [f64]) -> f64 {
    times.iter().copied().fold(f64::INFINITY, f64::min)
}
