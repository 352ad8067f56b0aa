//! Writes the synthetic benchmark corpus.
//!
//! `cargo run --release --example gen_corpus -- --scale 1 --out /dev/shm/corpus [--hugo /dev/shm/hugo]`

mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let scale: f64 = value("--scale").and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let out = std::path::PathBuf::from(value("--out").unwrap_or_else(|| "corpus".into()));
    let hugo = value("--hugo").map(std::path::PathBuf::from);
    match corpus::generate(scale, &out, hugo.as_deref()) {
        Ok(s) => println!(
            "wrote scale {scale}: {} strategies, {} actions, {} metrics, {} updates into {}",
            s.strategies,
            s.actions,
            s.metrics,
            s.updates,
            out.display()
        ),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
