//! Every generated file is what the generator writes from today's sources. A stale file fails
//! this test; `UPDATE_GENERATED=1 cargo test -p xtask` rewrites it.

use std::path::Path;

#[test]
fn generated_files_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace root");
    let files = xtask::generate(root).unwrap_or_else(|e| panic!("the generator failed: {e}"));
    let update = std::env::var_os("UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    for file in &files {
        let path = root.join(&file.path);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == file.contents {
            continue;
        }
        if update {
            std::fs::write(&path, &file.contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        } else {
            stale.push(file.path.display().to_string());
        }
    }
    assert!(stale.is_empty(), "stale generated files: {stale:?}; run `UPDATE_GENERATED=1 cargo test -p xtask`");
}
