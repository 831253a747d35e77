#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
//! The scenarios shipped in `examples/` pass: `cargo test` runs them
//! through `pacte test`, as a region's CI would.

#[test]
fn the_example_scenarios_pass_through_pacte_test() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(["test", "examples", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let resume = &json["resume"];
    assert!(resume["scenarios"].as_u64().unwrap() >= 17, "{resume}");
    assert_eq!(resume["echoues"], 0);
    // Every contract of the examples has at least one scenario.
    let checked =
        pacte::cli::check::check_paths(&[std::path::PathBuf::from("examples")], None).unwrap();
    let named: std::collections::BTreeSet<&str> = json["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["contrat"].as_str())
        .collect();
    for c in &checked.program.contrats {
        assert!(
            named.contains(c.id.name.as_str()),
            "{} has no scenario",
            c.id.name
        );
    }
}
