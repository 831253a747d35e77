//! Reports of `pacte test`.
