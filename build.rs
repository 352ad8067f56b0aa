//! Embeds the default theme (`themes/default/`) in the binary, so `plainsight build` works in
//! any site folder. Writes `$OUT_DIR/default_theme.rs`: a list of (relative path, bytes).

use std::io::Write;
use std::path::Path;

fn collect(dir: &Path, root: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, root, files);
        } else if let Ok(relative) = path.strip_prefix(root) {
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_theme.rs");
    let mut code = std::fs::File::create(out).expect("create default_theme.rs");
    writeln!(
        code,
        "/// The default theme's files: (path inside themes/default/, bytes)."
    )
    .ok();
    writeln!(code, "pub static FILES: &[(&str, &[u8])] = &[").ok();
    for file in files {
        let full = root.join(&file);
        writeln!(
            code,
            "    ({file:?}, include_bytes!({:?})),",
            full.to_string_lossy()
        )
        .ok();
    }
    writeln!(code, "];").ok();
}
