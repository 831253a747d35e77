#![doc = include_str!("../docs/ARCHITECTURE.md")]

pub mod ast;
pub mod cli;
pub mod date;
pub mod diagnostic;
pub mod display;
pub mod literate;
pub mod model;
pub mod pipeline;
pub mod resolve;
pub mod rules;
pub mod source;
pub mod std_lib;
pub mod syntax;
pub mod typeck;
pub mod validate;
