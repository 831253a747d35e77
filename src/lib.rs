#![doc = include_str!("../docs/ARCHITECTURE.md")]
#![warn(clippy::too_many_lines)] // functions of at most 80 lines (clippy.toml); CI denies warnings

pub mod ast;
pub mod cli;
pub mod date;
pub mod diagnose;
pub mod diagnostic;
pub mod diff;
pub mod display;
pub mod eval;
pub mod exact;
pub mod fmt;
pub mod guide;
pub mod impact;
pub mod literate;
pub mod lsp;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod rules;
pub mod scenario;
pub mod source;
pub mod std_lib;
pub mod suivi;
// The lowering functions and the parser-words table are reworked with issue 13, item 6.
#[allow(clippy::too_many_lines)] // TODO split (issue 13)
pub mod syntax;
pub mod termes;
pub mod typeck;
pub mod validate;
