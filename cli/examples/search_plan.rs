//! For `bench/archive.mjs`: which files of a search index (`DIR/search/`,
//! from `newsletter index`) each query fetches, as the widget's code plans
//! it, and how long that code takes once the files are there.
//!
//! Usage: cargo run --release -p newsletter-cli --example search_plan -- SEARCH_DIR QUERY...
//! A query `topic:ID` chooses a topic instead of searching. Prints one JSON
//! line per query: {"query", "first": [files], "postings": [files], "page": [files], "total",
//! "top": [issue id, story id, headline], "micros"}.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use newsletter_core::archive_search::{Files, Manifest, Query, MANIFEST, PER_PAGE};

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = PathBuf::from(args.next().expect("usage: search_plan SEARCH_DIR QUERY..."));
    let read = |name: &str| std::fs::read_to_string(folder.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let manifest_text = read(MANIFEST);
    let mut cache: HashMap<String, String> = HashMap::new();
    for text in args {
        let query = match text.strip_prefix("topic:") {
            Some(topic) => Query::new("", &[topic.to_owned()]),
            None => Query::new(&text, &[]),
        };
        let manifest = Manifest::read(&manifest_text).expect("a manifest");
        let first = manifest.files_for(&query);
        let mut files: Files = first
            .iter()
            .map(|n| (n.clone(), cache.entry(n.clone()).or_insert_with(|| read(n)).clone()))
            .collect();
        let postings = manifest.postings_files(&query, &files).expect("postings files");
        for name in &postings {
            files.insert(
                name.clone(),
                cache.entry(name.clone()).or_insert_with(|| read(name)).clone(),
            );
        }
        let matches = manifest.matches(&query, &files).expect("matches");
        let page_files = manifest.page_files(&matches, 0, PER_PAGE);
        for name in &page_files {
            files.insert(
                name.clone(),
                cache.entry(name.clone()).or_insert_with(|| read(name)).clone(),
            );
        }
        // The widget's work once the files have arrived, timed alone.
        let start = Instant::now();
        let manifest = Manifest::read(&manifest_text).expect("a manifest");
        let matches = manifest.matches(&query, &files).expect("matches");
        let page = manifest.page(&matches, 0, PER_PAGE, &files).expect("a page");
        let micros = start.elapsed().as_micros();
        let top = page.issues.first().and_then(|g| {
            g.stories
                .first()
                .map(|h| (g.id.clone(), h.story_id.clone(), h.headline.clone()))
        });
        println!(
            "{}",
            serde_json::json!({
                "query": text,
                "first": first,
                "postings": postings,
                "page": page_files,
                "total": page.total,
                "top": top,
                "micros": micros,
            })
        );
    }
}
