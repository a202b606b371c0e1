//! Decoding tests over the corpus in `tests/feeds/`, which the browser
//! tests load too, and over the sample issue.

use super::*;
use crate::html::sanitize::RichNode;
use crate::locale::Language;
use crate::render::markup;

fn feed(name: &str) -> &'static str {
    match name {
        "not-json" => include_str!("../../../../tests/feeds/not-json.json"),
        "not-a-feed" => include_str!("../../../../tests/feeds/not-a-feed.json"),
        "wrong-types" => include_str!("../../../../tests/feeds/wrong-types.json"),
        "ids" => include_str!("../../../../tests/feeds/ids.json"),
        "hostile" => include_str!("../../../../tests/feeds/hostile.json"),
        "plain" => include_str!("../../../../tests/feeds/plain.json"),
        "sample" => include_str!("../../../../issues/2025-12-04.json"),
        other => panic!("no feed {other}"),
    }
}

fn notices(decoded: &Decoded) -> Vec<String> {
    decoded.notices.iter().map(ToString::to_string).collect()
}

fn topic_ids(story: &crate::Story) -> Vec<&str> {
    story.topics.iter().map(|t| t.id.as_str()).collect()
}

fn ids(decoded: &Decoded) -> Vec<&str> {
    decoded.issue.stories.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn the_sample_issue_reads_without_problems_other_than_lost_links() {
    let decoded = read_issue(feed("sample")).unwrap();
    let issue = &decoded.issue;
    assert_eq!(issue.stories.len(), 20);
    assert_eq!(issue.newsletter_name.as_deref(), Some("Newsletter"));
    assert_eq!(
        crate::locale::Language::English.date(issue.date.unwrap()),
        "4 December 2025"
    );
    assert_eq!(issue.subscribe.title.as_deref(), Some("Join the Community"));
    assert_eq!(
        issue.subscribe.text.as_deref(),
        Some("Subscribe to our newsletter for the latest news and updates")
    );
    // The sample sets texts but no provider, so it shows no subscribe box.
    assert!(!issue.subscribe.shows_form());
    assert!(issue.summary[0].starts_with("Week 1 of December 2025"));
    assert!(issue.closing[0].starts_with("This week's life sciences developments"));
    assert!(issue
        .topics
        .iter()
        .any(|t| t.id == "gene-therapy" && t.label == "Gene therapy"));
    for story in &issue.stories {
        assert!(story.title.is_some(), "{} has no headline", story.id);
        assert!(!story.topics.is_empty(), "{} has no topic", story.id);
        assert!(!story.sources.is_empty(), "{} has no sources", story.id);
        assert!(
            story.sources.iter().all(|s| s.url.is_none()),
            "the sample's links were lost; none may appear"
        );
    }
    // The only notices are the lost links, for publishers.
    assert!(
        decoded
            .notices
            .iter()
            .all(|n| matches!(n.problem, Problem::SourceWithoutUrl(_))),
        "{:?}",
        notices(&decoded)
    );
    assert_eq!(decoded.skipped().count(), 0);
}

#[test]
fn text_that_is_not_json_names_line_and_column() {
    let error = read_issue(feed("not-json")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "The feed is not valid JSON: expected ',' or '}' after a member, found '\"' at line 4, column 3."
    );
}

#[test]
fn json_that_is_not_a_feed_says_what_is_missing() {
    assert_eq!(
        read_issue(feed("not-a-feed")).unwrap_err().to_string(),
        "This is JSON but not a JSON Feed: there is no \"items\" list (line 1, column 1)."
    );
    assert_eq!(read_issue("[1, 2]").unwrap_err().to_string(), "This is JSON but not a JSON Feed: the document is a list, not an object with \"version\" and \"items\" (line 1, column 1).");
    assert_eq!(
        read_issue("{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"items\": {}}")
            .unwrap_err()
            .to_string(),
        "This is JSON but not a JSON Feed: \"items\" is an object, not a list (line 2, column 11)."
    );
}

#[test]
fn a_field_of_the_wrong_type_is_repaired_or_dropped_and_its_story_shows() {
    let decoded = read_issue(feed("wrong-types")).unwrap();
    assert_eq!(ids(&decoded), ["good-1", "bad-tags", "good-2", "bad-title"]);
    assert_eq!(
        notices(&decoded),
        [
            "items[1].tags (line 6, column 63): a string where a list of tags belongs; split at its commas",
            "items[3].title (line 8, column 35): expected a string, found a number",
        ]
    );
    assert_eq!(topic_ids(&decoded.issue.stories[1]), ["oncology"]);
    assert_eq!(decoded.issue.stories[3].title, None);
}

#[test]
fn real_generators_bent_rules_read_as_meant() {
    // Grav's comma-separated tags, a string author, nulls, JSON Feed 1.0,
    // and character references in plain text (WordPress, Publii).
    let decoded = read_issue(
        r#"{"version":"http://jsonfeed.org/version/1","author":"Ada","title":"T","items":[
            {"id":"1","title":"Don&#8217;t &amp; won&#x27;t","summary":"More&hellip;","tags":"workflow, omnifocus,,","external_url":null,"content_html":null},
            {"id":"2","summary":null,"content_text":"&lt;b&gt;not markup&lt;/b&gt;","tags":["a",3,"b"]},
            {"id":"3","image":"https://example.org/photo.jpg"},
            {"id":"4"}
        ]}"#,
    )
    .unwrap();
    let issue = &decoded.issue;
    assert_eq!(ids(&decoded), ["1", "2", "3"]);
    assert_eq!(issue.authors, ["Ada"]);
    let first = &issue.stories[0];
    assert_eq!(first.title.as_deref(), Some("Don\u{2019}t & won't"));
    assert_eq!(first.summary.as_deref(), Some("More\u{2026}"));
    assert_eq!(topic_ids(first), ["workflow", "omnifocus"]);
    assert_eq!(
        issue.stories[1].body,
        Body::Paragraphs(vec!["<b>not markup</b>".to_owned()])
    );
    assert_eq!(topic_ids(&issue.stories[1]), ["a", "b"]);
    // A photo alone is something to show; nothing at all is not.
    assert_eq!(issue.stories[2].image.as_deref(), Some("https://example.org/photo.jpg"));
    let notices = notices(&decoded);
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("items[0].tags (line 2, column 94): a string where a list of tags belongs")),
        "{notices:?}"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("items[1].tags") && n.contains("only the strings are kept")),
        "{notices:?}"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("items[3] (") && n.ends_with("story skipped")),
        "{notices:?}"
    );
}

#[test]
fn missing_and_duplicate_ids_skip_the_story() {
    let decoded = read_issue(feed("ids")).unwrap();
    assert_eq!(ids(&decoded), ["a", "b"]);
    assert_eq!(
        notices(&decoded),
        [
            "items[1].id (line 6, column 5): missing; every story needs a unique id; story skipped",
            "items[2].id (line 7, column 13): duplicate id \"a\" (first used by items[0]); story skipped",
        ]
    );
}

#[test]
fn hostile_feeds_are_neutralised() {
    let decoded = read_issue(feed("hostile")).unwrap();
    let issue = &decoded.issue;
    assert_eq!(issue.home_page_url, None);
    let story = &issue.stories[0];
    assert_eq!(
        (story.url.as_ref(), story.external_url.as_ref(), story.image.as_ref()),
        (None, None, None)
    );
    assert_eq!(story.sources[0].url, None);
    assert_eq!(story.sources[1].url.as_deref(), Some("https://example.org/source"));
    // The only links left in the rich text are safe ones.
    fn hrefs(nodes: &[RichNode], out: &mut Vec<String>) {
        for node in nodes {
            if let RichNode::Element { href, children, .. } = node {
                out.extend(href.clone());
                hrefs(children, out);
            }
        }
    }
    let Body::Rich(nodes) = &story.body else {
        panic!("expected rich text")
    };
    let mut links = Vec::new();
    hrefs(nodes, &mut links);
    assert_eq!(links, ["https://example.org/ok"]);
    let all = notices(&decoded).join("\n");
    for expected in [
        "home_page_url (line 4, column 20): unsafe or relative link \"javascript:window.__pwned=1\" removed",
        "items[0].content_html (line 13, column 23): removed <script> elements",
        "items[0].content_html (line 13, column 23): removed event handler attributes",
        "items[0].url (line 14, column 14): unsafe or relative link",
        "items[0]._newsletter.sources[0].url (line 20, column 44): unsafe or relative link",
    ] {
        assert!(all.contains(expected), "missing notice {expected:?} in\n{all}");
    }
    // Markup in plain-text fields stays text: it is never parsed.
    assert_eq!(issue.topics[0].label, "<script>window.__pwned=1</script>");
    assert_eq!(
        issue.stories[1].title.as_deref(),
        Some("\"><script>window.__pwned=1</script>")
    );
}

#[test]
fn a_plain_json_feed_renders_well() {
    let decoded = read_issue(feed("plain")).unwrap();
    let issue = &decoded.issue;
    assert_eq!(issue.newsletter_name, None);
    assert_eq!(issue.title.as_deref(), Some("A plain blog"));
    assert_eq!(
        issue.tagline.as_deref(),
        Some("Posts from a plain JSON Feed with no newsletter fields")
    );
    assert_eq!(issue.authors, ["Ada"]);
    assert_eq!(ids(&decoded), ["1", "2", "3"]);
    assert_eq!(
        issue.stories[0].summary.as_deref(),
        Some("A real-world feed that bends the spec.")
    );
    assert_eq!(
        crate::locale::Language::English.date(issue.stories[0].date.unwrap()),
        "5 March 2024"
    );
    // No issue_date: the newest story's date stands in.
    assert_eq!(
        crate::locale::Language::English.date(issue.date.unwrap()),
        "5 March 2024"
    );
    let topics: Vec<(&str, &str)> = issue.topics.iter().map(|t| (t.id.as_str(), t.label.as_str())).collect();
    assert_eq!(topics, [("notes", "Notes"), ("research", "Research"), ("研究", "研究")]);
    assert_eq!(topic_ids(&issue.stories[1]), ["notes", "research"]);
    assert_eq!(
        issue.stories[2].body,
        Body::Paragraphs(vec!["Текст на русском.".into(), "النص العربي".into()])
    );
    assert_eq!(decoded.skipped().count(), 0);
}

#[test]
fn declared_topics_fix_order_and_labels() {
    let text = r#"{"version":"https://jsonfeed.org/version/1.1","items":[
        {"id":"1","title":"t","tags":["oncology","Gene Therapy","Nope"]}],
        "_newsletter":{"topics":[{"id":"gene-therapy","label":"Gene therapy"},{"id":"oncology","label":"Oncology"},{"label":"Oncology"}]}}"#;
    let decoded = read_issue(text).unwrap();
    assert_eq!(decoded.issue.topics.len(), 2);
    assert_eq!(topic_ids(&decoded.issue.stories[0]), ["oncology", "gene-therapy"]);
    assert_eq!(
        notices(&decoded),
        [
            "_newsletter.topics[2].id (line 3, column 116): topic id \"oncology\" is empty or declared twice",
            "items[0].tags (line 2, column 38): tag \"Nope\" is not one of _newsletter.topics and is not shown",
        ]
    );
}

#[test]
fn an_empty_story_is_skipped_and_bad_dates_are_dropped() {
    let text = r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"x"},{"id":"y","title":"T","date_published":"yesterday"}],"_newsletter":{"issue_date":"4/12/2025"}}"#;
    let decoded = read_issue(text).unwrap();
    assert_eq!(ids(&decoded), ["y"]);
    assert_eq!(decoded.issue.stories[0].date, None);
    assert_eq!(
        notices(&decoded),
        [
            "items[0] (line 1, column 56): the story has no title, content_text, content_html, summary or image; story skipped",
            "items[1].date_published (line 1, column 106): \"yesterday\" is not a date in the form RFC 3339 (2025-12-04T09:00:00Z)",
            "_newsletter.issue_date (line 1, column 148): \"4/12/2025\" is not a date in the form YYYY-MM-DD",
        ]
    );
}

#[test]
fn a_missing_version_is_only_a_warning() {
    let decoded = read_issue(r#"{"items":[{"id":"1","title":"t"}]}"#).unwrap();
    assert_eq!(decoded.issue.stories.len(), 1);
    assert_eq!(
        notices(&decoded),
        ["version (line 1, column 1): expected \"https://jsonfeed.org/version/1.1\", found nothing"]
    );
}

#[test]
fn subscribe_settings_are_read_with_the_issue() {
    use crate::subscribe::Provider;
    let text = r#"{"version":"https://jsonfeed.org/version/1.1","items":[],"_newsletter":{"subscribe":{"provider":"kit","form_id":"1234567","title":"Join"}}}"#;
    let decoded = read_issue(text).unwrap();
    assert_eq!(notices(&decoded), Vec::<String>::new());
    assert_eq!(decoded.issue.subscribe.title.as_deref(), Some("Join"));
    assert_eq!(
        decoded.issue.subscribe.provider,
        Some(Provider::Kit {
            action: "https://app.kit.com/forms/1234567/subscriptions".to_owned()
        })
    );

    let text = r#"{"version":"https://jsonfeed.org/version/1.1","items":[],"_newsletter":{"subscribe":"Join us"}}"#;
    let decoded = read_issue(text).unwrap();
    assert!(!decoded.issue.subscribe.shows_form());
    assert_eq!(
        notices(&decoded),
        ["_newsletter.subscribe (line 1, column 85): expected an object, found a string"]
    );
}

/// Broken copies of the sample (cut short anywhere, or with a character
/// swapped for quotes, brackets or multi-byte text) never panic: each gives
/// either an issue or an error message with a position inside the text.
#[test]
fn damaged_feeds_never_panic() {
    let sample = feed("sample");
    let boundaries: Vec<usize> = sample.char_indices().map(|(i, _)| i).step_by(37).collect();
    for &cut in &boundaries {
        let _ = read_issue(&sample[..cut]);
    }
    for (n, &at) in boundaries.iter().enumerate() {
        let replacement = ["\"", "}", "[", "é", "\u{1F600}", "\\", "<script>", "\n", "-"][n % 9];
        let next = sample[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        let damaged = format!("{}{replacement}{}", &sample[..at], &sample[next..]);
        // What reads is also written out: cards, collapsed stories and marks included.
        if let Ok(decoded) = read_issue(&damaged) {
            let terms = ["é".to_owned(), "the".to_owned()];
            for (index, story) in decoded.issue.stories.iter().enumerate() {
                let view = markup::CardView {
                    terms: &terms,
                    expanded: false,
                };
                let _ = markup::story_card(story, index, view, Language::English.words());
            }
            let _ = markup::prerendered_issue(&decoded.issue, Language::French, "x.json", false);
        }
        if let Err(FeedError::Syntax(error)) = read_issue(&damaged) {
            let lines = damaged.lines().count().max(1) as u32;
            assert!(
                error.at.line >= 1 && error.at.line <= lines + 1,
                "{error} for a change at byte {at}"
            );
        }
    }
}

#[test]
fn a_bad_source_link_drops_only_the_link() {
    let decoded = read_issue(
        r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"Kept","content_text":"Body.","_newsletter":{"sources":[
            {"url":"/x"},
            {"url":"//host.example/x"},
            {"url":"javascript:alert(1)"},
            {"title":"Labelled","url":"javascript:alert(1)"},
            {"url":"https://example.org/ok"}
        ]}}]}"#,
    )
    .unwrap();
    assert_eq!(ids(&decoded), ["1"]);
    let sources: Vec<(&str, Option<&str>)> = decoded.issue.stories[0]
        .sources
        .iter()
        .map(|s| (s.title.as_str(), s.url.as_deref()))
        .collect();
    assert_eq!(
        sources,
        [
            ("/x", None),
            ("host.example", None),
            ("javascript:alert(1)", None),
            ("Labelled", None),
            ("https://example.org/ok", Some("https://example.org/ok")),
        ]
    );
    // Each dropped link is reported where it is; no story is skipped.
    let notices = notices(&decoded);
    assert_eq!(notices.len(), 4, "{notices:?}");
    assert!(notices[1].starts_with("items[0]._newsletter.sources[1].url (line 3, column 20): unsafe or relative link"));
    assert!(decoded
        .notices
        .iter()
        .all(|n| n.consequence != Consequence::StorySkipped));
}

#[test]
fn ten_thousand_topics_read_in_linear_time() {
    // 10,000 declared topics and stories tagged by id, label and slug: the
    // lookups must not compare every tag with every topic.
    let topics: Vec<String> = (0..10_000)
        .map(|i| format!(r#"{{"id":"topic-{i}","label":"Topic {i}"}}"#))
        .collect();
    let items: Vec<String> = (0..10_000)
        .map(|i| {
            format!(
                r#"{{"id":"{i}","title":"Story {i}","content_text":"x","tags":["topic-{i}","TOPIC {}"]}}"#,
                (i + 1) % 10_000
            )
        })
        .collect();
    let feed = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","_newsletter":{{"topics":[{}]}},"items":[{}]}}"#,
        topics.join(","),
        items.join(",")
    );
    let decoded = read_issue(&feed).unwrap();
    assert_eq!(decoded.issue.topics.len(), 10_000);
    assert_eq!(topic_ids(&decoded.issue.stories[9_999]), ["topic-9999", "topic-0"]);
    let derived = read_issue(&feed.replace(r#""_newsletter":{"topics""#, r#""_ignored":{"topics""#)).unwrap();
    assert_eq!(derived.issue.topics.len(), 10_000);
    assert_eq!(derived.issue.topics[0].label, "topic-0");
}

#[test]
fn feed_level_text_is_decoded_and_cleaned_like_story_fields() {
    // As Eleventy and Hugo write them: references in the feed's own fields.
    let decoded = read_issue(
        r#"{"version":"https://jsonfeed.org/version/1.1",
            "title":"Yaki Kimhi&#39;s   Site",
            "description":"ikmnjrd&#39;s blog with 11ty.\n",
            "authors":[{"name":"Ada &amp; Grace"}],
            "_newsletter":{"name":"The &quot;Weekly&quot;"},
            "items":[{"id":"1","title":"A story","content_text":"Text."}]}"#,
    )
    .unwrap();
    let issue = &decoded.issue;
    assert_eq!(issue.title.as_deref(), Some("Yaki Kimhi's Site"));
    assert_eq!(issue.tagline.as_deref(), Some("ikmnjrd's blog with 11ty."));
    assert_eq!(issue.authors, ["Ada & Grace"]);
    assert_eq!(issue.newsletter_name.as_deref(), Some("The \"Weekly\""));
    // Decoded as text: what looks like markup stays words, escaped when written.
    let written = markup::prerendered_issue(issue, Language::English, "/feed.json", false);
    assert!(
        written.contains("Yaki Kimhi&#39;s Site") || written.contains("Yaki Kimhi's Site"),
        "{written}"
    );
    assert!(!written.contains("&amp;#39;"), "{written}");
}

#[test]
fn a_feed_level_line_of_only_white_space_or_references_to_nothing_is_absent() {
    let decoded = read_issue(
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"  \n ","description":"",
            "items":[{"id":"1","title":"A story","content_text":"Text."}]}"#,
    )
    .unwrap();
    assert_eq!(decoded.issue.title, None);
    assert_eq!(decoded.issue.tagline, None);
}
