//! `newsletter feed DIR`: every story of every issue, for feed readers, as
//! a JSON Feed (`DIR/feed.json`) and as RSS 2.0 (`DIR/feed.xml`).
//!
//! Stories come from the domain's reading of each issue, so what feed
//! readers get is what the widget shows: skipped stories are left out,
//! unsafe links are gone and rich text is the sanitized tree. No address is
//! made up: an item has a link only when its story has one.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use newsletter_core::feed::date::Date;
use newsletter_core::feed::jsonfeed::{Author, FeedKind, Item, JsonFeed, Newsletter};
use newsletter_core::{Body, Source, Story};

use crate::dates::{rfc3339, rfc822};
use crate::error::CliError;
use crate::files::{shown, write_file};
use crate::issues::{file_url, load, newsletter_name, LoadedIssue};
use crate::report::{count, emit, Diagnostic, Severity};
use newsletter_core::render::escape::escape;
use newsletter_core::render::rich::{body_html, Links};

/// The JSON Feed the command writes.
pub const JSON_FILE: &str = "feed.json";
/// The RSS feed the command writes.
pub const RSS_FILE: &str = "feed.xml";

/// One story in the archive.
struct Entry<'a> {
    /// Unique across issues: `2025-12-04/itvisma-intrathecal-sma`.
    id: String,
    story: &'a Story,
    date: Date,
}

/// Writes `DIR/feed.json` and `DIR/feed.xml`.
pub fn run(dir: &Path, base: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let json_path = dir.join(JSON_FILE);
    let rss_path = dir.join(RSS_FILE);
    let issues = load(dir, &json_path, true, out)?;
    let title = newsletter_name(&issues, &json_path, out)?;
    let entries = entries(&issues, &json_path, out)?;
    let feed = json_feed(&issues, title, &entries, base);
    let json = serde_json::to_string_pretty(&feed).expect("a feed of strings always serializes");
    write_file(&json_path, &(json + "\n"))?;
    let self_link = base.map(|base| file_url(Some(base), RSS_FILE));
    write_file(&rss_path, &rss(&feed, &entries, self_link.as_deref()))?;
    if feed.home_page_url.is_none() {
        emit(
            out,
            Diagnostic {
                file: shown(&rss_path),
                at: None,
                severity: Severity::Warning,
                message: "the channel has no <link>, which RSS 2.0 asks for: pass --base-url, or give the issues a home_page_url".into(),
            },
        );
    }
    emit(
        out,
        format_args!(
            "wrote {} and {}: {} from {}",
            shown(&json_path),
            shown(&rss_path),
            count(entries.len(), "story"),
            count(issues.len(), "issue")
        ),
    );
    Ok(())
}

/// Every shown story, newest issue first, each with its archive id.
/// Two stories with the same archive id are reported; nothing is written.
fn entries<'a>(issues: &'a [LoadedIssue], output: &Path, out: &mut dyn Write) -> Result<Vec<Entry<'a>>, CliError> {
    let mut entries = Vec::new();
    let mut first_use: HashMap<String, &str> = HashMap::new();
    let mut errors = 0;
    for loaded in issues {
        for story in &loaded.issue.stories {
            let id = format!("{}/{}", loaded.date, story.id);
            if let Some(first) = first_use.get(&id) {
                let message = format!(
                    "story \"{}\" has the archive id \"{id}\", like a story in {first}: give one of them another id",
                    story.id
                );
                emit(out, Diagnostic::file_error(&loaded.shown, message));
                errors += 1;
                continue;
            }
            first_use.insert(id.clone(), &loaded.shown);
            entries.push(Entry {
                id,
                story,
                date: story.date.unwrap_or(loaded.date),
            });
        }
    }
    if errors > 0 {
        return Err(CliError::NotWritten {
            output: Some(output.to_owned()),
            errors,
        });
    }
    Ok(entries)
}

/// The story's text as paragraphs, when it is plain text: its body, else its
/// summary, else its headline (every feed item needs some content).
fn plain_paragraphs(story: &Story) -> Option<Vec<String>> {
    match &story.body {
        Body::Paragraphs(paragraphs) if !paragraphs.is_empty() => Some(paragraphs.clone()),
        Body::Rich(nodes) if !nodes.is_empty() => None,
        _ => Some(vec![story
            .summary
            .clone()
            .or_else(|| story.title.clone())
            .unwrap_or_default()]),
    }
}

/// The story's text and numbered sources as HTML.
fn content_html(story: &Story) -> String {
    // Written by the core's one writer of story text, with plain links.
    let body = match plain_paragraphs(story) {
        Some(paragraphs) => body_html(&Body::Paragraphs(paragraphs), Links::Plain),
        None => body_html(&story.body, Links::Plain),
    };
    body + &sources_html(&story.sources)
}

/// A story's numbered sources as HTML: a "Sources" paragraph and a list,
/// each source a link only when it has a URL. Empty when there are none.
fn sources_html(sources: &[Source]) -> String {
    if sources.is_empty() {
        return String::new();
    }
    let items: String = sources
        .iter()
        .map(|s| match &s.url {
            Some(url) => format!("<li><a href=\"{}\">{}</a></li>", escape(url), escape(&s.title)),
            None => format!("<li>{}</li>", escape(&s.title)),
        })
        .collect();
    format!("<p>Sources:</p><ol>{items}</ol>")
}

/// The story's text and sources as plain text, when the story is plain text.
fn content_text(story: &Story) -> Option<String> {
    let mut text = plain_paragraphs(story)?.join("\n\n");
    if !story.sources.is_empty() {
        text.push_str("\n\nSources:");
        for (i, source) in story.sources.iter().enumerate() {
            text.push_str(&format!("\n{}. {}", i + 1, source.title));
            if let Some(url) = &source.url {
                text.push_str(&format!(" <{url}>"));
            }
        }
    }
    Some(text)
}

/// The archive as a JSON Feed: the newsletter as the newest issues describe
/// it, and every entry as an item.
fn json_feed(issues: &[LoadedIssue], title: String, entries: &[Entry<'_>], base: Option<&str>) -> JsonFeed {
    let newest_authors = issues.first().map(|i| i.issue.authors.as_slice()).unwrap_or_default();
    JsonFeed {
        title: Some(title.clone()),
        // The newest issue's `home_page_url`, else the base URL.
        home_page_url: issues
            .iter()
            .find_map(|i| i.issue.home_page_url.clone())
            .or_else(|| base.map(str::to_owned)),
        feed_url: base.map(|base| file_url(Some(base), JSON_FILE)),
        description: issues.iter().find_map(|i| i.issue.tagline.clone()),
        language: issues.iter().find_map(|i| i.issue.language.clone()),
        authors: newest_authors
            .iter()
            .map(|name| Author {
                name: Some(name.clone()),
                url: None,
            })
            .collect(),
        newsletter: Some(Newsletter {
            name: Some(title),
            kind: Some(FeedKind::Archive),
            ..Newsletter::default()
        }),
        items: entries.iter().map(json_item).collect(),
        ..JsonFeed::default()
    }
}

fn json_item(entry: &Entry<'_>) -> Item {
    let story = entry.story;
    Item {
        id: entry.id.clone(),
        title: story.title.clone(),
        content_html: Some(content_html(story)),
        content_text: content_text(story),
        summary: story.summary.clone(),
        tags: Some(story.topics.iter().map(|t| t.label.clone()).collect()).filter(|tags: &Vec<_>| !tags.is_empty()),
        date_published: Some(rfc3339(entry.date)),
        url: story.url.clone(),
        external_url: story.external_url.clone(),
        image: story.image.clone(),
        newsletter: None,
    }
}

/// The archive feed as RSS 2.0, written from the same feed as the JSON one
/// (`entries` give the items' dates): `self_link` is the RSS file's address.
fn rss(feed: &JsonFeed, entries: &[Entry<'_>], self_link: Option<&str>) -> String {
    let title = feed.title.as_deref().unwrap_or_default();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if self_link.is_some() {
        xml.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n");
    } else {
        xml.push_str("<rss version=\"2.0\">\n");
    }
    xml.push_str("  <channel>\n");
    element(&mut xml, 4, "title", title);
    if let Some(link) = &feed.home_page_url {
        element(&mut xml, 4, "link", link);
    }
    element(&mut xml, 4, "description", feed.description.as_deref().unwrap_or(title));
    if let Some(language) = &feed.language {
        element(&mut xml, 4, "language", language);
    }
    if let Some(newest) = entries.iter().map(|e| e.date).max() {
        element(&mut xml, 4, "pubDate", &rfc822(newest));
    }
    if let Some(self_link) = self_link {
        xml.push_str(&format!(
            "    <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
            escape(self_link)
        ));
    }
    for (item, entry) in feed.items.iter().zip(entries) {
        xml.push_str("    <item>\n");
        if let Some(title) = &item.title {
            element(&mut xml, 6, "title", title);
        }
        // The story's own link for feed readers: its `url`, else its `external_url`.
        if let Some(link) = item.url.as_ref().or(item.external_url.as_ref()) {
            element(&mut xml, 6, "link", link);
        }
        element(
            &mut xml,
            6,
            "description",
            item.content_html.as_deref().unwrap_or_default(),
        );
        for tag in item.tags.iter().flatten() {
            element(&mut xml, 6, "category", tag);
        }
        xml.push_str(&format!(
            "      <guid isPermaLink=\"false\">{}</guid>\n",
            escape(&item.id)
        ));
        element(&mut xml, 6, "pubDate", &rfc822(entry.date));
        xml.push_str("    </item>\n");
    }
    xml.push_str("  </channel>\n</rss>\n");
    xml
}

/// Appends `<name>text</name>` on its own line, the text escaped.
fn element(xml: &mut String, indent: usize, name: &str, text: &str) {
    xml.push_str(&format!("{:indent$}<{name}>{}</{name}>\n", "", escape(text)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsletter_core::Source;

    fn story(body: Body, summary: Option<&str>) -> Story {
        Story {
            id: "s".into(),
            title: Some("Title & more".into()),
            body,
            summary: summary.map(str::to_owned),
            topics: Vec::new(),
            date: None,
            url: None,
            external_url: None,
            image: None,
            sources: vec![
                Source {
                    title: "Press".into(),
                    url: Some("https://e.org/p".into()),
                },
                Source {
                    title: "Call".into(),
                    url: None,
                },
            ],
        }
    }

    #[test]
    fn plain_stories_have_text_and_html_with_their_sources() {
        let s = story(Body::Paragraphs(vec!["One.".into(), "Two <3".into()]), None);
        assert_eq!(
            content_text(&s).unwrap(),
            "One.\n\nTwo <3\n\nSources:\n1. Press <https://e.org/p>\n2. Call"
        );
        assert_eq!(
            content_html(&s),
            "<p>One.</p><p>Two &lt;3</p><p>Sources:</p><ol><li><a href=\"https://e.org/p\">Press</a></li><li>Call</li></ol>"
        );
    }

    #[test]
    fn a_story_without_text_falls_back_to_its_summary_then_its_headline() {
        let s = story(Body::Paragraphs(Vec::new()), Some("In short."));
        assert!(content_text(&s).unwrap().starts_with("In short.\n\nSources:"));
        let s = story(Body::Paragraphs(Vec::new()), None);
        assert!(content_html(&s).starts_with("<p>Title &amp; more</p>"));
    }

    #[test]
    fn rich_stories_have_html_only() {
        let nodes = newsletter_core::html::sanitize::sanitize("<p>Rich <em>text</em></p>").nodes;
        let s = story(Body::Rich(nodes), None);
        assert_eq!(content_text(&s), None);
        assert!(content_html(&s).starts_with("<p>Rich <em>text</em></p><p>Sources:</p>"));
    }

    #[test]
    fn writes_numbered_sources_linked_only_when_they_have_a_url() {
        let list = sources_html(&[
            Source {
                title: "Press <release>".into(),
                url: Some("https://e.org/p".into()),
            },
            Source {
                title: "Call".into(),
                url: None,
            },
        ]);
        assert_eq!(
            list,
            "<p>Sources:</p><ol><li><a href=\"https://e.org/p\">Press &lt;release&gt;</a></li><li>Call</li></ol>"
        );
        assert_eq!(sources_html(&[]), "");
    }
}
