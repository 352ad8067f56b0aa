//! Answering a request for a file of the site: the address becomes an output path (`/` ->
//! `index.html`, `/metrics/sla/` -> `metrics/sla/index.html`), the preview renders it, and
//! HTML pages get the reload script. Nothing is read from disk, so no address can reach a file
//! outside the site.

use crate::render::preview::Preview;
use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};

/// The script each served page gets: reloads on a good load, shows the errors of a bad one.
pub(crate) const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_TAG: &str = "<script src=\"/__plainsight/reload.js\"></script>";

/// The output path an address names, or `None` for an address no file can have (`..`, a
/// backslash, bad percent-encoding).
pub(crate) fn output_path(address: &str) -> Option<String> {
    let decoded = percent_decode(address.trim_start_matches('/'))?;
    if decoded
        .split('/')
        .any(|part| part == ".." || part == "." || part.contains('\\'))
    {
        return None;
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Some(format!("{decoded}index.html"))
    } else {
        Some(decoded)
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script to an HTML page (the preview only: built files never contain it).
pub(crate) fn with_reload_script(html: &[u8]) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    match html.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_TAG}{}", &html[..at], &html[at..]),
        None => format!("{html}{RELOAD_TAG}"),
    }
    .into_bytes()
}

fn response(status: StatusCode, path: &str, bytes: Vec<u8>) -> Response<Body> {
    let bytes = if path.ends_with(".html") {
        with_reload_script(&bytes)
    } else {
        bytes
    };
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    // Every answer is made from the current content: never cached.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A plain-text answer for when a file could not be made.
pub(crate) fn failure(message: &str) -> Response<Body> {
    let mut response = Response::new(Body::from(message.to_string()));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}

/// The page served while the site has never loaded: the reload script shows the errors over
/// it, and reloads it once they are fixed.
const NOT_LOADED: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>The site has errors</title></head>\n<body><h1>The site could not be loaded</h1><p>Fix the problems listed below and save the file: this page reloads by itself.</p></body></html>\n";

/// The answer to a request for `address` from the site as last loaded.
pub(crate) fn respond(preview: Option<&Preview>, address: &str) -> Response<Body> {
    let Some(preview) = preview else {
        return response(
            StatusCode::SERVICE_UNAVAILABLE,
            "index.html",
            NOT_LOADED.as_bytes().to_vec(),
        );
    };
    let not_found = || match preview.file("404.html") {
        Some(Ok(bytes)) => response(StatusCode::NOT_FOUND, "404.html", bytes),
        _ => response(StatusCode::NOT_FOUND, "404.txt", b"Not found".to_vec()),
    };
    let Some(path) = output_path(address) else {
        return not_found();
    };
    match preview.file(&path) {
        Some(Ok(bytes)) => response(StatusCode::OK, &path, bytes),
        Some(Err(problem)) => failure(&problem.to_string()),
        // `/metrics/sla` is the folder `/metrics/sla/`.
        None if !path.rsplit('/').next().unwrap_or_default().contains('.')
            && preview.file(&format!("{path}/index.html")).is_some() =>
        {
            let mut redirect = Response::new(Body::empty());
            *redirect.status_mut() = StatusCode::PERMANENT_REDIRECT;
            if let Ok(location) = HeaderValue::from_str(&format!("/{path}/")) {
                redirect.headers_mut().insert(header::LOCATION, location);
            }
            redirect
        }
        None => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_output_paths_and_nothing_outside_the_site() {
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            output_path("/metrics/sla/").as_deref(),
            Some("metrics/sla/index.html")
        );
        assert_eq!(
            output_path("/data/actions.csv").as_deref(),
            Some("data/actions.csv")
        );
        assert_eq!(
            output_path("/pages/caf%C3%A9/").as_deref(),
            Some("pages/café/index.html")
        );
        assert_eq!(output_path("/../secret"), None);
        assert_eq!(output_path("/a/%2e%2e/b"), None);
        assert_eq!(output_path("/a%5c..%5cb"), None);
        assert_eq!(output_path("/bad%zz"), None);
        assert_eq!(output_path("/bad%ff"), None);
    }

    #[test]
    fn pages_get_the_reload_script_before_the_end_of_the_body() {
        let html = with_reload_script(b"<html><body><p>Hi</p></body></html>");
        assert_eq!(
            String::from_utf8(html).unwrap(),
            format!("<html><body><p>Hi</p>{RELOAD_TAG}</body></html>")
        );
    }
}
