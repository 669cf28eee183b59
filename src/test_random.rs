//! The unit tests' random inputs: a small deterministic generator (xorshift64), so a failure
//! replays from its seed, with no dependency.

pub(crate) struct Xorshift(pub u64);

impl Xorshift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    /// `text` cut into pieces of 1 to `longest` bytes (at character boundaries), as a stream
    /// or a tokenizer fed in chunks would see it.
    pub fn pieces<'t>(&mut self, text: &'t str, longest: usize) -> Vec<&'t str> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let mut cut = (1 + self.below(longest)).min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            pieces.push(&rest[..cut]);
            rest = &rest[cut..];
        }
        pieces
    }
}
