//! `newsletter index DIR`: `DIR/index.json`, a JSON Feed whose items are
//! the issues, newest first, and the archive's search index in
//! `DIR/search/` ([`crate::search_index`]).

use std::io::Write;
use std::path::Path;

use newsletter_core::feed::jsonfeed::{FeedKind, Item, JsonFeed, Newsletter};

use crate::dates::rfc3339;
use crate::error::CliError;
use crate::files::{shown, write_file};
use crate::issues::{file_url, load, newsletter_name, LoadedIssue};
use crate::report::{count, emit};

/// The file the command writes.
pub const FILE_NAME: &str = "index.json";

/// Summaries longer than this many characters are cut at a word.
const SUMMARY_LIMIT: usize = 200;

/// Writes `DIR/index.json`, then `DIR/search/`. `base` (from `--base-url`,
/// normalised) makes the issues' addresses absolute.
pub fn run(dir: &Path, base: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let output = dir.join(FILE_NAME);
    let issues = load(dir, &output, false, out)?;
    let name = newsletter_name(&issues, &output, out)?;
    let feed = build(&issues, &name, base);
    let text = serde_json::to_string_pretty(&feed).expect("a feed of strings always serializes") + "\n";
    write_file(&output, &text)?;
    emit(
        out,
        format_args!("wrote {}: {}", shown(&output), count(issues.len(), "issue")),
    );
    crate::search_index::run(dir, &issues, base, out)
}

/// An issue's id in the index (and in the address): its file name without
/// `.json`.
pub fn issue_id(loaded: &LoadedIssue) -> &str {
    loaded.file_name.strip_suffix(".json").unwrap_or(&loaded.file_name)
}

/// An issue's title in the index: its own, else its date.
pub fn issue_title(loaded: &LoadedIssue) -> String {
    loaded
        .issue
        .title
        .clone()
        .unwrap_or_else(|| newsletter_core::locale::Language::English.date(loaded.date))
}

/// The index feed for `issues` (newest first).
pub fn build(issues: &[LoadedIssue], name: &str, base: Option<&str>) -> JsonFeed {
    let home = issues.iter().find_map(|i| i.issue.home_page_url.clone());
    JsonFeed {
        title: Some(name.to_owned()),
        home_page_url: home.or_else(|| base.map(str::to_owned)),
        feed_url: base.map(|base| file_url(Some(base), FILE_NAME)),
        description: issues.iter().find_map(|i| i.issue.tagline.clone()),
        language: issues.iter().find_map(|i| i.issue.language.clone()),
        newsletter: Some(Newsletter {
            name: Some(name.to_owned()),
            kind: Some(FeedKind::Index),
            ..Newsletter::default()
        }),
        items: issues.iter().map(|issue| item(issue, base)).collect(),
        ..JsonFeed::default()
    }
}

fn item(loaded: &LoadedIssue, base: Option<&str>) -> Item {
    let issue = &loaded.issue;
    let id = issue_id(loaded);
    let title = issue_title(loaded);
    // JSON Feed wants content in every item: the whole intro, else the title.
    let content = if issue.summary.is_empty() {
        title.clone()
    } else {
        issue.summary.join("\n\n")
    };
    Item {
        id: id.to_owned(),
        title: Some(title),
        content_text: Some(content),
        summary: issue.summary.first().map(|first| short_summary(first)),
        date_published: Some(rfc3339(loaded.date)),
        url: Some(file_url(base, &loaded.file_name)),
        ..Item::default()
    }
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

    #[test]
    fn writes_members_in_order_and_leaves_out_absent_ones() {
        let loaded = |file_name: &str, date: &str, summary: &[&str]| LoadedIssue {
            file_name: file_name.into(),
            shown: file_name.into(),
            issue: newsletter_core::Issue {
                language: Some("en".into()),
                summary: summary.iter().map(|p| (*p).to_owned()).collect(),
                ..newsletter_core::Issue::default()
            },
            date: newsletter_core::feed::date::Date::parse_ymd(date).unwrap(),
        };
        let issues = [
            loaded("b.json", "2025-12-11", &["One. Two.", "Three."]),
            loaded("a.json", "2025-12-04", &[]),
        ];
        assert_eq!(
            serde_json::to_string(&build(&issues, "N", Some("https://e.org/"))).unwrap(),
            concat!(
                r#"{"version":"https://jsonfeed.org/version/1.1","title":"N","home_page_url":"https://e.org/","#,
                r#""feed_url":"https://e.org/index.json","language":"en","_newsletter":{"name":"N","kind":"index"},"#,
                r#""items":[{"id":"b","title":"11 December 2025","content_text":"One. Two.\n\nThree.","summary":"One.","#,
                r#""date_published":"2025-12-11T00:00:00Z","url":"https://e.org/b.json"},"#,
                r#"{"id":"a","title":"4 December 2025","content_text":"4 December 2025","#,
                r#""date_published":"2025-12-04T00:00:00Z","url":"https://e.org/a.json"}]}"#
            )
        );
    }
}
