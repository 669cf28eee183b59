//! The model of HTML: our typed markup and the one writer that serializes it, the nesting bound
//! with its tokenizer and tree-builder model for raw HTML, and character references.

pub(crate) mod depth;
pub(crate) mod entities;
pub(crate) mod markup;
pub(crate) mod tags;
pub(crate) mod writer;
