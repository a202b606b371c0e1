//! `newsletter index DIR`: `DIR/index.json`, a JSON Feed whose items are
//! the issues, newest first.

use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value};

use crate::dates::rfc3339;
use crate::error::CliError;
use crate::files::{shown, write_file};
use crate::issues::{file_url, load, newsletter_name, LoadedIssue};
use crate::markdown::VERSION;
use crate::report::{count, emit};

/// The file the command writes.
pub const FILE_NAME: &str = "index.json";

/// Summaries longer than this many characters are cut at a word.
const SUMMARY_LIMIT: usize = 200;

/// Writes `DIR/index.json`. `base` (from `--base-url`, normalised) makes
/// the issues' addresses absolute.
pub fn run(dir: &Path, base: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let output = dir.join(FILE_NAME);
    let issues = load(dir, &output, false, out)?;
    let name = newsletter_name(&issues, &output, out)?;
    let feed = build(&issues, &name, base);
    let text = serde_json::to_string_pretty(&feed).expect("a JSON value always serializes") + "\n";
    write_file(&output, &text)?;
    emit(
        out,
        format_args!("wrote {}: {}", shown(&output), count(issues.len(), "issue")),
    );
    Ok(())
}

/// The index feed for `issues` (newest first).
pub fn build(issues: &[LoadedIssue], name: &str, base: Option<&str>) -> Value {
    let mut feed = Map::new();
    feed.insert("version".into(), VERSION.into());
    feed.insert("title".into(), name.into());
    let home = issues.iter().find_map(|i| i.issue.home_page_url.clone());
    if let Some(home) = home.or_else(|| base.map(str::to_owned)) {
        feed.insert("home_page_url".into(), home.into());
    }
    if base.is_some() {
        feed.insert("feed_url".into(), file_url(base, FILE_NAME).into());
    }
    if let Some(tagline) = issues.iter().find_map(|i| i.issue.tagline.clone()) {
        feed.insert("description".into(), tagline.into());
    }
    if let Some(language) = issues.iter().find_map(|i| i.issue.language.clone()) {
        feed.insert("language".into(), language.into());
    }
    let mut extension = Map::new();
    extension.insert("name".into(), name.into());
    extension.insert("kind".into(), "index".into());
    feed.insert("_newsletter".into(), Value::Object(extension));
    let items = issues.iter().map(|issue| item(issue, base)).collect();
    feed.insert("items".into(), Value::Array(items));
    Value::Object(feed)
}

fn item(loaded: &LoadedIssue, base: Option<&str>) -> Value {
    let issue = &loaded.issue;
    let id = loaded.file_name.strip_suffix(".json").unwrap_or(&loaded.file_name);
    let title = issue
        .title
        .clone()
        .unwrap_or_else(|| newsletter_core::locale::Language::English.date(loaded.date));
    let mut item = Map::new();
    item.insert("id".into(), id.into());
    item.insert("title".into(), title.clone().into());
    // JSON Feed wants content in every item: the whole intro, else the title.
    let content = if issue.summary.is_empty() {
        title
    } else {
        issue.summary.join("\n\n")
    };
    item.insert("content_text".into(), content.into());
    if let Some(first) = issue.summary.first() {
        item.insert("summary".into(), short_summary(first).into());
    }
    item.insert("date_published".into(), rfc3339(loaded.date).into());
    item.insert("url".into(), file_url(base, &loaded.file_name).into());
    Value::Object(item)
}

/// The first sentence of `paragraph`, cut at a word with "…" when it is
/// longer than [`SUMMARY_LIMIT`] characters.
pub fn short_summary(paragraph: &str) -> String {
    let sentence = first_sentence(paragraph);
    if sentence.chars().count() <= SUMMARY_LIMIT {
        return sentence.to_owned();
    }
    let limit = sentence
        .char_indices()
        .nth(SUMMARY_LIMIT)
        .map_or(sentence.len(), |(i, _)| i);
    let cut = sentence[..limit].rfind(' ').unwrap_or(limit);
    let kept = sentence[..cut].trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{kept}…")
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: [&str; 16] = [
    "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "inc", "ltd", "co", "corp", "no", "fig", "approx", "jr",
];

/// The text up to the end of its first sentence: a `.`, `!` or `?` (with
/// any closing quotes or brackets) followed by a space, unless the full
/// stop belongs to an initial or an abbreviation ("U.S.", "J.", "Dr.").
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if matches!(next, '"' | '\'' | ')' | ']' | '”' | '’' | '»') {
                end = j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let followed_by_space = text[end..].starts_with(char::is_whitespace);
        if !followed_by_space {
            continue;
        }
        if c == '.' {
            let word = text[..i].rsplit(char::is_whitespace).next().unwrap_or("");
            let word = word.trim_start_matches(['(', '"', '\'', '“', '‘']);
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if word.contains('.') || initial || ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
                continue;
            }
        }
        return &text[..end];
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_the_first_sentence() {
        assert_eq!(
            short_summary("One thing happened. Then another."),
            "One thing happened."
        );
        assert_eq!(short_summary("Did it? Yes."), "Did it?");
        assert_eq!(short_summary("He said \"stop.\" Then left."), "He said \"stop.\"");
        assert_eq!(short_summary("No full stop at all"), "No full stop at all");
        assert_eq!(short_summary("Version 2.5 ships. Next."), "Version 2.5 ships.");
    }

    #[test]
    fn initials_and_abbreviations_do_not_end_a_sentence() {
        assert_eq!(
            short_summary("The U.S. FDA approved it. Later more."),
            "The U.S. FDA approved it."
        );
        assert_eq!(
            short_summary("Dr. Smith and J. Doe agree. Fine."),
            "Dr. Smith and J. Doe agree."
        );
    }

    #[test]
    fn long_sentences_are_cut_at_a_word() {
        let long = "word ".repeat(60) + "end.";
        let short = short_summary(&long);
        assert!(short.ends_with("word…"), "{short}");
        assert!(short.chars().count() <= SUMMARY_LIMIT + 1);
        let unbroken = "x".repeat(300);
        assert_eq!(short_summary(&unbroken).chars().count(), SUMMARY_LIMIT + 1);
    }
}
