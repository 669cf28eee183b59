//! Text metrics of an article's plain text: word count, reading time and excerpt.
//!
//! Words are runs of letters and digits. Inside a word, an apostrophe (`'`, `’`), a hyphen
//! (`-`, `‐`, `‑`), an underscore or a middle dot (`·`) between two letters or digits keeps it one
//! word ("don't", "well-known", "snake_case"), and so does `.` or `,` between two digits ("3.14",
//! "1,000"). Combining marks (accents, Indic vowel signs and viramas ...) continue a word but never
//! start one. Each CJK character (Han, Hiragana, Katakana, Hangul syllables) counts as one word on
//! its own, since those scripts do not separate words with spaces. Scripts such as Thai, also
//! written without spaces, count a whole run as one word: a known approximation.

/// Reading speed for words, in words a minute.
pub(crate) const WORDS_PER_MINUTE: usize = 230;
/// Reading speed for CJK text, in characters a minute.
pub(crate) const CJK_CHARS_PER_MINUTE: usize = 500;

/// Words in `text`: other words plus CJK characters (see the module docs for the rules).
#[allow(dead_code)] // For callers with the whole text at hand; the pipeline streams into `WordCounter`.
pub(crate) fn count_words(text: &str) -> usize {
    let mut counter = WordCounter::new();
    counter.push(text);
    counter.total()
}

/// Minutes to read `words` words and `cjk_chars` CJK characters at [`WORDS_PER_MINUTE`] and
/// [`CJK_CHARS_PER_MINUTE`], rounded up; never less than 1, even for an empty document.
pub(crate) fn reading_minutes(words: usize, cjk_chars: usize) -> usize {
    // words / 230 + cjk / 500, rounded up, in integers: (words * 500 + cjk * 230) / (230 * 500).
    let per_minute = (WORDS_PER_MINUTE * CJK_CHARS_PER_MINUTE) as u128;
    let units = words as u128 * CJK_CHARS_PER_MINUTE as u128 + cjk_chars as u128 * WORDS_PER_MINUTE as u128;
    usize::try_from(units.div_ceil(per_minute)).unwrap_or(usize::MAX).max(1)
}

/// Counts words over many chunks of text, as the HTML writer meets them.
///
/// Feed each text chunk with [`push`](Self::push); chunks that follow each other in the same
/// paragraph join up, so a word split across them ("wo" + "rd") counts once. Call
/// [`boundary`](Self::boundary) between blocks (paragraphs, headings, list items, table cells,
/// code blocks ...) and wherever the source has a break that is not in the text, so the last word
/// of one block and the first of the next are never joined.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordCounter {
    words: usize,
    cjk_chars: usize,
    /// One of the states below.
    state: u8,
}

// The counter is a table-driven state machine (it sees every character of the text, so it must be
// cheap). States:
/// Not in a word.
const OUTSIDE: u8 = 0;
/// Just after a letter, or a mark following one.
const LETTER: u8 = 1;
/// Just after a digit, or a mark following one.
const DIGIT: u8 = 2;
/// Just after a joiner (`'`, `-` ...) that followed a word character.
const JOINER: u8 = 3;
/// Just after `.` or `,` that followed a digit: only a digit continues the word.
const NUMERIC_JOINER: u8 = 4;
/// Set in a [`NEXT`] entry when the character starts a new word.
const COUNT: u8 = 0x80;

// Character classes (CJK characters are counted apart).
const C_LETTER: usize = 0;
const C_DIGIT: usize = 1;
const C_JOINER: usize = 2;
const C_NUMERIC_JOINER: usize = 3;
const C_MARK: usize = 4;
const C_OTHER: usize = 5;

/// `NEXT[state][class]`: the next state, with [`COUNT`] when a word starts.
const NEXT: [[u8; 6]; 5] = [
    // letter,        digit,         joiner,  numeric joiner,  mark,    other
    [LETTER | COUNT, DIGIT | COUNT, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE], // outside
    [LETTER, DIGIT, JOINER, OUTSIDE, LETTER, OUTSIDE],                   // letter
    [LETTER, DIGIT, JOINER, NUMERIC_JOINER, DIGIT, OUTSIDE],             // digit
    [LETTER, DIGIT, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE],                 // joiner
    [LETTER | COUNT, DIGIT, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE],         // numeric joiner
];

/// The class of each ASCII character.
const ASCII_CLASS: [u8; 128] = {
    let mut classes = [C_OTHER as u8; 128];
    let mut b = 0;
    while b < 128 {
        classes[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => C_LETTER as u8,
            b'0'..=b'9' => C_DIGIT as u8,
            b'\'' | b'-' | b'_' => C_JOINER as u8,
            b'.' | b',' => C_NUMERIC_JOINER as u8,
            _ => C_OTHER as u8,
        };
        b += 1;
    }
    classes
};

/// [`NEXT`] by state and byte for ASCII bytes (one lookup per byte), [`NOT_ASCII`] for the others.
const ASCII_NEXT: [[u8; 256]; NEXT.len()] = {
    let mut table = [[NOT_ASCII; 256]; NEXT.len()];
    let mut state = 0;
    while state < NEXT.len() {
        let mut b = 0;
        while b < 128 {
            table[state][b] = NEXT[state][ASCII_CLASS[b] as usize];
            b += 1;
        }
        state += 1;
    }
    table
};

/// Not a state: the byte starts a character outside ASCII.
const NOT_ASCII: u8 = 0xFF;

/// For eight bytes of plain ASCII prose (letters and what separates words: no digit, no joiner,
/// nothing outside ASCII), the high bit of each letter's byte; `None` for other bytes. Read from
/// [`OUTSIDE`] or [`LETTER`], such bytes take the table to [`LETTER`] at a letter (counting one
/// where a non-letter came before) and to [`OUTSIDE`] at anything else (`.` and `,` included,
/// which only join digits), so the words they hold can be counted eight bytes at a time.
fn plain_letters(chunk: &[u8]) -> Option<u64> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES * 0x80;
    let word = u64::from_le_bytes(chunk.try_into().ok()?);
    if word & HIGHS != 0 {
        return None;
    }
    // Per byte, below 0x80 (so no sum carries into the next byte): the high bit of `byte + k` is
    // set where `byte >= 0x80 - k`.
    let at_least = |low: u8| word.wrapping_add(ONES * u64::from(0x80 - low)) & HIGHS;
    let in_range = |low: u8, high: u8| at_least(low) & !at_least(high + 1);
    let folded = word | (ONES * 0x20); // A-Z to a-z; no other byte lands in a-z
    let letters = {
        let lower = folded.wrapping_add(ONES * u64::from(0x80 - b'a')) & HIGHS;
        let above = folded.wrapping_add(ONES * u64::from(0x80 - (b'z' + 1))) & HIGHS;
        lower & !above
    };
    let has_byte = |byte: u8| {
        let equal_is_zero = word ^ (ONES * u64::from(byte));
        equal_is_zero.wrapping_sub(ONES) & !equal_is_zero & HIGHS != 0
    };
    let special = in_range(b'0', b'9') != 0 || has_byte(b'\'') || has_byte(b'-') || has_byte(b'_');
    (!special).then_some(letters)
}

impl WordCounter {
    pub(crate) fn new() -> WordCounter {
        WordCounter::default()
    }

    /// Counts the words in `text`, continuing any word the previous chunk ended in.
    pub(crate) fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Most text is ASCII: one table step per byte, the state in a register.
            let (mut state, mut words) = (self.state, self.words);
            while let Some(&b) = bytes.get(i) {
                if state <= LETTER {
                    if let Some(letters) = bytes.get(i..i + 8).and_then(plain_letters) {
                        // A word starts at each letter after a non-letter.
                        let after_letter = (letters << 8) | if state == LETTER { 0x80 } else { 0 };
                        words += (letters & !after_letter).count_ones() as usize;
                        state = if letters >> 63 == 1 { LETTER } else { OUTSIDE };
                        i += 8;
                        continue;
                    }
                }
                let next = ASCII_NEXT[usize::from(state)][usize::from(b)];
                if next == NOT_ASCII {
                    break;
                }
                words += usize::from(next >> 7);
                state = next & !COUNT;
                i += 1;
                if state == LETTER {
                    // The rest of a word's letters change nothing: pass them without the table.
                    i += bytes[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                }
            }
            (self.state, self.words) = (state, words);
            if let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
                self.step(c);
                i += c.len_utf8();
            }
        }
    }

    /// Ends the current word: the next chunk starts a new one.
    pub(crate) fn boundary(&mut self) {
        self.state = OUTSIDE;
    }
    /// Words that are not CJK characters.
    #[allow(dead_code)] // Not used by the pipeline yet.
    pub(crate) fn words(&self) -> usize {
        self.words
    }

    /// CJK characters, each one word.
    #[allow(dead_code)] // Not used by the pipeline yet.
    pub(crate) fn cjk_chars(&self) -> usize {
        self.cjk_chars
    }

    /// All words: [`words`](Self::words) plus [`cjk_chars`](Self::cjk_chars).
    pub(crate) fn total(&self) -> usize {
        self.words.saturating_add(self.cjk_chars)
    }

    /// [`reading_minutes`] of what was counted.
    pub(crate) fn reading_minutes(&self) -> usize {
        reading_minutes(self.words, self.cjk_chars)
    }

    fn step(&mut self, c: char) {
        let class = if is_cjk(c) {
            self.cjk_chars += 1;
            self.state = OUTSIDE;
            return;
        } else if c.is_alphanumeric() {
            if c.is_numeric() {
                C_DIGIT
            } else {
                C_LETTER
            }
        } else if is_joiner(c) {
            C_JOINER
        } else if is_mark(c) {
            C_MARK
        } else {
            C_OTHER
        };
        self.advance(class);
    }

    fn advance(&mut self, class: usize) {
        let next = NEXT[usize::from(self.state)][class];
        self.words += usize::from(next >> 7);
        self.state = next & !COUNT;
    }
}

/// Han, Hiragana, Katakana and Hangul syllables (punctuation and combining marks of those blocks
/// excluded).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007          // 々 〆 〇
        | 0x3041..=0x3098        // Hiragana (without the combining sound marks 3099-309C)
        | 0x309D..=0x309F
        | 0x30A1..=0x30FA        // Katakana (without ゠ 30A0 and the middle dot 30FB)
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF        // Katakana phonetic extensions
        | 0x3400..=0x4DBF        // CJK unified ideographs extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xAC00..=0xD7AF        // Hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFF66..=0xFF9F        // Halfwidth Katakana
        | 0x20000..=0x2FA1F      // Extensions B-F, compatibility supplement
        | 0x30000..=0x323AF // Extensions G-H
    )
}

/// Characters that join two word characters into one word.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '_' | '\u{00B7}' | '\u{05BE}'
    )
}

/// Combining marks and joiners that are not letters themselves (so not `is_alphanumeric`) but
/// belong to the letter before them. Coarse ranges: only consulted inside a word.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F          // Combining diacritical marks
        | 0x0483..=0x0489        // Cyrillic
        | 0x0591..=0x05BD        // Hebrew points
        | 0x05BF..=0x05C2
        | 0x05C4..=0x05C5
        | 0x05C7
        | 0x0610..=0x061A        // Arabic
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06ED
        | 0x0900..=0x0963        // Indic scripts (dandas 0964-0965 end a word)
        | 0x0966..=0x0DFF
        | 0x0E31..=0x0E3A        // Thai, Lao
        | 0x0E47..=0x0E4E
        | 0x0EB1..=0x0EBC
        | 0x0EC8..=0x0ECE
        | 0x0F18..=0x0F19        // Tibetan, Myanmar
        | 0x0F71..=0x0F84
        | 0x102B..=0x103E
        | 0x1AB0..=0x1AFF        // Combining marks extended and supplement
        | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D        // Zero-width non-joiner and joiner
        | 0x20D0..=0x20FF        // Combining marks for symbols
        | 0xFE00..=0xFE0F        // Variation selectors
        | 0xFE20..=0xFE2F        // Combining half marks
        | 0xE0100..=0xE01EF
    )
}

/// The ellipsis [`excerpt`] appends.
pub(crate) const ELLIPSIS: char = '…';

/// `text` with runs of whitespace made single spaces and the ends trimmed; if that is longer than
/// `max_chars` characters, it is cut at the last word boundary that leaves room for an ellipsis,
/// trailing spaces and punctuation are dropped, and `…` is appended, so the result never exceeds
/// `max_chars` characters. A word is cut only when the first word alone is too long; between two
/// CJK characters is a word boundary. Characters, not bytes, are counted.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    if max_chars == 0 {
        return String::new();
    }
    // Only the first `max_chars + 1` characters matter: stop there, whatever the text's size.
    let limit = max_chars.saturating_add(1);
    let mut chars: Vec<char> = Vec::with_capacity(limit.min(text.len()));
    'words: for word in text.split_whitespace() {
        if !chars.is_empty() {
            if chars.len() == limit {
                break;
            }
            chars.push(' ');
        }
        for c in word.chars() {
            if chars.len() == limit {
                break 'words;
            }
            chars.push(c);
        }
    }
    if chars.len() <= max_chars {
        return chars.into_iter().collect();
    }

    let budget = max_chars - 1; // Room for the ellipsis.
    let at_boundary = |i: usize| chars[i] == ' ' || chars[i - 1] == ' ' || is_cjk(chars[i]) || is_cjk(chars[i - 1]);
    let mut end = match (1..=budget).rev().find(|&i| at_boundary(i)) {
        Some(end) => end,
        None => {
            // One word longer than the limit: cut it, but not between a letter and its marks.
            let mut end = budget;
            while end > 1 && is_mark(chars[end]) {
                end -= 1;
            }
            end
        }
    };
    let hard_end = end;
    while end > 0 && is_trailing_junk(chars[end - 1], end.checked_sub(2).map(|i| chars[i])) {
        end -= 1;
    }
    if end == 0 {
        // Nothing but punctuation: keep it rather than return a bare ellipsis.
        end = hard_end;
        while end > 0 && chars[end - 1] == ' ' {
            end -= 1;
        }
    }
    let mut out: String = chars[..end].iter().collect();
    out.push(ELLIPSIS);
    out
}

/// Whether `c`, ending a cut excerpt (after `before`), should be dropped before the ellipsis:
/// spaces and punctuation, except closing brackets and quotes.
fn is_trailing_junk(c: char, before: Option<char>) -> bool {
    match c {
        ' ' => true,
        ')' | ']' | '}' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}' | '\u{300D}' | '\u{300F}' | '\u{FF09}'
        | '\u{3011}' | '\u{3009}' | '\u{300B}' => false,
        // Straight quotes close a quotation after a word, and open one after a space.
        '"' | '\'' => before.is_none_or(|b| b == ' '),
        '%' | '$' => false,
        _ if c.is_ascii_punctuation() => true,
        _ => matches!(c as u32,
            0x00A1 | 0x00A7 | 0x00AB | 0x00B7 | 0x00BF // ¡ § « · ¿
            | 0x2010..=0x205E                          // Dashes, quotes, bullets, ellipsis ...
            | 0x3001..=0x3003                          // 、 。 〃
            | 0x3008..=0x3011                          // CJK brackets (the closing ones are kept above)
            | 0xFF01..=0xFF0F                          // Fullwidth punctuation
            | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> (usize, usize) {
        let mut counter = WordCounter::new();
        counter.push(text);
        (counter.words(), counter.cjk_chars())
    }

    // --- words ---

    #[test]
    fn english_words() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("   \n\t "), 0);
        assert_eq!(count_words("Hello, world!"), 2);
        assert_eq!(count_words("The quick brown fox jumps over the lazy dog."), 9);
        assert_eq!(count_words("one\ntwo\tthree  four"), 4);
        assert_eq!(count_words("-- ... !!! —"), 0);
        assert_eq!(count_words("a/b (c) [d] \"e\""), 5);
        assert_eq!(count_words("e.g. i.e."), 4);
    }

    #[test]
    fn apostrophes_hyphens_and_joiners_keep_one_word() {
        assert_eq!(count_words("don't"), 1);
        assert_eq!(count_words("don’t stop"), 2);
        assert_eq!(count_words("well-known state-of-the-art"), 2);
        assert_eq!(count_words("snake_case col·lecció"), 2);
        // Not between two word characters: not a joiner.
        assert_eq!(count_words("'quoted' - dash rock 'n' roll"), 5);
        assert_eq!(count_words("trailing- 'leading"), 2);
        assert_eq!(count_words("foo--bar"), 2);
        assert_eq!(count_words("end."), 1);
    }

    #[test]
    fn numbers() {
        assert_eq!(count_words("3.14 1,000 2024-05-01 v1.2"), 4);
        assert_eq!(count_words("version 2. Then"), 3);
        assert_eq!(count_words("1.x"), 2);
        assert_eq!(count_words("42"), 1);
    }

    #[test]
    fn other_scripts() {
        assert_eq!(count_words("Привет, мир"), 2);
        assert_eq!(count_words("café naïve"), 2);
        // Decomposed accents (e + U+0301) stay inside their word.
        assert_eq!(count_words("cafe\u{301} ole\u{301}"), 2);
        // Devanagari with a virama (U+094D) is one word each.
        assert_eq!(count_words("नमस्ते दुनिया"), 2);
        assert_eq!(count_words("مرحبا بالعالم"), 2);
        assert_eq!(count_words("Γειά σου κόσμε"), 3);
    }

    #[test]
    fn cjk_characters_count_one_each() {
        assert_eq!(counts("日本語"), (0, 3));
        assert_eq!(counts("こんにちは"), (0, 5));
        assert_eq!(counts("カタカナ・テスト"), (0, 7)); // The middle dot is punctuation.
        assert_eq!(counts("안녕하세요 세계"), (0, 7));
        assert_eq!(counts("我爱北京天安门。"), (0, 7));
        assert_eq!(counts("𠀀𪜀"), (0, 2)); // Extension B and C, outside the BMP.
        assert_eq!(count_words("日本語"), 3);
    }

    #[test]
    fn mixed_cjk_and_latin() {
        assert_eq!(counts("我用Rust写代码"), (1, 5));
        assert_eq!(counts("2024年5月"), (2, 2));
        assert_eq!(counts("Rust的 wasm"), (2, 1));
        assert_eq!(count_words("Hello 世界 world"), 4);
    }

    /// The counter against the table read one character at a time, on random text of letters,
    /// digits, joiners, separators and non-ASCII characters, pushed in random pieces.
    #[test]
    fn counting_eight_bytes_at_a_time_matches_the_table() {
        let mut random = crate::test_random::Xorshift(0x5eed_2026);
        let alphabet = [
            "a", "word", "Quire", "Z", " ", "  ", "\n", ".", ",", "'", "-", "_", "7", "42", "3.14", "1,000", "!", "(",
            "\u{e9}", "\u{2019}", "\u{301}", "\u{4e2d}", "\u{3042}", "\u{a0}", "@", "[", "`", "{", "~",
        ];
        for _ in 0..3000 {
            let text: String = (0..random.below(60)).map(|_| random.pick(&alphabet)).collect();
            let mut reference = WordCounter::new();
            for c in text.chars() {
                match u8::try_from(c).ok().filter(u8::is_ascii) {
                    Some(b) => reference.advance(usize::from(ASCII_CLASS[usize::from(b)])),
                    None => reference.step(c),
                }
            }
            let mut counter = WordCounter::new();
            for piece in random.pieces(&text, 20) {
                counter.push(piece);
            }
            assert_eq!(
                (counter.words(), counter.cjk_chars(), counter.state),
                (reference.words(), reference.cjk_chars(), reference.state),
                "{text:?}"
            );
        }
    }

    #[test]
    fn plain_letters_are_found_eight_bytes_at_a_time() {
        assert_eq!(plain_letters(b"ab cd.Ef"), Some(0x8080_0080_8000_8080));
        for chunk in [b"abc1defg", b"don't go", b"well-kno", b"snake_ca", b"caf\xc3\xa9 ab"] {
            assert_eq!(plain_letters(&chunk[..8]), None, "{chunk:?}");
        }
        assert_eq!(plain_letters(b"@[`{~/:;"), Some(0));
        assert_eq!(plain_letters(b"short"), None);
    }

    #[test]
    fn chunks_join_within_a_paragraph() {
        let mut counter = WordCounter::new();
        for chunk in ["Hel", "lo wo", "rld", " don", "'", "t", " 3", ".", "14"] {
            counter.push(chunk);
        }
        assert_eq!(counter.words(), 4); // Hello world don't 3.14
        assert_eq!(counter.total(), 4);
    }

    #[test]
    fn boundaries_split_blocks() {
        let mut counter = WordCounter::new();
        counter.push("Heading");
        counter.boundary();
        counter.push("Paragraph");
        counter.boundary();
        counter.push("well-");
        counter.boundary();
        counter.push("known");
        counter.boundary();
        counter.boundary();
        assert_eq!(counter.words(), 4);
        // Without the boundary, the two blocks' words would run together.
        let mut joined = WordCounter::new();
        joined.push("Heading");
        joined.push("Paragraph");
        assert_eq!(joined.words(), 1);
    }

    #[test]
    fn counter_matches_count_words() {
        let text = "Mixed 日本語 text, with don't and 3.14 — and more.";
        let mut counter = WordCounter::new();
        for c in text.chars() {
            counter.push(c.encode_utf8(&mut [0; 4]));
        }
        assert_eq!(counter.total(), count_words(text));
        assert_eq!((counter.words(), counter.cjk_chars()), (8, 3));
    }

    // --- reading time ---

    #[test]
    fn reading_minutes_rates() {
        assert_eq!(reading_minutes(0, 0), 1);
        assert_eq!(reading_minutes(1, 0), 1);
        assert_eq!(reading_minutes(230, 0), 1);
        assert_eq!(reading_minutes(231, 0), 2);
        assert_eq!(reading_minutes(2300, 0), 10);
        assert_eq!(reading_minutes(0, 500), 1);
        assert_eq!(reading_minutes(0, 501), 2);
        assert_eq!(reading_minutes(0, 5000), 10);
        // 115 words (half a minute) and 250 CJK characters (half a minute): one minute.
        assert_eq!(reading_minutes(115, 250), 1);
        assert_eq!(reading_minutes(116, 250), 2);
        // No overflow, however large the counts.
        assert!(reading_minutes(usize::MAX, usize::MAX) > usize::MAX / 230);
    }

    #[test]
    fn counter_reading_minutes() {
        let mut counter = WordCounter::new();
        counter.push(&"word ".repeat(461));
        counter.push(&"字".repeat(10));
        assert_eq!(counter.reading_minutes(), 3);
    }

    // --- excerpt ---

    #[test]
    fn short_text_is_only_normalized() {
        assert_eq!(excerpt("  Hello \n\n  world\t! ", 200), "Hello world !");
        assert_eq!(excerpt("", 200), "");
        assert_eq!(excerpt("exactly ten", 11), "exactly ten");
    }

    #[test]
    fn long_text_is_cut_at_a_word_boundary() {
        assert_eq!(excerpt("The quick brown fox jumps", 16), "The quick brown…");
        assert_eq!(excerpt("The quick brown fox jumps", 15), "The quick…");
        assert_eq!(excerpt("The quick brown fox jumps", 12), "The quick…");
        assert_eq!(excerpt("The quick brown fox jumps", 11), "The quick…");
        assert_eq!(excerpt("The quick brown fox jumps", 10), "The quick…");
        assert_eq!(excerpt("The quick brown fox jumps", 9), "The…");
        let long = "word ".repeat(100);
        let cut = excerpt(&long, 200);
        assert!(cut.chars().count() <= 200);
        assert!(cut.ends_with("word…"));
    }

    #[test]
    fn trailing_punctuation_is_dropped_before_the_ellipsis() {
        assert_eq!(excerpt("Hello, world and more text", 13), "Hello, world…");
        assert_eq!(excerpt("One. Two three", 10), "One. Two…");
        assert_eq!(excerpt("One, two three", 9), "One, two…");
        assert_eq!(excerpt("One, two three", 8), "One…");
        assert_eq!(excerpt("Wait — there is more", 9), "Wait…");
        assert_eq!(excerpt("See (this) and that", 13), "See (this)…");
        assert_eq!(excerpt("He said \"hi\" to me", 15), "He said \"hi\"…");
        assert_eq!(excerpt("He said \"hi there\" to me", 12), "He said \"hi…");
        assert_eq!(excerpt("He said \"hi there\" to me", 10), "He said…");
        assert_eq!(excerpt("Costs 50% more or less", 12), "Costs 50%…");
    }

    #[test]
    fn a_single_long_word_is_cut() {
        assert_eq!(excerpt("Supercalifragilistic", 10), "Supercali…");
        assert_eq!(excerpt("Supercalifragilistic and more", 10), "Supercali…");
        assert_eq!(excerpt("!!!!!!!!!!!!", 5), "!!!!…");
    }

    #[test]
    fn counts_chars_not_bytes() {
        assert_eq!(excerpt("ééé ééé ééé", 9), "ééé ééé…");
        assert_eq!(excerpt("ééé ééé ééé", 11), "ééé ééé ééé");
        let cut = excerpt("Привет мир и все остальные", 12);
        assert_eq!(cut, "Привет мир…");
        assert_eq!(excerpt("😀😀😀 😀😀😀", 6), "😀😀😀…");
    }

    #[test]
    fn cjk_text_is_cut_between_characters() {
        assert_eq!(excerpt("我爱北京天安门，天安门上太阳升。", 8), "我爱北京天安门…");
        assert_eq!(excerpt("我爱北京天安门，天安门上太阳升。", 9), "我爱北京天安门…"); // The comma is dropped.
        assert_eq!(excerpt("日本語のテキストです", 5), "日本語の…");
        assert_eq!(excerpt("Rust語です", 6), "Rust語…");
    }

    #[test]
    fn marks_stay_with_their_letter() {
        // "e" + combining acute repeated: cutting at 4 would separate an e from its accent.
        let text = "e\u{301}e\u{301}e\u{301}";
        assert_eq!(excerpt(text, 4), "e\u{301}…");
    }

    #[test]
    fn tiny_limits() {
        assert_eq!(excerpt("Hello world", 0), "");
        assert_eq!(excerpt("Hello world", 1), "…");
        assert_eq!(excerpt("Hello world", 2), "H…");
        assert_eq!(excerpt("Hi", 2), "Hi");
    }

    #[test]
    fn huge_input_is_read_only_as_far_as_needed() {
        let text = "word ".repeat(1_000_000);
        assert_eq!(excerpt(&text, 12), "word word…");
    }
}
