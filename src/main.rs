//! The `plainsight` command: parses the command line and hands it to the library.

use clap::Parser;

// A build allocates many small strings and values on every thread; mimalloc is much faster
// at that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    plainsight::cli::run(plainsight::cli::Cli::parse())
}
