//! An IDE shows a failing `message!` as the user should see it (issue 11): rust-analyzer's
//! command-line diagnostics on a small crate (`fixtures/ra-check`) report the macro's error on
//! its token, and nothing else: no "unused variable" for the values inside the macro, and no
//! type mismatch where its value is used.
//!
//! Needs `rust-analyzer` on PATH; run with `cargo test -p xtask --features rust-analyzer`.

use std::path::Path;
use std::process::Command;

#[test]
fn rust_analyzer_reports_only_the_macros_error() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ra-check");
    let output = Command::new("rust-analyzer")
        .arg("diagnostics")
        .arg(&fixture)
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("ra-check"))
        .output()
        .expect("rust-analyzer is on PATH (rustup component add rust-analyzer)");
    let stdout = String::from_utf8_lossy(&output.stdout).replace('\r', "\n");
    assert!(stdout.contains("diagnostic scan complete"), "the scan ran:\n{}", String::from_utf8_lossy(&output.stderr));
    let main = fixture.join("src/main.rs");
    let ours: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.find("at crate ").map(|at| &line[at..]))
        .filter(|line| line.contains(&format!("file {}:", main.display())))
        .collect();
    assert_eq!(ours.len(), 1, "exactly one diagnostic in the fixture: {ours:#?}");
    let only = ours[0];
    assert!(only.contains("Error Ra(\"macro-error\""), "{only}");
    assert!(only.contains("`interruption_level` cannot be \"urgent\""), "{only}");
    // 0-based: line 15, columns 75 to 82 of main.rs, the literal "urgent".
    assert!(only.contains("from LineCol { line: 14, col: 74 } to LineCol { line: 14, col: 82 }"), "{only}");
    for noise in ["unused", "E0308", "type-mismatch"] {
        assert!(!only.contains(noise), "rust-analyzer reported `{noise}`: {only}");
    }
}
