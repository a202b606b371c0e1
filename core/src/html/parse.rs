//! What an HTML parser tells the allow-list walker, and how plain text's
//! character references are decoded by the same parser.
//!
//! The core holds no HTML parser of its own: implied end tags, misnested
//! markup and the 2,231 named character references are the standard's, and
//! a browser already carries them. The widget hands in the browser's parser
//! (`src/app/services/html_parser.rs`), native code hands in
//! [`crate::html::native::Html5ever`].

/// Receives a parsed fragment in document order: every
/// [`element_start`](Self::element_start) is matched by one
/// [`element_end`](Self::element_end), so the events describe a tree.
pub trait TreeVisitor {
    /// An element opens. `name` is its lower-case local name; attribute
    /// values are already decoded.
    fn element_start(&mut self, name: &str, attributes: &[(String, String)]);
    /// The innermost open element closes.
    fn element_end(&mut self);
    /// Text, character references already decoded.
    fn text(&mut self, text: &str);
    /// A comment (its content is never shown).
    fn comment(&mut self);
}

/// Reads HTML the way browsers do.
pub trait HtmlParser {
    /// Parses `html` as the children of a `<body>` (the standard's fragment
    /// parsing algorithm, scripting disabled), without running or loading
    /// anything, and walks the result into `visitor`. Implementations walk
    /// without recursion, so no input depth can overflow the stack.
    fn parse_fragment(&self, html: &str, visitor: &mut dyn TreeVisitor);
}

/// Decodes the character references in plain text (`AT&amp;T`,
/// `&#8217;`, `&eacute;`), as a browser would show them in HTML, while
/// never reading the text as markup: every `<` stays a `<`.
pub fn decode_references(parser: &dyn HtmlParser, text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    #[derive(Default)]
    struct Text(String);
    impl TreeVisitor for Text {
        fn element_start(&mut self, _: &str, _: &[(String, String)]) {}
        fn element_end(&mut self) {}
        fn text(&mut self, text: &str) {
            self.0.push_str(text);
        }
        fn comment(&mut self) {}
    }
    let mut decoded = Text::default();
    parser.parse_fragment(&text.replace('<', "&lt;"), &mut decoded);
    decoded.0
}
