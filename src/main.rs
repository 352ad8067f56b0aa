//! The `plainsight` command: parses the command line and hands it to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    plainsight::cli::run(plainsight::cli::Cli::parse())
}
