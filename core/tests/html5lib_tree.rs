//! html5lib's tree-construction tests (`../shared/peer/html5lib-tree-construction/`),
//! as far as the allow-list's output can show them: for every test, the tree
//! the standard says a browser builds is walked through the allow-list, and
//! must give what our reading of the test's markup gives (html5ever, parsing
//! in a `<body>` as the widget does). The browser's side is checked against
//! the same native output end to end (`tests/e2e/html-parsing.test.mjs`).
//!
//! Tests the allow-list cannot tell apart from the document's own parse are
//! left out: ones with the scripting flag on (the widget's inert documents
//! run none), fragments in a context other than `<body>`, and documents with
//! no `<body>` (framesets).

use std::fs;
use std::path::{Path, PathBuf};

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{NodeData, RcDom};
use newsletter_core::html::native::Html5ever;
use newsletter_core::html::parse::{HtmlParser, TreeVisitor};
use newsletter_core::html::sanitize::{sanitize_with, RichNode};

fn suite() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/peer/html5lib-tree-construction");
    dir.is_dir().then_some(dir)
}

/// A node of a test's expected tree.
#[derive(Debug, Default)]
struct Expected {
    /// Element local name; empty for text and comments.
    name: String,
    attributes: Vec<(String, String)>,
    text: Option<String>,
    comment: bool,
    children: Vec<Expected>,
}

/// Replays an expected tree as a parser would walk it.
struct Replay<'a>(&'a [Expected]);

impl HtmlParser for Replay<'_> {
    fn parse_fragment(&self, _: &str, visitor: &mut dyn TreeVisitor) {
        fn replay(nodes: &[Expected], visitor: &mut dyn TreeVisitor) {
            for node in nodes {
                if let Some(text) = &node.text {
                    visitor.text(text);
                } else if node.comment {
                    visitor.comment();
                } else {
                    visitor.element_start(&node.name, &node.attributes);
                    replay(&node.children, visitor);
                    visitor.element_end();
                }
            }
        }
        replay(self.0, visitor);
    }
}

struct Case {
    file: String,
    data: String,
    fragment: Option<String>,
    script_on: bool,
    document: Vec<Expected>,
}

/// Reads the `| ` lines of a `#document` section into a tree.
fn read_tree(lines: &[&str]) -> Vec<Expected> {
    let mut roots: Vec<Expected> = Vec::new();
    // The path of open nodes as (depth, node), innermost last.
    let mut path: Vec<(usize, Expected)> = Vec::new();
    fn close_to(depth: usize, path: &mut Vec<(usize, Expected)>, roots: &mut Vec<Expected>) {
        while path.last().is_some_and(|(d, _)| *d >= depth) {
            let (_, node) = path.pop().unwrap();
            match path.last_mut() {
                Some((_, parent)) => parent.children.push(node),
                None => roots.push(node),
            }
        }
    }
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let Some(body) = line.strip_prefix("| ") else { continue };
        let depth = (body.len() - body.trim_start_matches(' ').len()) / 2;
        let item = &body[depth * 2..];
        if let Some(start) = item.strip_prefix('"') {
            let mut text = start.to_owned();
            while !text.ends_with('"') {
                if i >= lines.len() {
                    break;
                }
                text.push('\n');
                text.push_str(lines[i]);
                i += 1;
            }
            text.pop();
            close_to(depth, &mut path, &mut roots);
            path.push((
                depth,
                Expected {
                    text: Some(text),
                    ..Expected::default()
                },
            ));
        } else if item.starts_with("<!-- ") || item.starts_with("<!DOCTYPE") || item.starts_with("<?") {
            // Comments and doctypes: nothing a reader sees.
            close_to(depth, &mut path, &mut roots);
            path.push((
                depth,
                Expected {
                    comment: true,
                    ..Expected::default()
                },
            ));
        } else if let Some(tag) = item.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            let name = tag.rsplit(' ').next().unwrap_or(tag).to_owned();
            close_to(depth, &mut path, &mut roots);
            path.push((
                depth,
                Expected {
                    name,
                    ..Expected::default()
                },
            ));
        } else if item == "content" {
            // A template's contents: an element the allow-list drops with the template.
            close_to(depth, &mut path, &mut roots);
            path.push((
                depth,
                Expected {
                    name: "content".into(),
                    ..Expected::default()
                },
            ));
        } else if let Some((name, value)) = item.split_once("=\"") {
            let name = name.rsplit(' ').next().unwrap_or(name).to_owned();
            let mut value = value.to_owned();
            while !value.ends_with('"') && i < lines.len() {
                value.push('\n');
                value.push_str(lines[i]);
                i += 1;
            }
            value.pop();
            close_to(depth, &mut path, &mut roots);
            if let Some((_, element)) = path.last_mut() {
                element.attributes.push((name, value));
            }
        }
    }
    close_to(0, &mut path, &mut roots);
    roots
}

fn read_cases(dir: &Path) -> Vec<Case> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "dat"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for chunk in text.split("\n#data\n").map(|c| c.strip_prefix("#data\n").unwrap_or(c)) {
            let Some((data, rest)) = chunk.split_once("\n#errors") else {
                continue;
            };
            let section = |name: &str| {
                rest.split_once(&format!("\n{name}\n"))
                    .map(|(_, after)| after.split("\n#").next().unwrap_or("").to_owned())
            };
            let document = section("#document").unwrap_or_default();
            let lines: Vec<&str> = document.lines().collect();
            cases.push(Case {
                file: file.clone(),
                data: data.to_owned(),
                fragment: section("#document-fragment").map(|f| f.trim().to_owned()),
                script_on: rest.contains("\n#script-on"),
                document: read_tree(&lines),
            });
        }
    }
    cases
}

/// The children of `<html>`'s `<body>`, if the document has one.
fn body_of(document: &[Expected]) -> Option<&[Expected]> {
    let html = document.iter().find(|n| n.name == "html")?;
    let body = html.children.iter().find(|n| n.name == "body")?;
    Some(&body.children)
}

/// html5ever reading `data` as a whole document, its `<body>` replayed:
/// what tells a difference of context (a document's head, its quirks mode)
/// from a difference of parsing.
struct WholeDocument;

impl HtmlParser for WholeDocument {
    fn parse_fragment(&self, data: &str, visitor: &mut dyn TreeVisitor) {
        let mut options = html5ever::ParseOpts::default();
        options.tree_builder.scripting_enabled = false;
        let dom = html5ever::parse_document(RcDom::default(), options).one(data);
        let html = dom
            .document
            .children
            .borrow()
            .iter()
            .find(|n| matches!(&n.data, NodeData::Element { name, .. } if &*name.local == "html"))
            .cloned();
        let body = html.and_then(|html| {
            html.children
                .borrow()
                .iter()
                .find(|n| matches!(&n.data, NodeData::Element { name, .. } if &*name.local == "body"))
                .cloned()
        });
        if let Some(body) = body {
            newsletter_core::html::native::walk(body, visitor);
        }
    }
}

fn shown(nodes: &[RichNode]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            RichNode::Text(text) => out.push_str(&format!("{text:?}")),
            RichNode::Image(image) => out.push_str(&format!("<img {}>", image.src)),
            RichNode::Element { tag, href, children } => {
                out.push_str(&format!(
                    "<{}{}>",
                    tag.element_name(),
                    href.as_deref().map(|h| format!(" {h}")).unwrap_or_default()
                ));
                out.push_str(&shown(children));
                out.push_str(&format!("</{}>", tag.element_name()));
            }
        }
    }
    out
}

#[test]
fn html5lib_trees_come_out_of_the_allow_list_as_the_standard_builds_them() {
    let Some(dir) = suite() else {
        eprintln!("html5lib: ../shared/peer/html5lib-tree-construction is absent; skipped");
        return;
    };
    let cases = read_cases(&dir);
    assert!(cases.len() > 1000, "the suite has its tests ({})", cases.len());
    let (mut tested, mut agree, mut by_context, mut left_out) = (0, 0, 0, 0);
    let mut disagree = Vec::new();
    for case in &cases {
        let expected_nodes = match case.fragment.as_deref() {
            _ if case.script_on => None,
            Some("body") => Some(case.document.as_slice()),
            Some(_) => None,
            None => body_of(&case.document),
        };
        let Some(expected_nodes) = expected_nodes else {
            left_out += 1;
            continue;
        };
        tested += 1;
        let expected = shown(&sanitize_with(&Replay(expected_nodes), "", None).nodes);
        // What the widget and the pre-render do: the markup as a body's children.
        let ours = shown(&sanitize_with(&Html5ever, &case.data, None).nodes);
        if ours == expected {
            agree += 1;
            continue;
        }
        // A whole document differs from a fragment in a no-quirks body only
        // by its context: what went to its <head>, or its quirks mode from a
        // missing or old doctype. Such a test must then agree as a document.
        let as_document = shown(&sanitize_with(&WholeDocument, &case.data, None).nodes);
        if case.fragment.is_none() && as_document == expected {
            by_context += 1;
        } else {
            disagree.push(format!(
                "{}: {:?}\n  ours:     {ours}\n  document: {as_document}\n  standard: {expected}",
                case.file, case.data
            ));
        }
    }
    eprintln!(
        "html5lib: {agree} of {tested} trees agree after the allow-list, read as the widget reads a story; \
         {by_context} more differ only by a document's context (its head, quirks mode) and agree read as a document; \
         {} disagree; {left_out} of {} left out (scripting on, other fragment contexts, no body)",
        disagree.len(),
        cases.len()
    );
    for d in disagree.iter().take(40) {
        eprintln!("{d}");
    }
    assert!(disagree.is_empty(), "{} disagree", disagree.len());
}
