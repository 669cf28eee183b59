//! Every bound that keeps a render linear in its input and its output bounded, in one place.
//! Only the input size is an option (`maxInputBytes`); the others hold for every render. Hostile
//! input meets them as a typed error (the input size) or as a render that stops short of them
//! (nesting flattened, text nodes cut, values dropped with a warning); tests/robustness.rs
//! holds the render to them.

pub(crate) struct Limits {
    /// The default of `Options::max_input_bytes`: larger input is refused with
    /// `Error::InputTooLarge` (8 MiB).
    pub input_bytes: usize,
    /// The deepest Markdown nesting that reaches the sanitizer (64): containers and inline
    /// elements that would open deeper are dropped, keeping their content.
    ///
    /// 64 levels is far beyond anything written to be read (each level of a quote or list indents
    /// the text; at 64 there is no line left), yet it keeps the sanitizer's per-token work small:
    /// html5ever's scope checks walk the stack of open elements, so the bound multiplies its cost
    /// on hostile input. Browsers flatten at 512; markdown-it stops nesting at 100.
    pub depth: usize,
    /// Extra depth allowed to raw HTML tags over `depth` (8), which also bounds what our own
    /// markup adds: a table in a paragraph-level position adds `table > tbody > tr > td`, a
    /// footnote reference inside a link `a > sup > a`, a quote's figure one level. Deeper raw
    /// start tags are written as text.
    pub html_slack: usize,
    /// The longest run of text, in bytes, between two tags in what ammonia reads (2,048): longer
    /// runs are cut by an empty comment, which it removes. html5ever's serializer scans a text node
    /// to its end for every `&` (and no-break space) in it, so one long text node costs it the
    /// square of its length; separate text nodes keep that linear.
    pub text_run: usize,
    /// Start tags written as text (past the depth bound) are text too, each with a `&lt;`: an
    /// empty comment before every this many of them (64) keeps the text node short, as
    /// `text_run` does.
    pub escapes_per_text_node: usize,
    /// How many times ammonia's cleaner may run on one input (3). Misnested raw HTML settles in
    /// the second pass; links the adoption agency nested in up to about 20 blocks, in the third;
    /// what is deeper is unwrapped.
    pub clean_passes: usize,
    /// The most attributes the fast path reads on one tag (16; more than the writer ever
    /// writes): a tag with more goes to ammonia.
    pub fast_path_attributes: usize,
    /// Front matter: the deepest nesting of lists and maps (64; the top-level map counts as 1)
    /// and the most values in one block (100,000; scalars, lists and maps, each alias copy
    /// included). Deeper or further values are dropped with a warning.
    #[cfg_attr(not(feature = "front-matter"), allow(dead_code))] // the full reader's limits
    pub front_matter_depth: usize,
    #[cfg_attr(not(feature = "front-matter"), allow(dead_code))]
    pub front_matter_values: usize,
    /// Blocks of the common YAML that the core module reads itself: up to 1,000 values; larger
    /// ones go to the full reader, which knows the limits above.
    #[cfg_attr(feature = "front-matter", allow(dead_code))] // the core module's reader reads it
    pub simple_yaml_values: usize,
    /// Plain text kept for the excerpt (4,096 bytes, more than any excerpt needs, however long
    /// the document), and the excerpt's length, cut near 200 characters.
    pub excerpt_source_bytes: usize,
    pub excerpt_chars: usize,
    /// The longest `idPrefix` (64 bytes).
    pub id_prefix_bytes: usize,
}

pub(crate) const LIMITS: Limits = Limits {
    input_bytes: 8 * 1024 * 1024,
    depth: 64,
    html_slack: 8,
    text_run: 2048,
    escapes_per_text_node: 64,
    clean_passes: 3,
    fast_path_attributes: 16,
    front_matter_depth: 64,
    front_matter_values: 100_000,
    simple_yaml_values: 1_000,
    excerpt_source_bytes: 4096,
    excerpt_chars: 200,
    id_prefix_bytes: 64,
};
