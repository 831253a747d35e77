#![allow(clippy::disallowed_methods)] // reads and writes files outside the compiler
//! Embeds `std/*.pacte` in the binary: generates a table of
//! `(virtual path, include_str!)` so adding a std file needs no code change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=std");
    let mut names: Vec<String> = std::fs::read_dir("std")
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".pacte"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("/// The embedded standard library: (virtual path, text).\npub static STD_FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=std/{name}");
        let _ = writeln!(code, "    (\"<std>/{name}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/std/{name}\"))),");
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let _ = std::fs::write(Path::new(&out).join("std_files.rs"), code);
}
