//! The model of HTML: our typed markup and the one writer that serializes it, raw HTML's one
//! tokenizer, the nesting bound and its model of html5ever's tree builder, where that builder
//! inserts a start tag, HTML's categories of elements, and character references.

pub(crate) mod depth;
pub(crate) mod entities;
pub(crate) mod insertion;
pub(crate) mod markup;
pub(crate) mod tags;
pub(crate) mod tokenizer;
pub(crate) mod tree;
pub(crate) mod writer;
