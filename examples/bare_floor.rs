//! The bare floor of a static-site build, for the benchmark: reads every Markdown page of a
//! folder, renders it with pulldown-cmark into a fixed HTML shell and writes it, in parallel
//! (rayon), and does nothing else: no templates, no model, no checks. What any generator must
//! at least spend on the same pages; `benches/vs_hugo.py` runs it on the Hugo twin of the
//! corpus and prints plainsight's CPU time as a multiple of it.
//!
//!     cargo run --release --example bare_floor -- CONTENT_DIR OUT_DIR

use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            markdown_files(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    Ok(())
}

fn render(source: &Path, content: &Path, out: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(source)?;
    // Front matter (between `---` lines) is skipped, as a generator would read it apart.
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text.as_str(), |(_, body)| body);
    let mut html = String::from("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page</title></head><body><main>\n");
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
    html.push_str("</main></body></html>\n");
    let relative = source
        .strip_prefix(content)
        .unwrap_or(source)
        .with_extension("");
    let folder = out.join(relative);
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join("index.html"), html)
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: bare_floor CONTENT_DIR OUT_DIR");
        return std::process::ExitCode::from(2);
    };
    let (content, out) = (Path::new(content), Path::new(out));
    let mut files = Vec::new();
    if let Err(e) = markdown_files(content, &mut files) {
        eprintln!("error: {}: {e}", content.display());
        return std::process::ExitCode::FAILURE;
    }
    let failed = files
        .par_iter()
        .filter_map(|file| render(file, content, out).err().map(|e| (file, e)))
        .collect::<Vec<_>>();
    for (file, error) in &failed {
        eprintln!("error: {}: {error}", file.display());
    }
    if failed.is_empty() {
        println!("{} pages", files.len());
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
