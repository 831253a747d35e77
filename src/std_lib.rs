//! The standard library (`std/*.pacte`), embedded at build time under the
//! virtual paths `<std>/…` so diagnostics can point into it. `--std DIR`
//! replaces it with the `.pacte` files of a folder.

include!(concat!(env!("OUT_DIR"), "/std_files.rs"));

/// The embedded std files, in name order.
pub fn embedded() -> impl Iterator<Item = (&'static str, &'static str)> {
    STD_FILES.iter().copied()
}
