//! `plainsight serve`: the preview. Loads the site ([`crate::build::preview`]), serves it on
//! 127.0.0.1 rendering each page when it is asked for, watches content/ and themes/, and on
//! every change loads again (reading only the changed files) and tells open pages to reload
//! (server-sent events). Nothing is written to disk. A failed load keeps the last good site
//! and shows the errors in an overlay on the page and in the terminal.

mod http;
mod watch;

use crate::build::{preview, Caches};
use crate::diag::{Diagnostics, Severity};
use crate::render::preview::Preview;
use axum::extract::State;
use axum::http::header;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

/// What the preview serves.
pub(crate) struct ServeOptions {
    pub(crate) content_dir: PathBuf,
    pub(crate) bind: std::net::IpAddr,
    pub(crate) port: u16,
}

/// The site as last loaded, and the problems of the last load.
#[derive(Default)]
pub(crate) struct Live {
    /// The last good load; `None` until the site loads without errors.
    pub(crate) preview: Option<Arc<Preview>>,
    pub(crate) errors: Vec<String>,
}

#[derive(Clone)]
struct AppState {
    live: Arc<Mutex<Live>>,
    events: broadcast::Sender<String>,
}

/// Loads the site, and reports in the terminal; what it prints stays short on a large site:
/// every error, but only the warnings not printed after the last load.
struct Loader {
    content_dir: PathBuf,
    caches: Caches,
    warned: BTreeSet<String>,
}

/// The watcher names files by absolute path; the file cache knows them as the content folder
/// as given (often `content`) joined with their place in it. Both forms of a changed file.
fn as_loaded(content_dir: &Path, changed: &Path) -> [PathBuf; 2] {
    let canonical = changed
        .canonicalize()
        .unwrap_or_else(|_| changed.to_path_buf());
    let inside = [
        content_dir.canonicalize().ok(),
        std::path::absolute(content_dir).ok(),
    ]
    .into_iter()
    .flatten()
    .find_map(|root| canonical.strip_prefix(&root).ok().map(Path::to_path_buf));
    let as_given = match inside {
        Some(relative) => content_dir.join(relative),
        None => changed.to_path_buf(),
    };
    [canonical, as_given]
}

/// One load: the site, or the errors for the overlay; and what to print afterwards.
struct Loaded {
    outcome: Result<Preview, Vec<String>>,
    diagnostics: Diagnostics,
    took: std::time::Duration,
}

impl Loader {
    fn load(&mut self) -> Loaded {
        let started = std::time::Instant::now();
        let mut diagnostics = Diagnostics::new();
        let loaded = preview(&self.content_dir, &mut self.caches, &mut diagnostics);
        let outcome = loaded.ok_or_else(|| {
            diagnostics
                .sorted()
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.to_string())
                .collect()
        });
        Loaded {
            outcome,
            diagnostics,
            took: started.elapsed(),
        }
    }

    /// Loads again after `changed` files changed (`None`: anything may have).
    fn reload(&mut self, changed: Option<Vec<PathBuf>>) -> Loaded {
        match changed {
            Some(paths) => {
                let both: Vec<PathBuf> = paths
                    .iter()
                    .flat_map(|path| as_loaded(&self.content_dir, path))
                    .collect();
                self.caches.files.forget(both.iter().map(PathBuf::as_path));
                self.caches
                    .history
                    .forget(both.iter().map(PathBuf::as_path));
            }
            None => self.caches = Caches::default(),
        }
        self.load()
    }

    /// Prints a load's problems (done after the pages were told to reload).
    fn report(&mut self, diagnostics: &Diagnostics, took: std::time::Duration, ok: bool) {
        let problems = diagnostics.sorted();
        let mut warned = BTreeSet::new();
        for problem in &problems {
            let text = problem.to_string();
            if problem.severity == Severity::Error || !self.warned.contains(&text) {
                eprintln!("{text}\n");
            }
            if problem.severity == Severity::Warning {
                warned.insert(text);
            }
        }
        self.warned = warned;
        if ok {
            eprintln!(
                "loaded the site in {} ms; {} {}",
                took.as_millis(),
                self.warned.len(),
                if self.warned.len() == 1 {
                    "warning"
                } else {
                    "warnings"
                }
            );
        } else {
            eprintln!("the site has errors: still serving the last good version");
        }
    }
}

async fn reload_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript")], http::RELOAD_JS)
}

async fn status(State(state): State<AppState>) -> impl IntoResponse {
    let errors = state
        .live
        .lock()
        .map(|live| live.errors.clone())
        .unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        serde_json::json!({ "errors": errors }).to_string(),
    )
}

async fn events(
    State(state): State<AppState>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, std::convert::Infallible>>> {
    let stream = BroadcastStream::new(state.events.subscribe())
        .filter_map(|message| message.ok())
        .map(|message| Ok(Event::default().data(message)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Any other address: a file of the site, rendered now (off the async threads).
async fn site_file(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> axum::response::Response {
    let preview = state.live.lock().ok().and_then(|live| live.preview.clone());
    let path = uri.path().to_string();
    match tokio::task::spawn_blocking(move || http::respond(preview.as_deref(), &path)).await {
        Ok(response) => response,
        Err(_) => http::failure("the page could not be made"),
    }
}

/// Runs the preview until the process is stopped.
pub(crate) fn serve(options: ServeOptions) -> std::process::ExitCode {
    if !options.content_dir.is_dir() {
        eprintln!(
            "error: there is no content folder at {}: run plainsight serve in the site's folder (the one holding content/), or pass --content DIR",
            options.content_dir.display()
        );
        return std::process::ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the preview server: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut loader = Loader {
        content_dir: options.content_dir.clone(),
        caches: Caches::default(),
        warned: BTreeSet::new(),
    };
    // A site with errors is served too: its pages say so and show the errors, and reload
    // once they are fixed.
    let first = loader.load();
    loader.report(&first.diagnostics, first.took, first.outcome.is_ok());
    let live = match first.outcome {
        Ok(preview) => Live {
            preview: Some(Arc::new(preview)),
            errors: Vec::new(),
        },
        Err(errors) => Live {
            preview: None,
            errors,
        },
    };
    runtime.block_on(run(options, loader, live))
}

async fn run(options: ServeOptions, mut loader: Loader, live: Live) -> std::process::ExitCode {
    let (events_tx, _) = broadcast::channel(16);
    let live = Arc::new(Mutex::new(live));
    let state = AppState {
        live: live.clone(),
        events: events_tx.clone(),
    };
    let app = Router::new()
        .route("/__plainsight/reload.js", get(reload_js))
        .route("/__plainsight/status", get(status))
        .route("/__plainsight/events", get(events))
        .fallback(site_file)
        .with_state(state);

    let address = SocketAddr::new(options.bind, options.port);
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {address}: {e} (choose another port with --port)");
            return std::process::ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().unwrap_or(address);
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the preview reachable from other machines",
            options.bind
        );
    }
    println!("serving the site at http://{local}/ (press Ctrl+C to stop)");

    let watched: Vec<PathBuf> = watch::watched_folders(&options.content_dir);
    // A commit moves HEAD: pages then say when each file was last committed, not that it has
    // changes not yet committed.
    let head_log: Vec<PathBuf> = crate::history::head_log(&options.content_dir)
        .into_iter()
        .collect();
    let _watcher = match watch::start(watched, head_log, move |changed| {
        let loaded = loader.reload(changed);
        let ok = loaded.outcome.is_ok();
        let (message, replaced) = match loaded.outcome {
            Ok(preview) => {
                let replaced = live.lock().ok().and_then(|mut live| {
                    live.errors.clear();
                    live.preview.replace(Arc::new(preview))
                });
                ("reload".to_string(), replaced)
            }
            Err(errors) => {
                let message = serde_json::json!({ "errors": errors }).to_string();
                if let Ok(mut live) = live.lock() {
                    live.errors = errors;
                }
                (message, None)
            }
        };
        let _ = events_tx.send(message);
        // The previous site is freed, and the problems printed, after the pages were told to
        // reload.
        drop(replaced);
        loader.report(&loaded.diagnostics, loaded.took, ok);
    }) {
        Ok(watcher) => watcher,
        Err(e) => {
            eprintln!("error: cannot watch the content for changes: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match axum::serve(listener, app).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: the preview server stopped: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_named_by_its_absolute_path_is_found_as_it_was_loaded() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/metrics")).unwrap();
        let file = dir.path().join("content/metrics/sla.yaml");
        std::fs::write(&file, "title: SLA").unwrap();
        let absolute = file.canonicalize().unwrap();
        let content = dir.path().join("content");
        assert_eq!(
            as_loaded(&content, &absolute),
            [absolute.clone(), file.clone()]
        );
        // A removed file cannot be made canonical; it is still found.
        std::fs::remove_file(&file).unwrap();
        let [_, as_given] = as_loaded(&content.canonicalize().unwrap(), &absolute);
        assert_eq!(as_given, absolute);
    }
}
