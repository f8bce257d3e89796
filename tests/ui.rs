//! Compile-fail tests of the DSL: one rule per file under `tests/ui/`, each with the exact
//! error a user sees checked in beside it (`.stderr`). Regenerate with `TRYBUILD=overwrite`
//! and read the diff as a user would.
//!
//! The `.stderr` files are written by the project's one toolchain (rustc 1.95), which
//! developers and CI share.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    // What must compile and run: code that used to clash or be refused (issue 11).
    cases.pass("tests/ui-pass/*.rs");
}

/// `docs/DSL-RULES.md` shows every rule with the error a user gets, rendered from the UI cases
/// (their first comment line, source and `.stderr`), so the reference cannot drift from the
/// macros. `UPDATE_EXPECT=1` rewrites it.
#[test]
fn rules_reference_is_up_to_date() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/ui exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    cases.sort();
    let mut out = String::from(
        "<!-- Rendered from tests/ui by `rules_reference_is_up_to_date`; run \
         `UPDATE_EXPECT=1 cargo test --test ui` after changing a case. -->\n\n\
         # Every rule the DSL checks, with its error\n\n\
         Each section is one compile-fail case of `tests/ui/`: what the user did, the code, and the \
         exact error rustc prints. The same rules hold at run time for values written as \
         expressions, with the same words (see `braze-rules`).\n",
    );
    // Guards: what Braze accepts but silently ignores or rewrites, listed with what Braze does.
    out.push_str(
        "\n## Guards\n\nBraze accepts these requests but would not carry out part of them as written: it silently ignores \
         or rewrites it, documents no meaning for it, or reads a key meant for the header. The DSL \
         and the rulebook refuse them so intent is not lost, and the error says what Braze would do; \
         the embedded server accepts them, as Braze does.\n\n| Case | Source | What Braze does |\n|---|---|---|\n",
    );
    for case in &cases {
        let source = std::fs::read_to_string(case).expect("a case");
        let name = case.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let summary = source.lines().next().unwrap_or_default().trim_start_matches("//").trim();
        if let Some((cite, what)) = summary.strip_prefix("guard (").and_then(|rest| rest.split_once("): ")) {
            out.push_str(&format!("| [`{name}`](#{name}) | {cite} | {what} |\n"));
        }
    }
    out.push_str(
        "| a Canvas recipient's `trigger_properties`, a campaign recipient's `context` (run time: \
         `recipients!` serves both) | FACTS §6.2 | ignores the field the other endpoint family uses |\n",
    );
    for case in &cases {
        let source = std::fs::read_to_string(case).expect("a case");
        let stderr = std::fs::read_to_string(case.with_extension("stderr")).unwrap_or_default();
        let name = case.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let summary = source.lines().next().unwrap_or_default().trim_start_matches("//").trim();
        let code: Vec<&str> = source.lines().skip(1).collect();
        out.push_str(&format!(
            "\n## `{name}`\n\n{summary}\n\n```rust\n{}\n```\n\n```text\n{}\n```\n",
            code.join("\n").trim(),
            stderr.trim()
        ));
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/DSL-RULES.md");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &out).expect("docs/DSL-RULES.md is writable");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(current == out, "docs/DSL-RULES.md is out of date; run `UPDATE_EXPECT=1 cargo test --test ui`");
}
