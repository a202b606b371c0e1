//! A small JSON reader that remembers where every value starts.
//!
//! Publishers edit feeds by hand, so every message must say *where* the
//! problem is. `JSON.parse` and most parsers only report where reading
//! stopped; this reader keeps the line and column of every value so that
//! validation can point at `items[1].tags` on line 40. It is also the one
//! JSON reader shared by the widget and the publisher tools, so both report
//! the same message for the same file.

use std::fmt;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: u32,
    /// Column number in characters, starting at 1.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A JSON value with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value itself.
    pub value: Value,
    /// Where the value starts in the source text.
    pub at: Position,
}

/// A JSON value. Objects keep their members in source order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number, as written (checked against JSON's grammar). Kept as text:
    /// feeds only use numbers as ids, form ids and whole milliseconds, and
    /// reading them as floats would ship float parsing and printing in the
    /// bundle for nothing.
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Value {
    /// How a publisher would name this kind of value in a message.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

impl Node {
    /// The member `key` of an object (the last one, as `JSON.parse` does).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string content, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Why a text is not JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxErrorKind {
    /// The text ended inside a value.
    #[error("the text ends too early")]
    UnexpectedEnd,
    /// The text is empty or only white space.
    #[error("the text is empty")]
    Empty,
    /// A character that cannot stand here.
    #[error("expected {expected}, found {found}")]
    Unexpected {
        /// What JSON allows at this point.
        expected: &'static str,
        /// The character found, quoted for display.
        found: String,
    },
    /// A backslash escape that JSON does not define.
    #[error("invalid escape sequence in a string")]
    InvalidEscape,
    /// A raw control character (such as a line break) inside a string.
    #[error("line break or control character inside a string (write it as \\n)")]
    ControlCharacter,
    /// A number JSON does not allow (such as `01`, `1.` or `+1`).
    #[error("invalid number")]
    InvalidNumber,
    /// Lists and objects nested deeper than [`MAX_DEPTH`].
    #[error("lists and objects nested more than {MAX_DEPTH} deep")]
    TooDeep,
    /// Something follows the complete value.
    #[error("unexpected text after the end of the JSON value")]
    TrailingText,
}

/// A JSON syntax error and where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at {at}")]
pub struct SyntaxError {
    /// What is wrong.
    pub kind: SyntaxErrorKind,
    /// Where it is.
    pub at: Position,
}

/// Hostile feeds could nest `[[[[...` to exhaust the stack; real feeds nest
/// four or five levels.
pub const MAX_DEPTH: usize = 128;

/// Reads a complete JSON text. A leading byte-order mark is ignored.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        line: 1,
        line_start: 0,
        counted: (0, 1),
    };
    reader.skip_space();
    if reader.pos == reader.bytes.len() {
        return Err(reader.error(SyntaxErrorKind::Empty));
    }
    let node = reader.value(0)?;
    reader.skip_space();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error(SyntaxErrorKind::TrailingText));
    }
    Ok(node)
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    line: u32,
    line_start: usize,
    /// The last position whose column was computed: (byte offset, column).
    /// Reading only moves forward, so counting on from it keeps the cost
    /// of columns linear even when a whole feed is on one line.
    counted: (usize, u32),
}

impl Reader<'_> {
    fn position(&mut self) -> Position {
        let (from, column) = if self.counted.0 >= self.line_start {
            self.counted
        } else {
            (self.line_start, 1)
        };
        let column = column + self.text[from..self.pos].chars().count() as u32;
        self.counted = (self.pos, column);
        Position {
            line: self.line,
            column,
        }
    }

    fn error(&mut self, kind: SyntaxErrorKind) -> SyntaxError {
        SyntaxError {
            kind,
            at: self.position(),
        }
    }

    fn unexpected(&mut self, expected: &'static str) -> SyntaxError {
        match self.text[self.pos..].chars().next() {
            None => self.error(SyntaxErrorKind::UnexpectedEnd),
            Some(c) => self.error(SyntaxErrorKind::Unexpected {
                expected,
                found: describe_char(c),
            }),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                }
                _ => break,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let at = self.position();
        let value = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => return Err(self.unexpected("a value")),
        };
        Ok(Node { value, at })
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, SyntaxError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.unexpected("a value"))
        }
    }

    fn enter(&mut self, depth: usize) -> Result<usize, SyntaxError> {
        if depth >= MAX_DEPTH {
            Err(self.error(SyntaxErrorKind::TooDeep))
        } else {
            Ok(depth + 1)
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("',' or ']' after a list item")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a member name in double quotes"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("':' after a member name"));
            }
            self.pos += 1;
            self.skip_space();
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.unexpected("',' or '}' after a member")),
            }
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return Err(self.error(SyntaxErrorKind::ControlCharacter)),
            }
        }
    }

    fn escape(&mut self) -> Result<char, SyntaxError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                if (0xD800..0xDC00).contains(&first) && self.bytes[self.pos..].starts_with(b"\\u") {
                    let saved = self.pos;
                    self.pos += 2;
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    self.pos = saved;
                }
                // Lone surrogates cannot be held in a Rust string.
                return Ok(char::from_u32(first).unwrap_or('\u{fffd}'));
            }
            _ => return Err(self.error(SyntaxErrorKind::InvalidEscape)),
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error(SyntaxErrorKind::InvalidEscape))?;
        let mut code = 0;
        for &d in digits {
            let v = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.error(SyntaxErrorKind::InvalidEscape))?;
            code = code * 16 + v;
        }
        self.pos += 4;
        Ok(code)
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        let at = self.position();
        let invalid = SyntaxError {
            kind: SyntaxErrorKind::InvalidNumber,
            at,
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(invalid);
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(invalid),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(invalid);
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(invalid);
            }
            self.digits();
        }
        Ok(Value::Number(self.text[start..self.pos].to_owned()))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }
}

fn describe_char(c: char) -> String {
    match c {
        '\n' => "a line break".to_owned(),
        '\'' => "\"'\"".to_owned(),
        c if c.is_control() => format!("control character U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_values_with_their_positions() {
        let node = parse("{\n  \"a\": [1, \"x\", true, null],\n  \"b\": {\"c\": -2.5e3}\n}").unwrap();
        let a = node.get("a").unwrap();
        assert_eq!(a.at, Position { line: 2, column: 8 });
        match &a.value {
            Value::Array(items) => {
                assert_eq!(items.len(), 4);
                assert_eq!(items[1].value, Value::String("x".into()));
                assert_eq!(items[1].at, Position { line: 2, column: 12 });
            }
            other => panic!("expected an array, got {other:?}"),
        }
        assert_eq!(
            node.get("b").unwrap().get("c").unwrap().value,
            Value::Number("-2.5e3".into())
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let err = parse("{\"标题\": \"日本語\" x}").unwrap_err();
        assert_eq!(err.at, Position { line: 1, column: 14 });
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let node = parse(r#""a\"b\\c\/\n\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(node.as_str(), Some("a\"b\\c/\né😀"));
    }

    #[test]
    fn the_last_duplicate_member_wins_as_in_browsers() {
        let node = parse(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(node.get("a").unwrap().value, Value::Number("2".into()));
    }

    #[test]
    fn ignores_a_byte_order_mark() {
        assert!(parse("\u{feff}{}").is_ok());
    }

    #[test]
    fn reports_what_and_where_for_broken_text() {
        assert_eq!(
            error_of("{\n  \"a\": 1\n  \"b\": 2\n}"),
            "expected ',' or '}' after a member, found '\"' at line 3, column 3"
        );
        assert_eq!(error_of("[1, 2"), "the text ends too early at line 1, column 6");
        assert_eq!(
            error_of("{'a': 1}"),
            "expected a member name in double quotes, found \"'\" at line 1, column 2"
        );
        assert_eq!(error_of(""), "the text is empty at line 1, column 1");
        assert_eq!(
            error_of("<html></html>"),
            "expected a value, found '<' at line 1, column 1"
        );
        assert_eq!(
            error_of("{} {}"),
            "unexpected text after the end of the JSON value at line 1, column 4"
        );
        assert_eq!(error_of("[01]"), "invalid number at line 1, column 2");
        assert_eq!(error_of("[1.]"), "invalid number at line 1, column 2");
        assert_eq!(
            error_of("\"a\nb\""),
            "line break or control character inside a string (write it as \\n) at line 1, column 3"
        );
        assert_eq!(
            error_of(r#""\x""#),
            "invalid escape sequence in a string at line 1, column 3"
        );
        assert_eq!(error_of("[1,]"), "expected a value, found ']' at line 1, column 4");
        assert_eq!(error_of("tru"), "expected a value, found 't' at line 1, column 1");
    }

    #[test]
    fn refuses_hostile_nesting_without_overflowing_the_stack() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().kind, SyntaxErrorKind::TooDeep);
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
    }
}
