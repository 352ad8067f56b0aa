//! Integration tests: one binary, fixture sites written into temp dirs, the real `plainsight`
//! command run on them, and assertions on what a user sees (messages, exit codes, output).

mod authoring;
mod build;
mod check;
mod corpus;
mod example;
mod history;
mod hostile;
mod pages;
mod preview;
mod properties;
mod support;
