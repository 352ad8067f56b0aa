//! Site search with no third-party service: the rendered pages are indexed with Pagefind (as a
//! library, offline) and its index and search UI are written beside the site under
//! `pagefind/`. Only what is inside `data-pagefind-body` (each page's main content) is indexed.

use crate::output::OutputFile;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// Indexes the HTML `pages` (output path and bytes) served under `base`, and returns the search
/// bundle's files.
pub fn index(pages: &[&OutputFile], base: &str, language: &str) -> Result<Vec<OutputFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the indexer: {e}"))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .force_language(language.split('-').next().unwrap_or("en").to_lowercase())
            // Action ids such as DS-04 are searched as written.
            .include_characters("-".to_string())
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for page in pages {
            let url = format!(
                "{base}{}",
                page.path.strip_suffix("index.html").unwrap_or(&page.path)
            );
            let html = String::from_utf8_lossy(&page.bytes).into_owned();
            index
                .add_html_file(None, Some(url), html)
                .await
                .map_err(|e| format!("cannot index {}: {e}", page.path))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut out: Vec<OutputFile> = files
            .into_iter()
            .map(|f| OutputFile {
                path: format!(
                    "pagefind/{}",
                    f.filename.to_string_lossy().replace('\\', "/")
                ),
                bytes: f.contents,
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}
