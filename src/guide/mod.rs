//! The newcomer's path: what `pacte nouveau` writes (a template contract
//! built from a framework's clauses) and what `pacte std` shows (the
//! standard library's indicators, themes and frameworks, explained).
//! Pure functions over the [`Program`](crate::model::Program); the CLI prints.

pub mod bibliotheque;
pub mod nouveau;
