//! The model of HTML: our typed markup and the one writer that serializes it, raw HTML's one
//! tokenizer, the nesting bound with its tree-builder model, and character references.

pub(crate) mod depth;
pub(crate) mod entities;
pub(crate) mod markup;
pub(crate) mod tags;
pub(crate) mod tokenizer;
pub(crate) mod writer;
