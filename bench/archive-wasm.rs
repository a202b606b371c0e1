//! The archive search alone, compiled to wasm for `bench/archive.mjs`, so
//! our side of the benchmark runs the real query code in the browser until
//! the widget calls it. Built by the benchmark with rustc against the core
//! (no wasm-bindgen: strings cross as bytes in the module's memory).
//!
//! The page's steps: `manifest`, then `plan` (a query, or `topic:ID`; the
//! output names the files to fetch), `file` for each, `postings` (the
//! output names the long story lists to fetch), `file` for each, `matches` (the
//! output names the story shards of the first page), `file` for each, then
//! `page` (the output is the results as HTML, highlighted and escaped).

use std::cell::RefCell;

use newsletter_core::archive_search::{Files, Manifest, Matches, Query, PER_PAGE};
use newsletter_core::render::escape::push_escaped;
use newsletter_core::view::search::Segment;

#[derive(Default)]
struct State {
    manifest: Option<Manifest>,
    query: Query,
    files: Files,
    matches: Option<Matches>,
    out: String,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Room for `len` bytes the page writes, handed back by the next call.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut bytes = Vec::<u8>::with_capacity(len);
    let at = bytes.as_mut_ptr();
    std::mem::forget(bytes);
    at
}

/// Takes back the bytes `alloc` gave and the page filled.
fn take(at: *mut u8, len: usize) -> String {
    // SAFETY: `at` came from `alloc(len)` and the page wrote `len` bytes.
    let bytes = unsafe { Vec::from_raw_parts(at, len, len) };
    String::from_utf8(bytes).unwrap_or_default()
}

#[no_mangle]
pub extern "C" fn output_ptr() -> *const u8 {
    STATE.with(|s| s.borrow().out.as_ptr())
}

#[no_mangle]
pub extern "C" fn output_len() -> usize {
    STATE.with(|s| s.borrow().out.len())
}

/// 0 when all went well; else 1, with the error in the output.
fn answer(state: &mut State, result: Result<String, String>) -> i32 {
    match result {
        Ok(out) => {
            state.out = out;
            0
        }
        Err(error) => {
            state.out = error;
            1
        }
    }
}

#[no_mangle]
pub extern "C" fn manifest(at: *mut u8, len: usize) -> i32 {
    let text = take(at, len);
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        let read = Manifest::read(&text).map_err(|e| e.to_string());
        let result = read.map(|m| {
            state.manifest = Some(m);
            String::new()
        });
        answer(&mut state, result)
    })
}

#[no_mangle]
pub extern "C" fn plan(at: *mut u8, len: usize) -> i32 {
    let text = take(at, len);
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        state.query = match text.strip_prefix("topic:") {
            Some(topic) => Query::new("", &[topic.to_owned()]),
            None => Query::new(&text, &[]),
        };
        let files = state.manifest.as_ref().map(|m| m.files_for(&state.query));
        let result = files.map(|f| f.join("\n")).ok_or_else(|| "no manifest".to_owned());
        answer(&mut state, result)
    })
}

#[no_mangle]
pub extern "C" fn file(name_at: *mut u8, name_len: usize, at: *mut u8, len: usize) {
    let (name, text) = (take(name_at, name_len), take(at, len));
    STATE.with(|s| s.borrow_mut().files.insert(name, text));
}

/// The postings files the query's words need, once the planned files are
/// in (the output names them; often none for a rare word).
#[no_mangle]
pub extern "C" fn postings() -> i32 {
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        let state = &mut *state;
        let result = match state.manifest.as_ref() {
            Some(manifest) => manifest
                .postings_files(&state.query, &state.files)
                .map(|names| names.join("\n"))
                .map_err(|e| e.to_string()),
            None => Err("no manifest".to_owned()),
        };
        answer(state, result)
    })
}

#[no_mangle]
pub extern "C" fn matches() -> i32 {
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        let state = &mut *state;
        let Some(manifest) = state.manifest.as_ref() else {
            return answer(state, Err("no manifest".to_owned()));
        };
        let result = manifest.matches(&state.query, &state.files).map_err(|e| e.to_string());
        let result = result.map(|m| {
            let files = manifest.page_files(&m, 0, PER_PAGE).join("\n");
            state.matches = Some(m);
            files
        });
        answer(state, result)
    })
}

fn push_marked(out: &mut String, segments: &[Segment<'_>]) {
    for segment in segments {
        if segment.hit {
            out.push_str("<mark>");
        }
        push_escaped(out, segment.text);
        if segment.hit {
            out.push_str("</mark>");
        }
    }
}

#[no_mangle]
pub extern "C" fn page() -> i32 {
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        let state = &mut *state;
        let (Some(manifest), Some(matches)) = (state.manifest.as_ref(), state.matches.as_ref()) else {
            return answer(state, Err("no matches".to_owned()));
        };
        let result = manifest.page(matches, 0, PER_PAGE, &state.files).map(|page| {
            let mut html = format!("<p>{} stories</p>", page.total);
            for group in &page.issues {
                html.push_str("<h3>");
                push_escaped(&mut html, &group.date);
                html.push_str(" · ");
                push_escaped(&mut html, &group.title);
                html.push_str("</h3><ol>");
                for hit in &group.stories {
                    html.push_str("<li><b>");
                    push_marked(&mut html, &hit.headline_segments(&matches.terms));
                    html.push_str("</b> ");
                    push_marked(&mut html, &hit.excerpt_segments(&matches.terms));
                    html.push_str("</li>");
                }
                html.push_str("</ol>");
            }
            html
        });
        let result = result.map_err(|e| e.to_string());
        answer(state, result)
    })
}
