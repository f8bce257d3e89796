//! Crates that depend on braze-dsl the ways applications do (issue 11), built and run with the
//! same cargo: one renames the dependency (`bd = { package = "braze-dsl" }`), one reaches it
//! through a re-exporting crate with the macros' `crate = …` override. They live in their own
//! workspace under `tests/dependents/`.

use std::path::Path;
use std::process::Command;

#[test]
fn renamed_and_re_exported_dependencies_compile_and_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dependents");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dependents");
    let build = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--workspace", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    assert!(build.status.success(), "the dependents build:\n{}", String::from_utf8_lossy(&build.stderr));
    for (binary, says) in [("renamed-dependent", "renamed dependency: ok"), ("acme-app", "re-exporting crate: ok")] {
        let run = Command::new(target.join("debug").join(binary)).output().expect("the binary runs");
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success() && stdout.contains(says),
            "{binary}: {stdout}{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
}
