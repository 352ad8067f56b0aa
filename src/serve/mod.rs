//! `plainsight serve`: a thin shell over [`crate::build::build`]. Builds, serves the output on
//! 127.0.0.1, watches content/ and themes/, rebuilds on change and tells open pages to reload
//! (server-sent events). A failed rebuild keeps the last good site (the build never writes a
//! broken one) and shows the errors in an overlay on the page and in the terminal.

mod watch;

use crate::build::{build, BuildOptions};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Response};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

/// The script each served page gets: reloads on a good rebuild, shows the errors of a bad one.
const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_TAG: &str = "<script src=\"/__plainsight/reload.js\"></script>";

/// What the preview serves.
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: std::net::IpAddr,
    pub port: u16,
}

/// The outcome of the last build, for pages that open after it.
#[derive(Default)]
struct Shared {
    errors: Vec<String>,
}

#[derive(Clone)]
struct AppState {
    shared: Arc<Mutex<Shared>>,
    events: broadcast::Sender<String>,
}

/// Builds once and reports; returns the problems as text when the build failed.
fn rebuild(options: &BuildOptions) -> Result<(), Vec<String>> {
    let started = std::time::Instant::now();
    let built = build(options);
    for problem in built.diagnostics.sorted() {
        eprintln!("{problem}\n");
    }
    match built.report {
        Some(report) => {
            eprintln!(
                "built {} pages in {:.2} s; {} warnings",
                report.pages,
                started.elapsed().as_secs_f64(),
                built.diagnostics.warning_count()
            );
            Ok(())
        }
        None => {
            eprintln!("build failed: still serving the last good site");
            Err(built
                .diagnostics
                .sorted()
                .into_iter()
                .filter(|d| d.severity == crate::diag::Severity::Error)
                .map(|d| d.to_string())
                .collect())
        }
    }
}

/// Adds the reload script to HTML pages (preview only: the built files never contain it).
async fn inject_reload(response: Response<Body>) -> Response<Body> {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let html = String::from_utf8_lossy(&bytes);
    let injected = match html.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_TAG}{}", &html[..at], &html[at..]),
        None => format!("{html}{RELOAD_TAG}"),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(injected))
}

async fn reload_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript")], RELOAD_JS)
}

async fn status(State(state): State<AppState>) -> impl IntoResponse {
    let errors = state
        .shared
        .lock()
        .map(|s| s.errors.clone())
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

/// Runs the preview until the process is stopped.
pub fn serve(options: ServeOptions) -> std::process::ExitCode {
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
    // The first build runs before the server starts, outside the async runtime (the search
    // indexer runs its own).
    let first = rebuild(&options.build);
    if first.is_err() && !options.build.out_dir.join("index.html").is_file() {
        eprintln!("error: the site has errors and there is no earlier build to serve; fix them and run serve again");
        return std::process::ExitCode::FAILURE;
    }
    runtime.block_on(run(options, first.err().unwrap_or_default()))
}

async fn run(options: ServeOptions, errors: Vec<String>) -> std::process::ExitCode {
    let (events_tx, _) = broadcast::channel(16);
    let shared = Arc::new(Mutex::new(Shared { errors }));
    let state = AppState {
        shared: shared.clone(),
        events: events_tx.clone(),
    };
    let files = tower_http::services::ServeDir::new(&options.build.out_dir).not_found_service(
        tower_http::services::ServeFile::new(options.build.out_dir.join("404.html")),
    );
    let app = Router::new()
        .route("/__plainsight/reload.js", get(reload_js))
        .route("/__plainsight/status", get(status))
        .route("/__plainsight/events", get(events))
        .fallback_service(files)
        .layer(axum::middleware::map_response(inject_reload))
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

    let build_options = options.build.clone();
    let watch_shared = shared.clone();
    let watched: Vec<PathBuf> = watch::watched_folders(&options.build.content_dir);
    let _watcher = match watch::start(watched, move || {
        let message = match rebuild(&build_options) {
            Ok(()) => {
                if let Ok(mut s) = watch_shared.lock() {
                    s.errors.clear();
                }
                "reload".to_string()
            }
            Err(errors) => {
                let message = serde_json::json!({ "errors": errors }).to_string();
                if let Ok(mut s) = watch_shared.lock() {
                    s.errors = errors;
                }
                message
            }
        };
        let _ = events_tx.send(message);
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
