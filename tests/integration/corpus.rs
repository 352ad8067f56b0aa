//! The benchmark corpus is valid content: the performance figures measure real work, not a
//! pile of errors. (Not a timing test.)

#[path = "../../examples/gen_corpus/corpus.rs"]
#[allow(dead_code)]
pub mod generator;

use crate::support::{run_in, Site};

#[test]
fn the_generated_corpus_passes_check() {
    let dir = Site::empty();
    let sizes =
        generator::generate(0.05, dir.path(), Some(&dir.path().join("hugo"))).expect("generate");
    let run = run_in(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.summary().contains(&format!(
            "{} strategies, {} actions",
            sizes.strategies, sizes.actions
        )),
        "{}",
        run.summary()
    );
    assert!(run.summary().contains("; 0 errors,"), "{}", run.summary());
    let hugo_pages = std::fs::read_dir(dir.path().join("hugo/content/actions"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(hugo_pages, sizes.actions, "one Hugo page per action");
}
