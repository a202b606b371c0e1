//! `newsletter import FILE…`: the posts of an RSS 2.0, Atom 1.0 or JSON
//! Feed (read by feed-rs) become issue feeds, one file per post, each
//! checked by the same validation as `validate` before it is written.
//!
//! One post is one issue. A digest post (at least two level-2, or else
//! level-3, headings) becomes one story per section, the text before its
//! first heading the issue's intro; any other post is one story. The HTML
//! is carried over as written, as `content_html`: the reader's allow-list
//! cleans it when it is shown. Links are only ever the feed's own, and only
//! absolute http(s) ones.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use feed_rs::model::{Entry, Feed, Link, Text};
use newsletter_core::feed::jsonfeed::{Author, Item, JsonFeed, Newsletter, TopicEntry};
use newsletter_core::feed::slug::slugify;
use newsletter_core::html::sanitize::{decode_entities, sanitize};
use newsletter_core::url::{safe_link, LinkKind};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::CliError;
use crate::files::{shown, write_file, GENERATED};
use crate::import_html::{first_image, one_line, paragraphs, split_digest, text_of};
use crate::report::{count, emit, Diagnostic, Severity, Tally};
use crate::validate::check;

/// File names are the date and at most this many characters of the title.
const SLUG_LIMIT: usize = 60;

/// The name `-` stands for standard input.
pub const STDIN: &str = "-";

/// What the command line asks of `import`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The directory the issues are written to (made when missing).
    pub output: PathBuf,
    /// The newsletter's name; the feed's title when `None`.
    pub name: Option<String>,
    /// Whether digest posts are cut into one story per section.
    pub split: bool,
    /// Whether existing files are replaced.
    pub force: bool,
}

/// One post, made an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The file name without `.json`: `2025-12-04-week-49`.
    pub stem: String,
    /// The issue.
    pub feed: JsonFeed,
    /// What is worth knowing that validation does not say, as warnings.
    pub notes: Vec<String>,
}

/// A post that is not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Which post of the feed, from 1, in the feed's order.
    pub number: usize,
    pub reason: String,
}

/// Imports each file into `options.output` and reports, then a closing
/// line. Returns the exit status: 1 when a file cannot be read, is not a
/// feed, or an issue has errors (it is then not written), else 0.
pub fn run(files: &[PathBuf], options: &Options, out: &mut dyn Write) -> u8 {
    let mut tally = Tally::default();
    let mut taken: HashSet<String> = GENERATED
        .iter()
        .map(|g| g.trim_end_matches(".json").to_owned())
        .collect();
    let (mut posts, mut written, mut stories, mut kept, mut left_out) = (0, 0, 0, 0, 0);
    let mut made_dir = false;
    for path in files {
        let file = if path.as_os_str() == STDIN {
            "standard input".to_owned()
        } else {
            shown(path)
        };
        let feed = match read_feed(path) {
            Ok(bytes) => match feed_rs::parser::parse(bytes.as_slice()) {
                Ok(feed) => feed,
                Err(error) => {
                    tally.add(Severity::Error);
                    let message = format!("not an RSS, Atom or JSON Feed document: {error}");
                    emit(out, Diagnostic::file_error(&file, message));
                    continue;
                }
            },
            Err(error) => {
                tally.add(Severity::Error);
                emit(out, format_args!("newsletter: {error}"));
                continue;
            }
        };
        posts += feed.entries.len();
        if feed.entries.is_empty() {
            warn(out, &mut tally, &file, "the feed has no posts".into());
        }
        let name = options
            .name
            .clone()
            .or_else(|| feed.title.as_ref().map(plain_text))
            .filter(|n| !n.is_empty());
        if name.is_none() && !feed.entries.is_empty() {
            warn(
                out,
                &mut tally,
                &file,
                "the feed has no title, so the issues have no _newsletter.name, which 'newsletter index' needs: pass --name NAME".into(),
            );
        }
        let (imported, skipped) = convert(&feed, name.as_deref(), options.split);
        for post in skipped {
            left_out += 1;
            warn(
                out,
                &mut tally,
                &file,
                format!("post {}: {}; not imported", post.number, post.reason),
            );
        }
        for issue in imported {
            let stem = unique(&issue.stem, &mut taken);
            let target = options.output.join(format!("{stem}.json"));
            let target_name = shown(&target);
            if target.exists() && !options.force {
                kept += 1;
                continue;
            }
            let json = serde_json::to_string_pretty(&issue.feed).expect("a feed of strings always serializes") + "\n";
            let diagnostics = check(&target_name, &json);
            let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            for diagnostic in diagnostics {
                tally.add(diagnostic.severity);
                emit(out, diagnostic);
            }
            for note in issue.notes {
                warn(out, &mut tally, &target_name, note);
            }
            if errors > 0 {
                let error = CliError::NotWritten {
                    output: Some(target),
                    errors,
                };
                emit(out, format_args!("newsletter: {error}"));
                continue;
            }
            if !made_dir {
                made_dir = true;
                if let Err(source) = fs::create_dir_all(&options.output) {
                    let error = CliError::Write {
                        path: options.output.clone(),
                        source,
                    };
                    emit(out, format_args!("newsletter: {error}"));
                    return 1;
                }
            }
            match write_file(&target, &json) {
                Ok(()) => {
                    written += 1;
                    stories += issue.feed.items.len();
                }
                Err(error) => {
                    tally.add(Severity::Error);
                    emit(out, format_args!("newsletter: {error}"));
                }
            }
        }
    }
    let from = match files {
        [one] if one.as_os_str() == STDIN => "standard input".to_owned(),
        [one] => shown(one),
        _ => count(files.len(), "feed"),
    };
    let mut done = format!(
        "imported {} from {from} into {}: {} written ({})",
        count(posts, "post"),
        shown(&options.output),
        count(written, "issue"),
        count(stories, "story")
    );
    if kept > 0 {
        done.push_str(&format!(
            ", {} already there kept (--force replaces them)",
            count(kept, "file")
        ));
    }
    if left_out > 0 {
        done.push_str(&format!(", {} left out", count(left_out, "post")));
    }
    emit(out, format_args!("{done}; {tally}"));
    u8::from(tally.errors > 0)
}

/// Reports a warning about a whole file.
fn warn(out: &mut dyn Write, tally: &mut Tally, file: &str, message: String) {
    tally.add(Severity::Warning);
    let mut diagnostic = Diagnostic::file_error(file, message);
    diagnostic.severity = Severity::Warning;
    emit(out, diagnostic);
}

/// The bytes of a feed file, or of standard input for `-`. Not read as
/// text: an XML feed says its own encoding.
fn read_feed(path: &Path) -> Result<Vec<u8>, CliError> {
    let error = |source| CliError::Read {
        path: path.to_owned(),
        source,
    };
    if path.as_os_str() == STDIN {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes).map_err(error)?;
        return Ok(bytes);
    }
    fs::read(path).map_err(error)
}

/// `stem`, or `stem-2`, `stem-3`… when it is taken; then taken.
fn unique(stem: &str, taken: &mut HashSet<String>) -> String {
    let mut name = stem.to_owned();
    let mut n = 1;
    while taken.contains(&name) {
        n += 1;
        name = format!("{stem}-{n}");
    }
    taken.insert(name.clone());
    name
}

/// The issues of `feed`'s posts, oldest first (so that `-2` names the later
/// of two posts of a day), and the posts left out. `name` is the
/// newsletter's; `split` cuts digest posts into sections.
pub fn convert(feed: &Feed, name: Option<&str>, split: bool) -> (Vec<Imported>, Vec<LeftOut>) {
    let site = first_web_link(&feed.links);
    let context = Context {
        name: name.map(str::to_owned),
        home: site,
        description: feed.description.as_ref().map(plain_text).filter(|d| !d.is_empty()),
        language: feed.language.clone().filter(|l| !l.trim().is_empty()),
        authors: authors(&feed.authors),
        split,
    };
    let mut order: Vec<usize> = (0..feed.entries.len()).collect();
    // Undated posts last; a stable sort keeps the feed's order otherwise.
    order.sort_by_key(|&i| {
        let date = post_date(&feed.entries[i]);
        (date.is_none(), date)
    });
    let mut imported = Vec::new();
    let mut left_out = Vec::new();
    for i in order {
        match post(&feed.entries[i], &context) {
            Ok(issue) => imported.push(issue),
            Err(reason) => left_out.push(LeftOut { number: i + 1, reason }),
        }
    }
    left_out.sort_by_key(|l| l.number);
    (imported, left_out)
}

/// What every issue of a feed shares.
struct Context {
    name: Option<String>,
    home: Option<String>,
    description: Option<String>,
    language: Option<String>,
    authors: Vec<Author>,
    split: bool,
}

/// A post's text, as its feed gives it.
enum Body {
    Html(String),
    Text(String),
    Nothing,
}

/// One post as an issue, or why it cannot be one.
fn post(entry: &Entry, context: &Context) -> Result<Imported, String> {
    let mut notes = Vec::new();
    let title = entry.title.as_ref().map(plain_text).filter(|t| !t.is_empty());
    let date = post_date(entry);
    let published = date.and_then(|d| d.format(&Rfc3339).ok());
    let issue_date = date.map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()));
    let (body, excerpt) = body_and_excerpt(entry);
    let url = post_link(entry, &mut notes);
    let (topics, tags) = topics(entry);
    let tags = Some(tags).filter(|t| !t.is_empty());

    let digest = match &body {
        Body::Html(html) if context.split => split_digest(html),
        _ => None,
    };
    let mut intro = excerpt;
    let mut intro_html = None;
    let items = if let Some(digest) = digest {
        let intro_text = paragraphs(&digest.intro);
        if !intro_text.is_empty() {
            // The HTML before the first heading is the intro, links and
            // pictures kept (`summary_html`); `summary` is its plain version.
            if digest.intro.contains('<') {
                intro_html = Some(digest.intro.clone());
            }
            intro = intro_text;
        }
        let mut ids = HashSet::new();
        digest
            .sections
            .into_iter()
            .enumerate()
            .map(|(n, section)| {
                let base = Some(slugify(&section.title))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| format!("section-{}", n + 1));
                let url = match (&url, &section.anchor) {
                    (Some(url), Some(anchor)) if !url.contains('#') && is_fragment(anchor) => {
                        Some(format!("{url}#{anchor}"))
                    }
                    _ => url.clone(),
                };
                Item {
                    id: unique(&base, &mut ids),
                    title: Some(section.title),
                    content_html: Some(section.html).filter(|h| !h.is_empty()),
                    tags: tags.clone(),
                    date_published: published.clone(),
                    url,
                    external_url: section.link.and_then(|link| safe_link(&link, LinkKind::Web)),
                    ..Item::default()
                }
            })
            .collect()
    } else {
        let mut image = media_image(entry);
        let mut shows_text = true;
        let (content_html, content_text) = match body {
            Body::Html(html) => {
                shows_text = !sanitize(&html).nodes.is_empty();
                if !shows_text && title.is_none() && image.is_none() {
                    // A photo post: its picture is all there is to show.
                    image = first_image(&html).and_then(|src| safe_link(&src, LinkKind::Web));
                }
                (Some(html), None)
            }
            Body::Text(text) => (None, Some(text)),
            Body::Nothing => (None, None),
        };
        let has_text = (content_html.is_some() && shows_text) || content_text.is_some();
        let nothing = title.is_none() && !has_text && image.is_none();
        if nothing && intro.is_empty() {
            return Err("it has no title, no text and no image".into());
        }
        vec![Item {
            id: title
                .as_deref()
                .map(slugify)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "post".into()),
            title: title.clone(),
            content_html,
            content_text,
            // An untitled, textless post with an excerpt: the excerpt is the story.
            summary: nothing.then(|| intro.join("\n\n")),
            tags,
            date_published: published,
            url,
            image,
            ..Item::default()
        }]
    };
    if issue_date.is_none() {
        notes.push(
            "the post has no date, so the issue has no _newsletter.issue_date, which 'newsletter index' needs: add one"
                .into(),
        );
    }
    let slug = title.as_deref().map(short_slug).unwrap_or_default();
    let stem = match (&issue_date, slug.is_empty()) {
        (Some(date), false) => format!("{date}-{slug}"),
        (Some(date), true) => date.clone(),
        (None, false) => slug,
        (None, true) => "post".into(),
    };
    let post_authors = authors(&entry.authors);
    let feed = JsonFeed {
        title,
        home_page_url: context.home.clone(),
        description: context.description.clone(),
        language: entry
            .language
            .clone()
            .filter(|l| !l.trim().is_empty())
            .or_else(|| context.language.clone()),
        authors: if post_authors.is_empty() {
            context.authors.clone()
        } else {
            post_authors
        },
        newsletter: Some(Newsletter {
            name: context.name.clone(),
            issue_date,
            summary: Some(intro.join("\n\n")).filter(|s| !s.is_empty()),
            summary_html: intro_html,
            topics,
            ..Newsletter::default()
        }),
        items,
        ..JsonFeed::default()
    };
    Ok(Imported { stem, feed, notes })
}

/// The post's text (its content, else its summary), and its summary as
/// paragraphs when it is an excerpt besides the content.
fn body_and_excerpt(entry: &Entry) -> (Body, Vec<String>) {
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref().map(str::trim).filter(|b| !b.is_empty())?;
        Some(if c.content_type.to_string().starts_with("text/plain") {
            Body::Text(body.to_owned())
        } else {
            Body::Html(body.to_owned())
        })
    });
    let summary = entry.summary.as_ref().filter(|s| !s.content.trim().is_empty());
    match (content, summary) {
        (Some(content), Some(summary)) => {
            let excerpt = text_paragraphs(summary);
            let content_text = match &content {
                Body::Html(html) => text_of(html),
                Body::Text(text) => one_line(text),
                Body::Nothing => String::new(),
            };
            let same = one_line(&excerpt.join(" ")) == content_text;
            (content, if same { Vec::new() } else { excerpt })
        }
        (Some(content), None) => (content, Vec::new()),
        (None, Some(summary)) => {
            let text = summary.content.trim().to_owned();
            (
                if is_html(summary) {
                    Body::Html(text)
                } else {
                    Body::Text(text)
                },
                Vec::new(),
            )
        }
        (None, None) => (Body::Nothing, Vec::new()),
    }
}

fn is_html(text: &Text) -> bool {
    text.content_type.to_string().contains("html")
}

/// A text construct as plain text on one line: markup removed when it is
/// HTML, character references decoded in any case (feeds often encode
/// them twice: `It&amp;#8217;s`).
pub fn plain_text(text: &Text) -> String {
    if is_html(text) {
        text_of(&text.content)
    } else {
        one_line(&decode_entities(&text.content))
    }
}

/// A text construct as plain-text paragraphs.
fn text_paragraphs(text: &Text) -> Vec<String> {
    if is_html(text) {
        paragraphs(&text.content)
    } else {
        text.content
            .split("\n\n")
            .map(|p| one_line(&decode_entities(p)))
            .filter(|p| !p.is_empty())
            .collect()
    }
}

/// When the post was published (else last updated), in UTC.
fn post_date(entry: &Entry) -> Option<OffsetDateTime> {
    let date = entry.published.or(entry.updated)?;
    let date = OffsetDateTime::from_unix_timestamp(date.timestamp()).ok()?;
    // Only years a JSON Feed date can spell.
    (0..=9999).contains(&date.year()).then_some(date)
}

/// The first link to a web page (not a feed, an enclosure or comments),
/// when it is an absolute http(s) URL.
fn first_web_link(links: &[Link]) -> Option<String> {
    page_links(links).next().and_then(|href| safe_link(href, LinkKind::Web))
}

fn page_links(links: &[Link]) -> impl Iterator<Item = &str> {
    links
        .iter()
        .filter(|l| l.target.is_none())
        .filter(|l| l.rel.as_deref().is_none_or(|rel| rel.eq_ignore_ascii_case("alternate")))
        .filter(|l| {
            l.media_type
                .as_deref()
                .is_none_or(|t| t.starts_with("text/html") || t.starts_with("application/xhtml"))
        })
        .map(|l| l.href.trim())
        .filter(|href| !href.is_empty())
}

/// The post's own page, with a note when it is not a usable link.
fn post_link(entry: &Entry, notes: &mut Vec<String>) -> Option<String> {
    let href = page_links(&entry.links).next()?;
    let url = safe_link(href, LinkKind::Web);
    if url.is_none() {
        notes.push(format!(
            "the post's link \"{href}\" is left out: only absolute http and https links are kept"
        ));
    }
    url
}

/// Whether an `id` can follow `#` in a link as it is.
fn is_fragment(id: &str) -> bool {
    id.chars()
        .all(|c| c.is_alphanumeric() || "-._~!$&'()*+,;=:@/?%".contains(c))
}

/// A picture the feed gives for the post: a thumbnail, or an image
/// enclosure (media:content, enclosure).
fn media_image(entry: &Entry) -> Option<String> {
    entry.media.iter().find_map(|media| {
        let thumbnails = media.thumbnails.iter().map(|t| t.image.uri.as_str());
        let images = media
            .content
            .iter()
            .filter(|c| {
                c.content_type
                    .as_ref()
                    .is_some_and(|t| t.to_string().starts_with("image/"))
            })
            .filter_map(|c| c.url.as_ref().map(|u| u.as_str()));
        thumbnails.chain(images).find_map(|src| safe_link(src, LinkKind::Web))
    })
}

/// The post's categories as the issue's topics, and their labels as the
/// stories' tags. WordPress's "Uncategorized" is not a topic.
fn topics(entry: &Entry) -> (Vec<TopicEntry>, Vec<String>) {
    let mut topics: Vec<TopicEntry> = Vec::new();
    let mut tags = Vec::new();
    for category in &entry.categories {
        let label = one_line(&decode_entities(category.label.as_deref().unwrap_or(&category.term)));
        if label.is_empty() || label.eq_ignore_ascii_case("uncategorized") {
            continue;
        }
        // A label without letters or digits is its own id, as in the core.
        let id = Some(slugify(&label))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| label.clone());
        if topics.iter().any(|t| t.id.as_deref() == Some(id.as_str())) {
            continue;
        }
        topics.push(TopicEntry {
            id: Some(id),
            label: Some(label.clone()),
        });
        tags.push(label);
    }
    (topics, tags)
}

/// People as JSON Feed authors: a name, a web page, or both (email
/// addresses are not carried over).
fn authors(people: &[feed_rs::model::Person]) -> Vec<Author> {
    let mut authors: Vec<Author> = Vec::new();
    for person in people {
        let author = Author {
            name: person
                .name
                .as_deref()
                .map(|n| one_line(&decode_entities(n)))
                .filter(|n| !n.is_empty()),
            url: person.uri.as_deref().and_then(|u| safe_link(u, LinkKind::Web)),
        };
        if (author.name.is_some() || author.url.is_some()) && !authors.contains(&author) {
            authors.push(author);
        }
    }
    authors
}

/// At most [`SLUG_LIMIT`] characters of the title's slug, cut at a word.
fn short_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.chars().count() <= SLUG_LIMIT {
        return slug;
    }
    let cut: String = slug.chars().take(SLUG_LIMIT).collect();
    match cut.rfind('-') {
        Some(at) if at > 0 => cut[..at].to_owned(),
        _ => cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Feed {
        feed_rs::parser::parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn a_post_is_one_issue_with_its_title_date_link_author_and_topics() {
        let feed = parse(
            r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Example &amp; Co</title><link>https://example.org/</link><description>Weekly notes</description>
<language>en</language>
<item><title>It&amp;#8217;s here</title><link>https://example.org/p/1</link>
<dc:creator>Ada</dc:creator><category>Gene therapy</category><category>Uncategorized</category>
<pubDate>Thu, 04 Dec 2025 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</description></item>
</channel></rss>"#,
        );
        let (issues, left_out) = convert(&feed, Some("Example & Co"), true);
        assert!(left_out.is_empty());
        let issue = &issues[0];
        assert_eq!(issue.stem, "2025-12-04-it-s-here");
        assert_eq!(
            serde_json::to_value(&issue.feed).unwrap(),
            serde_json::json!({
                "version": "https://jsonfeed.org/version/1.1",
                "title": "It’s here",
                "home_page_url": "https://example.org/",
                "description": "Weekly notes",
                "language": "en",
                "authors": [{"name": "Ada"}],
                "_newsletter": {
                    "name": "Example & Co",
                    "issue_date": "2025-12-04",
                    "topics": [{"id": "gene-therapy", "label": "Gene therapy"}]
                },
                "items": [{
                    "id": "it-s-here",
                    "title": "It’s here",
                    "content_html": "<p>Hello <b>world</b></p>",
                    "tags": ["Gene therapy"],
                    "date_published": "2025-12-04T09:00:00Z",
                    "url": "https://example.org/p/1"
                }]
            })
        );
    }

    #[test]
    fn untitled_posts_are_named_by_date_and_numbered() {
        let feed = parse(
            r#"<rss version="2.0"><channel><title>T</title>
<item><description>Later</description><pubDate>Thu, 04 Dec 2025 10:00:00 GMT</pubDate></item>
<item><description>Earlier</description><pubDate>Thu, 04 Dec 2025 09:00:00 GMT</pubDate></item>
<item><link>https://example.org/empty</link></item>
</channel></rss>"#,
        );
        let (issues, left_out) = convert(&feed, None, true);
        let stems: Vec<&str> = issues.iter().map(|i| i.stem.as_str()).collect();
        assert_eq!(stems, ["2025-12-04", "2025-12-04"]);
        assert_eq!(issues[0].feed.items[0].content_html.as_deref(), Some("Earlier"));
        let mut taken = HashSet::new();
        assert_eq!(unique("2025-12-04", &mut taken), "2025-12-04");
        assert_eq!(unique("2025-12-04", &mut taken), "2025-12-04-2");
        assert_eq!(
            left_out,
            [LeftOut {
                number: 3,
                reason: "it has no title, no text and no image".into()
            }]
        );
    }

    #[test]
    fn slugs_are_cut_at_a_word() {
        let long = "word ".repeat(20);
        let slug = short_slug(&long);
        assert!(slug.len() <= SLUG_LIMIT && slug.ends_with("word"), "{slug}");
    }
}
