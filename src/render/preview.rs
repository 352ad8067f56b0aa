//! Rendering for the preview server: each page is rendered when it is asked for, from the
//! loaded model, so after an edit no page can be stale and nothing is rendered that nobody
//! looks at. The files made from the whole site (search index, data downloads, feeds, the
//! data catalogue, the record of changes) are made together on the first request for any of
//! them, and the sitemap on the first request for it. Like the rest of rendering, nothing
//! here reads or writes files.

use super::{changes, data, pages, PageJob, Prepared, RenderOptions};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::history::History;
use crate::model::Content;
use crate::output::{OutputFile, Sink};
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Where the files made from the whole site are: these folders (ending in `/`) and files.
/// Every file a build writes is served (a test checks it), so this list cannot miss one
/// unnoticed.
const SITE_FILE_PLACES: [&str; 5] = [
    "data/",
    "search/",
    "changes/",
    "updates/atom.xml",
    "robots.txt",
];

/// A loaded site, ready to render any of its files.
pub struct Preview {
    content: Content,
    history: Arc<History>,
    theme: Theme,
    prepared: Prepared,
    /// The files made from the whole site, once asked for.
    site_files: OnceLock<Result<HashMap<String, Vec<u8>>, Diagnostic>>,
    sitemap: OnceLock<Vec<u8>>,
}

impl Preview {
    /// `None` when a template has an error (in `diags`).
    pub(crate) fn new(
        content: Content,
        history: Arc<History>,
        theme: Theme,
        options: &RenderOptions,
        diags: &mut Diagnostics,
    ) -> Option<Preview> {
        let prepared = Prepared::new(&content, &history, &theme, options, diags)?;
        Some(Preview {
            content,
            history,
            theme,
            prepared,
            site_files: OnceLock::new(),
            sitemap: OnceLock::new(),
        })
    }

    /// The file at `path` (an output path: `index.html`, `metrics/sla/index.html`,
    /// `data/actions.csv`), as a build would write it; `None` when the site has no such file.
    pub fn file(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        if let Some(page) = self.page(path) {
            return Some(page);
        }
        if let Some(bytes) = path
            .strip_prefix("assets/")
            .and_then(|name| self.theme.statics.get(name))
        {
            return Some(Ok(bytes.to_vec()));
        }
        // Every page asks for the print stylesheet: it is made alone, not with the site files.
        if path == super::PRINT_CSS {
            return Some(Ok(self.prepared.print_css().into_bytes()));
        }
        if path == "sitemap.xml" {
            return Some(Ok(self.sitemap().clone()));
        }
        // Only an address where a site file can be sets them all in motion (a browser asks
        // for addresses no site has, and a 404 should not cost a second of work).
        if !SITE_FILE_PLACES
            .iter()
            .any(|place| match place.strip_suffix('/') {
                Some(_) => path.starts_with(place),
                None => path == *place,
            })
        {
            return None;
        }
        // Another request asking meanwhile waits for these to be made once.
        match self.site_files.get_or_init(|| self.make_site_files()) {
            Ok(files) => files.get(path).map(|bytes| Ok(bytes.clone())),
            Err(problem) => Some(Err(problem.clone())),
        }
    }

    /// A page of one unit (a strategy with its actions, a measure, an update, ...).
    fn page(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        let unit = pages::unit_for(&self.content, path)?;
        let shared = self.prepared.shared(&self.content, &self.history, None);
        let job = pages::jobs(&unit, &shared)
            .into_iter()
            .find(|job| job.path == path)?;
        Some(
            self.prepared
                .render_page(&self.history, job)
                .map(|(file, _)| file.bytes),
        )
    }

    fn make_site_files(&self) -> Result<HashMap<String, Vec<u8>>, Diagnostic> {
        let (content, history, prepared) = (&self.content, &self.history, &self.prepared);
        let commits = changes::commit_views(history, content, &prepared.urls);
        let datasets = data::datasets(content, &prepared.urls);
        // Keeping files in memory cannot fail.
        let files = crate::output::Memory::default();
        let put = |file: OutputFile| -> Result<(), Diagnostic> {
            let _ = files.put(file);
            Ok(())
        };
        let _ = data::dataset_files(content, &prepared.urls, &datasets, &files);
        prepared.site_files(content, &datasets, &commits, &put)?;
        for job in prepared.site_wide_jobs(content, history, &datasets, &commits) {
            put(prepared.render_page(history, job)?.0)?;
        }
        Ok(files
            .into_files()
            .into_iter()
            .map(|file| (file.path, file.bytes))
            .collect())
    }

    /// The sitemap: every page's job is made (not rendered) to know which pages there are.
    fn sitemap(&self) -> &Vec<u8> {
        self.sitemap.get_or_init(|| {
            let (content, history, prepared) = (&self.content, &self.history, &self.prepared);
            let datasets = data::datasets(content, &prepared.urls);
            let commits = changes::commit_views(history, content, &prepared.urls);
            let shared = prepared.shared(content, history, Some(&datasets));
            let in_sitemap = |jobs: Vec<PageJob>| -> Vec<String> {
                jobs.into_iter()
                    .filter(|job| job.in_sitemap)
                    .map(|job| job.path)
                    .collect()
            };
            let mut paths: Vec<String> = pages::units(content)
                .par_iter()
                .flat_map_iter(|unit| in_sitemap(pages::jobs(unit, &shared)))
                .collect();
            paths.extend(in_sitemap(
                prepared.site_wide_jobs(content, history, &datasets, &commits),
            ));
            paths.sort();
            prepared.sitemap(paths, &datasets).bytes
        })
    }
}
