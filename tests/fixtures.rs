//! Golden files shared by every face: tests/fixtures/NAME.md rendered with NAME.json must give
//! NAME.html. The wasm build checks the same files (tests/web.rs), so the faces cannot drift.
//! After an intended change of output, regenerate with QUIRE_BLESS=1 cargo test --test fixtures
//! and review the diff.

use std::fs;
use std::path::Path;

#[test]
fn every_fixture_renders_its_golden_html() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bless = std::env::var_os("QUIRE_BLESS").is_some();
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let markdown = fs::read_to_string(&path).unwrap();
        let options = quire::Options::from_json(&fs::read_to_string(path.with_extension("json")).unwrap()).unwrap();
        let html = quire::render(&markdown, &options).unwrap().html;
        if bless {
            fs::write(path.with_extension("html"), &html).unwrap();
        } else {
            let expected = fs::read_to_string(path.with_extension("html")).unwrap();
            assert_eq!(html, expected, "{} differs from its .html", path.display());
        }
        checked += 1;
    }
    assert!(
        checked >= 6,
        "expected the fixtures in {}, found {checked}",
        dir.display()
    );
}
