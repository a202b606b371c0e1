//! Turns a feed's `content_html` into a tree of allowed elements.
//!
//! A standard HTML parser ([`HtmlParser`]) builds the tree, exactly as a
//! browser would; this module walks it, keeps an allow-list of elements
//! (paragraphs, emphasis, lists, quotes, code, line breaks, sub-headings,
//! links) with no attributes but a checked `href`, unwraps unknown elements
//! to their text, and drops scripts, styles, frames, forms and embedded
//! documents with their content. [`crate::render::markup`] then writes the
//! [`RichText`] tree out with every text escaped, so the only elements and
//! attributes that can exist are the ones named here.

use crate::html::parse::{HtmlParser, TreeVisitor};
use crate::url::{resolve, safe_link, LinkKind, WebUrl};

/// The elements a story's text may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Paragraph,
    Emphasis,
    Strong,
    UnorderedList,
    OrderedList,
    ListItem,
    Quote,
    Code,
    Preformatted,
    LineBreak,
    /// `h1` to `h3` in a feed: sub-headings inside a story (rendered `h4`, under the story's `h3`).
    SubHeading,
    /// `h4` to `h6` in a feed (rendered `h5`).
    MinorHeading,
    Link,
    /// An embedded frame's address, shown as a link (`a class="nw-embed"`):
    /// never a frame.
    EmbedLink,
    Figure,
    FigureCaption,
    Rule,
    Superscript,
    Subscript,
    Strike,
    Mark,
    Table,
    TableCaption,
    TableHead,
    TableBody,
    TableFoot,
    TableRow,
    TableHeader,
    TableCell,
}

impl Tag {
    /// The HTML element name the browser layer creates.
    pub fn element_name(self) -> &'static str {
        match self {
            Tag::Paragraph => "p",
            Tag::Emphasis => "em",
            Tag::Strong => "strong",
            Tag::UnorderedList => "ul",
            Tag::OrderedList => "ol",
            Tag::ListItem => "li",
            Tag::Quote => "blockquote",
            Tag::Code => "code",
            Tag::Preformatted => "pre",
            Tag::LineBreak => "br",
            Tag::SubHeading => "h4",
            Tag::MinorHeading => "h5",
            Tag::Link | Tag::EmbedLink => "a",
            Tag::Figure => "figure",
            Tag::FigureCaption => "figcaption",
            Tag::Rule => "hr",
            Tag::Superscript => "sup",
            Tag::Subscript => "sub",
            Tag::Strike => "s",
            Tag::Mark => "mark",
            Tag::Table => "table",
            Tag::TableCaption => "caption",
            Tag::TableHead => "thead",
            Tag::TableBody => "tbody",
            Tag::TableFoot => "tfoot",
            Tag::TableRow => "tr",
            Tag::TableHeader => "th",
            Tag::TableCell => "td",
        }
    }

    /// Elements that never have content.
    pub fn is_void(self) -> bool {
        matches!(self, Tag::LineBreak | Tag::Rule)
    }

    fn from_name(name: &str) -> Option<Tag> {
        Some(match name {
            "p" => Tag::Paragraph,
            "em" | "i" | "cite" | "dfn" => Tag::Emphasis,
            "strong" | "b" => Tag::Strong,
            "ul" => Tag::UnorderedList,
            "ol" => Tag::OrderedList,
            "li" => Tag::ListItem,
            "blockquote" | "q" => Tag::Quote,
            "code" | "kbd" | "samp" => Tag::Code,
            "pre" => Tag::Preformatted,
            "br" => Tag::LineBreak,
            "h1" | "h2" | "h3" => Tag::SubHeading,
            "h4" | "h5" | "h6" => Tag::MinorHeading,
            "a" => Tag::Link,
            "figure" => Tag::Figure,
            "figcaption" => Tag::FigureCaption,
            "hr" => Tag::Rule,
            "sup" => Tag::Superscript,
            "sub" => Tag::Subscript,
            "s" | "del" | "strike" => Tag::Strike,
            "mark" => Tag::Mark,
            "table" => Tag::Table,
            "caption" => Tag::TableCaption,
            "thead" => Tag::TableHead,
            "tbody" => Tag::TableBody,
            "tfoot" => Tag::TableFoot,
            "tr" => Tag::TableRow,
            "th" => Tag::TableHeader,
            "td" => Tag::TableCell,
            _ => return None,
        })
    }
}

/// A node of sanitized rich text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RichNode {
    /// Plain text (entities already decoded).
    Text(String),
    /// An allowed element. `href` is set only on links, and only when safe.
    Element {
        tag: Tag,
        href: Option<String>,
        children: Vec<RichNode>,
    },
    /// A picture from an `https:` address.
    Image(Image),
}

/// A story's picture, with only what a reader needs of its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// An absolute `https:` address.
    pub src: String,
    /// Its text alternative (empty: decorative).
    pub alt: String,
    /// Its intrinsic size, when given, so the page does not jump.
    pub width: Option<u16>,
    pub height: Option<u16>,
}

/// Sanitized rich text.
pub type RichText = Vec<RichNode>;

/// The result of sanitizing: the safe tree, plus a description of each kind
/// of thing removed (for publishers' warnings).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sanitized {
    pub nodes: RichText,
    pub removed: Vec<String>,
}

/// Elements removed together with everything inside them.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "textarea",
    "select",
    "button",
    "template",
    "noscript",
    "svg",
    "math",
    "title",
    "head",
    "xmp",
    "noembed",
    "noframes",
    "audio",
    "video",
    "canvas",
    "plaintext",
    "base",
    "link",
    "meta",
    "input",
];

/// How deep allowed elements may nest. Deeper ones are unwrapped, their
/// text kept: every later step walks the tree by recursion, and a hostile
/// feed nesting thousands of `<em>` would otherwise overflow the stack and
/// stop the whole page. Real stories nest a handful deep. Any reader of
/// `content_html` must build trees no deeper than this.
pub const MAX_DEPTH: usize = 64;

/// Sanitizes `html`, read by `parser`, into a safe tree, resolving relative
/// image and frame addresses against `base` (the feed's `home_page_url`)
/// when it is an `https:` address.
pub fn sanitize_with(parser: &dyn HtmlParser, html: &str, base: Option<&str>) -> Sanitized {
    let mut walker = AllowList {
        base: base.and_then(|b| WebUrl::parse(b).ok()).filter(|b| b.secure),
        ..AllowList::default()
    };
    parser.parse_fragment(html, &mut walker);
    walker.finish()
}

/// Sanitizes `html` with the native parser (html5ever).
#[cfg(not(target_arch = "wasm32"))]
pub fn sanitize(html: &str) -> Sanitized {
    sanitize_with(&crate::html::native::Html5ever, html, None)
}

/// Sanitizes `html` with the native parser, resolving relative addresses
/// against `base`.
#[cfg(not(target_arch = "wasm32"))]
pub fn sanitize_with_base(html: &str, base: Option<&str>) -> Sanitized {
    sanitize_with(&crate::html::native::Html5ever, html, base)
}

/// Decodes the character references of plain text with the native parser.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_entities(text: &str) -> String {
    crate::html::parse::decode_references(&crate::html::native::Html5ever, text)
}

/// What became of an element the parser opened.
enum Frame {
    /// Kept: its tag, address and children wait on top of `kept`.
    Kept,
    /// Left out, its text kept (unknown elements, pictures, too deep).
    Unwrapped,
    /// Left out with everything inside it.
    Dropped,
}

/// The allow-list walker: the parser's tree in, the safe tree out.
#[derive(Default)]
struct AllowList {
    /// Finished top-level nodes.
    root: RichText,
    /// One frame per element the parser has open, innermost last.
    open: Vec<Frame>,
    /// The open kept elements, innermost last; the nesting limit counts these.
    kept: Vec<(Tag, Option<String>, RichText)>,
    /// How many open elements are dropped with their content.
    dropping: usize,
    removed: Vec<String>,
    /// What relative image and frame addresses resolve against.
    base: Option<WebUrl>,
}

impl TreeVisitor for AllowList {
    fn element_start(&mut self, name: &str, attributes: &[(String, String)]) {
        let frame = self.frame_for(name, attributes);
        if let Frame::Dropped = frame {
            self.dropping += 1;
        }
        self.open.push(frame);
    }

    fn element_end(&mut self) {
        match self.open.pop() {
            Some(Frame::Kept) => {
                if let Some((tag, href, children)) = self.kept.pop() {
                    self.children().push(RichNode::Element { tag, href, children });
                }
            }
            Some(Frame::Dropped) => self.dropping -= 1,
            Some(Frame::Unwrapped) | None => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.dropping > 0 || text.is_empty() {
            return;
        }
        let children = self.children();
        if let Some(RichNode::Text(last)) = children.last_mut() {
            last.push_str(text);
        } else {
            children.push(RichNode::Text(text.to_owned()));
        }
    }

    fn comment(&mut self) {
        if self.dropping == 0 {
            self.note("comments");
        }
    }
}

impl AllowList {
    fn note(&mut self, what: &str) {
        if !self.removed.iter().any(|r| r == what) {
            self.removed.push(what.to_owned());
        }
    }

    fn children(&mut self) -> &mut RichText {
        match self.kept.last_mut() {
            Some((_, _, children)) => children,
            None => &mut self.root,
        }
    }

    /// Decides what becomes of an element, adding what a void one shows.
    fn frame_for(&mut self, name: &str, attributes: &[(String, String)]) -> Frame {
        if self.dropping > 0 {
            return Frame::Dropped;
        }
        for (attribute, _) in attributes {
            if attribute.starts_with("on") {
                self.note("event handler attributes");
            } else if attribute == "style" {
                self.note("style attributes");
            }
        }
        if name == "iframe" {
            self.embed(attributes);
            return Frame::Dropped;
        }
        if DROPPED_WITH_CONTENT.contains(&name) {
            self.note(&format!("<{name}> elements"));
            return Frame::Dropped;
        }
        if name == "img" {
            self.image(attributes);
            return Frame::Unwrapped;
        }
        let Some(tag) = Tag::from_name(name) else {
            return Frame::Unwrapped; // unknown elements are unwrapped: their text stays
        };
        if tag.is_void() {
            self.children().push(RichNode::Element {
                tag,
                href: None,
                children: Vec::new(),
            });
            return Frame::Unwrapped;
        }
        if self.kept.len() >= MAX_DEPTH {
            self.note(&format!("elements nested more than {MAX_DEPTH} deep (kept as text)"));
            return Frame::Unwrapped;
        }
        let href = if tag == Tag::Link {
            let raw = attributes.iter().find(|(n, _)| n == "href").map(|(_, v)| v.as_str());
            let safe = raw.and_then(|raw| safe_link(raw, LinkKind::WebOrMail));
            if let (Some(raw), None) = (raw, &safe) {
                self.note(&format!("unsafe link \"{}\"", raw.chars().take(60).collect::<String>()));
            }
            safe
        } else {
            None
        };
        self.kept.push((tag, href, Vec::new()));
        Frame::Kept
    }

    /// An absolute `https:` address for `raw`, resolved against the base
    /// when relative; `None` for anything else (`http:` would be mixed
    /// content on an https page, `data:` and others are never loaded).
    fn https_address(&self, raw: &str) -> Option<String> {
        let raw = raw.trim();
        let absolute = match safe_link(raw, LinkKind::Web) {
            Some(link) => link,
            None if raw.starts_with("//") => format!("https:{raw}"),
            None if !raw.is_empty() && !raw.contains(':') => resolve(self.base.as_ref()?, raw),
            None => return None,
        };
        WebUrl::parse(&absolute)
            .ok()
            .filter(|url| url.secure)
            .map(|url| url.href())
    }

    /// `<img>`: kept from an `https:` address, with its text alternative and
    /// size; dropped (with a note) otherwise.
    fn image(&mut self, attributes: &[(String, String)]) {
        let attribute = |key: &str| attributes.iter().find(|(n, _)| n == key).map(|(_, v)| v.as_str());
        let Some(src) = attribute("src").and_then(|raw| self.https_address(raw)) else {
            return self.note("images without an https: address");
        };
        let size = |key: &str| {
            attribute(key)
                .and_then(|v| v.trim().parse::<u16>().ok())
                .filter(|&v| v > 0)
        };
        let image = Image {
            src,
            alt: attribute("alt").unwrap_or_default().trim().to_owned(),
            width: size("width"),
            height: size("height"),
        };
        self.children().push(RichNode::Image(image));
    }

    /// `<iframe>` (a video, a post): a plain link to its `https:` address,
    /// labelled by its host. Never a frame.
    fn embed(&mut self, attributes: &[(String, String)]) {
        let src = attributes.iter().find(|(n, _)| n == "src").map(|(_, v)| v.as_str());
        match src.and_then(|raw| self.https_address(raw)) {
            Some(href) => {
                let host = WebUrl::parse(&href).map(|url| url.host).unwrap_or_default();
                self.children().push(RichNode::Element {
                    tag: Tag::EmbedLink,
                    href: Some(href),
                    children: vec![RichNode::Text(host)],
                });
            }
            None => self.note("<iframe> elements"),
        }
    }

    fn finish(mut self) -> Sanitized {
        while !self.open.is_empty() {
            self.element_end();
        }
        trim_empty(&mut self.root);
        Sanitized {
            nodes: self.root,
            removed: self.removed,
        }
    }
}

/// The text of a tree, as a reader would read it aloud: block elements are
/// kept apart by a space, inline ones (emphasis, code, links) run on.
pub fn text_of(nodes: &[RichNode]) -> String {
    fn collect(nodes: &[RichNode], out: &mut String) {
        for node in nodes {
            match node {
                RichNode::Text(text) => out.push_str(text),
                RichNode::Image(image) => {
                    out.push(' ');
                    out.push_str(&image.alt);
                    out.push(' ');
                }
                RichNode::Element { tag, children, .. } => {
                    let block = !matches!(
                        tag,
                        Tag::Emphasis
                            | Tag::Strong
                            | Tag::Code
                            | Tag::Link
                            | Tag::EmbedLink
                            | Tag::Superscript
                            | Tag::Subscript
                            | Tag::Strike
                            | Tag::Mark
                    );
                    if block {
                        out.push(' ');
                    }
                    collect(children, out);
                    if block {
                        out.push(' ');
                    }
                }
            }
        }
    }
    let mut text = String::new();
    collect(nodes, &mut text);
    text
}

/// Drops whitespace-only text at the top level, which would otherwise become
/// stray gaps between paragraphs.
fn trim_empty(nodes: &mut RichText) {
    nodes.retain(|node| !matches!(node, RichNode::Text(text) if text.trim().is_empty()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the tree back as HTML, to compare results compactly.
    fn html(nodes: &[RichNode]) -> String {
        nodes
            .iter()
            .map(|node| match node {
                RichNode::Text(text) => text.replace('<', "&lt;"),
                RichNode::Image(image) => format!("<img src=\"{}\" alt=\"{}\">", image.src, image.alt),
                RichNode::Element { tag, href, children } => {
                    let name = tag.element_name();
                    let href = href.as_ref().map(|h| format!(" href=\"{h}\"")).unwrap_or_default();
                    if tag.is_void() {
                        format!("<{name}>")
                    } else {
                        format!("<{name}{href}>{}</{name}>", html(children))
                    }
                }
            })
            .collect()
    }

    fn clean(input: &str) -> String {
        html(&sanitize(input).nodes)
    }

    #[test]
    fn what_newsletters_carry_is_kept_safely() {
        assert_eq!(
            clean("<figure><img src=\"https://cdn.example/a.jpg\" alt=\"A cat\" width=\"640\" height=\"480\" onerror=\"x()\" style=\"w\"><figcaption>Cat</figcaption></figure>"),
            "<figure><img src=\"https://cdn.example/a.jpg\" alt=\"A cat\"><figcaption>Cat</figcaption></figure>"
        );
        assert_eq!(
            clean("a<hr>b<sup>1</sup><sub>2</sub><del>old</del><s>x</s><mark>hi</mark>"),
            "a<hr>b<sup>1</sup><sub>2</sub><s>old</s><s>x</s><mark>hi</mark>"
        );
        assert_eq!(
            clean("<table border=1><caption>C</caption><thead><tr><th>H</th></tr></thead><tbody><tr><td>D</td></tr></tbody></table>"),
            "<table><caption>C</caption><thead><tr><th>H</th></tr></thead><tbody><tr><td>D</td></tr></tbody></table>"
        );
        // A frame becomes a link to its https: address, labelled by its host.
        assert_eq!(
            clean("<iframe src=\"https://www.youtube.com/embed/xyz\" width=560></iframe>"),
            "<a href=\"https://www.youtube.com/embed/xyz\">www.youtube.com</a>"
        );
        let frame = &sanitize("<iframe src=\"//player.example/v/1\"></iframe>").nodes[0];
        assert!(matches!(
            frame,
            RichNode::Element {
                tag: Tag::EmbedLink,
                ..
            }
        ));
        // Images only from https:, relative ones against the feed's home.
        for dropped in [
            "http://x.example/a.jpg",
            "data:image/png;base64,AAA",
            "javascript:alert(1)",
            "a.jpg",
            "",
        ] {
            let sanitized = sanitize(&format!("<img src=\"{dropped}\">"));
            assert!(sanitized.nodes.is_empty(), "{dropped}");
            assert_eq!(sanitized.removed, ["images without an https: address"]);
        }
        let based = sanitize_with_base(
            "<img src=\"/img/a.jpg\"><img src=\"b.png\">",
            Some("https://blog.example/posts/"),
        );
        assert_eq!(html(&based.nodes), "<img src=\"https://blog.example/img/a.jpg\" alt=\"\"><img src=\"https://blog.example/posts/b.png\" alt=\"\">");
        // An http: home is no base for https: pictures.
        assert!(sanitize_with_base("<img src=\"a.jpg\">", Some("http://blog.example/"))
            .nodes
            .is_empty());
        // Still nothing that runs script, loads a style, submits a form or frames a page.
        assert_eq!(clean("<iframe src=\"javascript:alert(1)\"></iframe><iframe srcdoc=\"<script>x</script>\"></iframe><form><input></form><svg><script>x</script></svg>"), "");
    }

    #[test]
    fn nesting_deeper_than_the_limit_keeps_its_text_without_recursion() {
        fn depth(nodes: &[RichNode]) -> usize {
            nodes
                .iter()
                .map(|node| match node {
                    RichNode::Text(_) | RichNode::Image(_) => 0,
                    RichNode::Element { children, .. } => 1 + depth(children),
                })
                .max()
                .unwrap_or(0)
        }
        for (open, close) in [
            ("<em>", "</em>"),
            ("<blockquote>", "</blockquote>"),
            ("<ul><li>", "</li></ul>"),
            ("<strong>", "</strong>"),
        ] {
            let html = format!("{}deep text{} after", open.repeat(2_000), close.repeat(2_000));
            let sanitized = sanitize(&html);
            assert_eq!(depth(&sanitized.nodes), MAX_DEPTH, "{open}");
            assert_eq!(
                text_of(&sanitized.nodes).split_whitespace().collect::<Vec<_>>(),
                ["deep", "text", "after"]
            );
            assert!(sanitized.removed.iter().any(|r| r.contains("nested more than 64 deep")));
        }
        // Up to the limit, the tree is kept as written.
        let html = format!("{}x{}", "<em>".repeat(MAX_DEPTH), "</em>".repeat(MAX_DEPTH));
        assert_eq!(depth(&sanitize(&html).nodes), MAX_DEPTH);
        assert!(sanitize(&html).removed.is_empty());
        // A link never nests in a link: each one closes the one before, as in browsers.
        let links = sanitize(&"<a href=\"https://example.org/\">x".repeat(100));
        assert_eq!((links.nodes.len(), depth(&links.nodes)), (100, 1));
    }

    #[test]
    fn keeps_the_allowed_elements() {
        assert_eq!(
            clean("<p>One <em>two</em> <b>three</b><br/>four</p><ul><li>a</li></ul><blockquote><p>q</p></blockquote><h2>Sub</h2><pre><code>x</code></pre>"),
            "<p>One <em>two</em> <strong>three</strong><br>four</p><ul><li>a</li></ul><blockquote><p>q</p></blockquote><h4>Sub</h4><pre><code>x</code></pre>"
        );
    }

    #[test]
    fn keeps_only_safe_links() {
        assert_eq!(
            clean(r#"<a href="https://example.org" onclick="x()" style="color:red">ok</a>"#),
            r#"<a href="https://example.org">ok</a>"#
        );
        assert_eq!(
            clean(r#"<a href="mailto:ed@example.org">mail</a>"#),
            r#"<a href="mailto:ed@example.org">mail</a>"#
        );
        assert_eq!(clean(r#"<a href="javascript:alert(1)">x</a>"#), "<a>x</a>");
        assert_eq!(clean(r#"<a href="  JaVa&#x09;ScRiPt:alert(1)">x</a>"#), "<a>x</a>");
        assert_eq!(
            clean(r#"<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>"#),
            "<a>x</a>"
        );
        assert_eq!(clean("<a href=javascript:alert(1)>x</a>"), "<a>x</a>");
    }

    #[test]
    fn drops_scripts_styles_frames_and_forms_with_their_content() {
        let result = sanitize(
            "<p>a</p><script>alert(1)</script><style>p{}</style><iframe src=x></iframe><form><input name=q><button>go</button></form><svg><script>x</script></svg><p>b</p>",
        );
        assert_eq!(html(&result.nodes), "<p>a</p><p>b</p>");
        for what in [
            "<script> elements",
            "<style> elements",
            "<iframe> elements",
            "<form> elements",
            "<svg> elements",
        ] {
            assert!(
                result.removed.iter().any(|r| r == what),
                "{what} not reported in {:?}",
                result.removed
            );
        }
    }

    #[test]
    fn raw_text_elements_cannot_smuggle_tags() {
        assert_eq!(clean("<script>document.write('</p><p>')</script>ok"), "ok");
        assert_eq!(clean("<ScRiPt >alert(1)</SCRIPT >ok"), "ok");
        assert_eq!(clean("<style>x</style"), "");
        assert_eq!(clean("<script>never closed <p>x</p>"), "");
    }

    #[test]
    fn unwraps_unknown_elements_and_drops_images() {
        assert_eq!(
            clean(r#"<div class="x"><span>Hi</span> <img src=x onerror=alert(1)> there</div>"#),
            "Hi  there"
        );
        assert_eq!(clean("<details><summary>S</summary>body</details>"), "Sbody");
    }

    #[test]
    fn handles_broken_markup_without_losing_text() {
        assert_eq!(clean("<p>open <em>never closed"), "<p>open <em>never closed</em></p>");
        assert_eq!(clean("stray </em> close"), "stray  close");
        assert_eq!(clean("1 < 2 and 3 > 2"), "1 &lt; 2 and 3 > 2");
        assert_eq!(clean("<p>x</p><!-- secret --><!DOCTYPE html><?php ?>y"), "<p>x</p>y");
        assert_eq!(
            clean("<a href=\"https://a.example\" title='>'>t</a>"),
            "<a href=\"https://a.example\">t</a>"
        );
        assert_eq!(clean("<p"), "");
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("Fish &amp; chips &lt;3 &#8212; &#x2014; &mdash; &unknown; & done"),
            "Fish & chips <3 — — — &unknown; & done"
        );
        assert_eq!(
            clean("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "&lt;script>alert(1)&lt;/script>"
        );
    }
}
