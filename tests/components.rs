//! Component tests: Yew components rendered in headless Chromium by
//! wasm-bindgen-test, waiting on Yew's scheduler (never on timers).
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use newsletter_core::feed::index::{read_feed_with, Feed};
use newsletter_core::html::sanitize::{sanitize_with, RichNode};
use newsletter_core::{Decoded, FeedError};
use newsletter_widget::app::components::issue_view::{IssueView, IssueViewProps};
use newsletter_widget::app::components::load_error::{LoadErrorView, LoadErrorViewProps};
use newsletter_widget::app::error::LoadError;
use newsletter_widget::app::services::html_parser::BrowserHtml;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Reads an issue as the widget does: HTML by the browser's own parser.
fn read_issue(feed: &str) -> Result<Decoded, FeedError> {
    match read_feed_with(feed, &BrowserHtml)? {
        Feed::Issue(decoded) => Ok(*decoded),
        Feed::Index(_) => panic!("an issue, not an index"),
    }
}

fn container() -> Element {
    let document = gloo_document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

async fn render_issue(feed: &str) -> Element {
    let root = container();
    let decoded = Rc::new(read_issue(feed).expect("test feed reads"));
    yew::Renderer::<IssueView>::with_root_and_props(root.clone(), IssueViewProps { decoded }).render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn the_sample_issue_renders_twenty_cards_with_their_sources_on_one_line() {
    let root = render_issue(include_str!("../issues/2025-12-04.json")).await;
    assert_eq!(root.query_selector_all("article").unwrap().length(), 20);
    assert_eq!(texts(&root, "time"), ["4 December 2025"]);
    let first = root.query_selector("article").unwrap().unwrap();
    // Sources without a URL show quietly on one line, as labels, not links.
    assert_eq!(texts(&first, ".nw-sources-line p"), ["Sources: Citation 1, Citation 2"]);
    assert_eq!(
        first.query_selector_all(".nw-sources a").unwrap().length(),
        0,
        "sources without URL are labels"
    );
    // Each card is labelled by its own headline.
    let heading_id = first.get_attribute("aria-labelledby").unwrap();
    let heading = root.query_selector(&format!("#{heading_id}")).unwrap().unwrap();
    assert_eq!(heading.tag_name(), "H3");
}

#[wasm_bindgen_test]
async fn rich_text_keeps_only_allowed_elements_and_safe_links() {
    let root = render_issue(include_str!("feeds/hostile.json")).await;
    // The widget's own search form aside, nothing made from the feed is active content.
    let forbidden = "script, iframe, form, img, svg, style, input, object, embed";
    for area in ["article", ".nw-masthead", ".nw-issue-head", ".nw-framing"] {
        let inside = format!("{area} :is({forbidden})");
        assert!(root.query_selector(&inside).unwrap().is_none(), "{inside}");
    }
    let links = root.query_selector_all("a").unwrap();
    let hrefs: Vec<String> = (0..links.length())
        .map(|i| {
            links
                .item(i)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .get_attribute("href")
                .unwrap_or_default()
        })
        .collect();
    // The unsafe links lost their href; only the safe ones have one.
    let with_href: Vec<&str> = hrefs.iter().map(String::as_str).filter(|h| !h.is_empty()).collect();
    assert_eq!(with_href, ["https://example.org/ok", "https://example.org/source"]);
    let safe = root
        .query_selector("a[href='https://example.org/ok']")
        .unwrap()
        .unwrap();
    assert_eq!(safe.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert_eq!(
        texts(&root, ".nw-body p").first().map(String::as_str),
        Some("Safe link and bad link.")
    );
}

#[wasm_bindgen_test]
fn the_browsers_parser_reads_html_as_the_standard_says() {
    let shown = |html: &str| {
        fn write(nodes: &[RichNode], out: &mut String) {
            for node in nodes {
                match node {
                    RichNode::Text(text) => out.push_str(text),
                    RichNode::Image(image) => out.push_str(&format!("<img {}>", image.src)),
                    RichNode::Element { tag, children, .. } => {
                        out.push_str(&format!("<{}>", tag.element_name()));
                        write(children, out);
                        out.push_str(&format!("</{}>", tag.element_name()));
                    }
                }
            }
        }
        let mut out = String::new();
        write(&sanitize_with(&BrowserHtml, html, None).nodes, &mut out);
        out
    };
    // Implied end tags, every named reference, misnested and stray tags.
    assert_eq!(shown("<p>a<p>b"), "<p>a</p><p>b</p>");
    assert_eq!(shown("<ul><li>a<li>b</ul>"), "<ul><li>a</li><li>b</li></ul>");
    assert_eq!(
        shown("&eacute;t&eacute; &hellip; &#8217; AT&amp;T &nope;"),
        "été … ’ AT&T &nope;"
    );
    assert_eq!(shown("<b>1<i>2</b>3</i>"), "<strong>1<em>2</em></strong><em>3</em>");
    assert_eq!(shown("a</em>b</p>c"), "ab<p></p>c");
    // A form's controls shadow its own properties (DOM clobbering): the walk
    // must neither loop nor read them. The form goes, the text after stays.
    assert_eq!(
        shown("<div><form><input name=parentNode><input name=nextSibling><input name=localName>x</form></div>after"),
        "after"
    );
}

#[wasm_bindgen_test]
async fn skipped_stories_are_announced_in_an_alert() {
    let root = render_issue(include_str!("feeds/ids.json")).await;
    assert_eq!(
        texts(&root, "[role=alert] .nw-notice-title"),
        ["2 stories in this issue could not be shown:"]
    );
    assert_eq!(texts(&root, "article h3"), ["First A", "B"]);
}

#[wasm_bindgen_test]
async fn retry_is_offered_for_network_trouble_and_calls_back() {
    let root = container();
    let retried = Rc::new(Cell::new(0));
    let counter = retried.clone();
    let props = LoadErrorViewProps {
        error: Rc::new(LoadError::Unreachable {
            url: "feed.json".into(),
            cross_origin: false,
        }),
        on_retry: Callback::from(move |()| counter.set(counter.get() + 1)),
    };
    yew::Renderer::<LoadErrorView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(
        texts(&root, "[role=alert] .nw-error-message"),
        ["Could not reach the feed at feed.json. Check your connection and try again."]
    );
    let button: HtmlElement = root.query_selector("button").unwrap().unwrap().dyn_into().unwrap();
    button.click();
    assert_eq!(retried.get(), 1);
}

#[wasm_bindgen_test]
async fn no_retry_for_a_feed_that_will_not_change() {
    let root = container();
    let error = read_issue("{").unwrap_err();
    let props = LoadErrorViewProps {
        error: Rc::new(LoadError::Invalid {
            url: "feed.json".into(),
            error,
        }),
        on_retry: Callback::noop(),
    };
    yew::Renderer::<LoadErrorView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(
        texts(&root, ".nw-error-message"),
        ["The feed is not valid JSON: the text ends too early at line 1, column 2. File: feed.json"]
    );
    assert!(root.query_selector("button").unwrap().is_none());
}

#[wasm_bindgen_test]
fn an_embedded_reader_tells_its_host_page_with_a_bubbling_composed_event() {
    use newsletter_widget::app::services::events::{self, Detail, EventHost};
    use std::cell::RefCell;
    use wasm_bindgen::closure::Closure;

    let document = gloo_document();
    let host = document.create_element("newsletter-widget").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let heard = Rc::new(RefCell::new(Vec::<String>::new()));
    let listener = {
        let heard = heard.clone();
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
            let detail = js_sys::JSON::stringify(&event.detail()).unwrap();
            heard.borrow_mut().push(format!(
                "{} bubbles={} composed={} {}",
                event.type_(),
                event.bubbles(),
                event.composed(),
                String::from(detail)
            ));
        })
    };
    // The host page listens on its document, above the element.
    document
        .add_event_listener_with_callback(events::FILTERED, listener.as_ref().unchecked_ref())
        .unwrap();
    let detail = Detail::new()
        .texts("topics", ["oncology"])
        .text("query", "gene")
        .number("shown", 3);
    EventHost(Some(host.clone())).emit(events::FILTERED, detail);
    // The standalone page has no host element: it sends nothing.
    EventHost::default().emit(events::FILTERED, Detail::new().text("query", "page"));
    document
        .remove_event_listener_with_callback(events::FILTERED, listener.as_ref().unchecked_ref())
        .unwrap();
    host.remove();
    assert_eq!(
        *heard.borrow(),
        [r#"nw-filtered bubbles=true composed=true {"topics":["oncology"],"query":"gene","shown":3}"#]
    );
}

#[wasm_bindgen_test]
fn markup_and_the_script_address_go_through_trusted_types_where_the_browser_has_them() {
    use js_sys::{Function, Reflect};
    use newsletter_widget::app::services::trusted;

    // Chromium has Trusted Types: what the widget hands a sink is a typed
    // value a strict host accepts, with the text unchanged.
    let factory = Reflect::get(&web_sys::window().unwrap(), &"trustedTypes".into()).unwrap();
    let is = |kind: &str, value: &wasm_bindgen::JsValue| {
        let check: Function = Reflect::get(&factory, &kind.into()).unwrap().dyn_into().unwrap();
        check.call1(&factory, value).unwrap().is_truthy()
    };
    let markup = "<p class=\"nw-lead\">Gene &amp; cell</p>";
    let html = trusted::html(markup);
    assert!(is("isHTML", &html));
    assert_eq!(String::from(html.unchecked_ref::<js_sys::Object>().to_string()), markup);
    let url = "https://example.us1.list-manage.com/subscribe/post-json?u=a&id=b&c=cb";
    let script = trusted::script_url(url);
    assert!(is("isScriptURL", &script));
    assert!(!is("isHTML", &script));
}
