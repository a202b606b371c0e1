//! The archive: an index feed (`issues/index.json`, written by
//! `newsletter index`) whose items are the issues, newest first.

use crate::feed::date::Date;
use crate::feed::decode::{clean_line, issue_from, Decoded};
use crate::feed::json::{self, Node, Value};
use crate::feed::notice::FeedError;
use crate::html::parse::{decode_references, HtmlParser};
use crate::order::sort_stable_by_key;
use crate::url::is_issue_reference;

/// One issue listed in an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRef {
    /// The item id, used in the address (`#issue=2025-12-04`).
    pub id: String,
    /// The issue's title.
    pub title: String,
    /// The issue's date.
    pub date: Option<Date>,
    /// The issue feed's address, relative to the index or absolute http(s).
    pub href: String,
}

/// Whether a feed is an archive index (`_newsletter.kind` is `"index"`).
fn is_index(root: &Node) -> bool {
    root.get("_newsletter")
        .and_then(|n| n.get("kind"))
        .and_then(Node::as_str)
        == Some("index")
}

/// A feed as read: an issue, or an archive index listing issues.
#[derive(Debug)]
pub enum Feed {
    Issue(Box<Decoded>),
    Index(Vec<IssueRef>),
}

/// Reads a feed that may be an issue or an index (`_newsletter.kind` is
/// `"index"`), parsing it once; `html` reads the stories' HTML.
pub fn read_feed_with(text: &str, html: &dyn HtmlParser) -> Result<Feed, FeedError> {
    let root = json::parse(text)?;
    if is_index(&root) {
        index_from(&root, html).map(Feed::Index)
    } else {
        issue_from(&root, html).map(|decoded| Feed::Issue(Box::new(decoded)))
    }
}

/// [`read_feed_with`] the native parser (html5ever).
#[cfg(not(target_arch = "wasm32"))]
pub fn read_feed(text: &str) -> Result<Feed, FeedError> {
    read_feed_with(text, &crate::html::native::Html5ever)
}

/// The issues of an index, newest first. Items without an id or a usable
/// address are left out: an index lists files, and a listed file that
/// cannot be opened helps nobody. Titles are decoded and cleaned as an
/// issue's own title is (`html` reads their character references).
fn index_from(root: &Node, html: &dyn HtmlParser) -> Result<Vec<IssueRef>, FeedError> {
    let Some(Node {
        value: Value::Array(items),
        ..
    }) = root.get("items")
    else {
        return Err(FeedError::NotAFeed {
            reason: "there is no \"items\" list".to_owned(),
            at: root.at,
        });
    };
    let mut issues: Vec<IssueRef> = items
        .iter()
        .filter_map(|item| {
            let id = item.get("id").and_then(Node::as_str)?.trim().to_owned();
            let href = item
                .get("url")
                .and_then(Node::as_str)
                .filter(|href| is_issue_reference(href))?
                .trim()
                .to_owned();
            let date = item
                .get("date_published")
                .and_then(Node::as_str)
                .and_then(Date::parse_rfc3339);
            let title = item
                .get("title")
                .and_then(Node::as_str)
                .map(|title| clean_line(&decode_references(html, title)))
                .filter(|title| !title.is_empty())
                .unwrap_or_else(|| id.clone());
            (!id.is_empty()).then_some(IssueRef { id, title, date, href })
        })
        .collect();
    // Newest first; undated issues keep their order after the dated ones.
    sort_stable_by_key(&mut issues, |issue| std::cmp::Reverse(issue.date));
    Ok(issues)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_of(text: &str) -> Vec<IssueRef> {
        match read_feed(text).unwrap() {
            Feed::Index(issues) => issues,
            Feed::Issue(_) => panic!("an index"),
        }
    }

    #[test]
    fn reads_the_published_index() {
        let issues = index_of(include_str!("../../../issues/index.json"));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].href, "2025-12-04.json");
        assert_eq!(
            crate::locale::Language::English.date(issues[0].date.unwrap()),
            "4 December 2025"
        );
        assert!(is_index(
            &json::parse(include_str!("../../../issues/index.json")).unwrap()
        ));
        assert!(!is_index(
            &json::parse(include_str!("../../../issues/2025-12-04.json")).unwrap()
        ));
    }

    #[test]
    fn an_issue_title_in_the_index_is_decoded_and_cleaned() {
        let text = r#"{"_newsletter":{"kind":"index"},"items":[
            {"id":"a","url":"a.json","title":"Rock &amp; roll:\n  issue&nbsp;1"},
            {"id":"b","url":"b.json","title":" "}
        ]}"#;
        let titles: Vec<String> = index_of(text).into_iter().map(|i| i.title).collect();
        assert_eq!(titles, ["Rock & roll: issue 1", "b"]);
    }

    #[test]
    fn sorts_newest_first_and_drops_unusable_entries() {
        let text = r#"{"_newsletter":{"kind":"index"},"items":[
            {"id":"a","url":"a.json","date_published":"2025-01-01T00:00:00Z"},
            {"id":"b","url":"https://cdn.example/b.json","date_published":"2025-03-01T00:00:00Z"},
            {"id":"c","url":"javascript:alert(1)","date_published":"2025-04-01T00:00:00Z"},
            {"id":"d","date_published":"2025-05-01T00:00:00Z"},
            {"url":"e.json"},
            {"id":"f","url":"data:text/html,x"},
            {"id":"g","url":"sub/dir/g.json?v=2"}
        ]}"#;
        let ids: Vec<String> = index_of(text).into_iter().map(|i| i.id).collect();
        assert_eq!(ids, ["b", "a", "g"]);
    }
}
