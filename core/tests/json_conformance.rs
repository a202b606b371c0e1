//! The hand-written JSON reader (`feed::json`) checked against a library
//! (issue 11): every case of JSONTestSuite, and random documents written by
//! `serde_json`, whose values and positions must come back as written.
//!
//! JSONTestSuite is read in place from `../shared/peer/jsontestsuite` (next
//! to the repository, see `../shared/peer/README.md`); when it is absent the
//! suite test says so and passes, so the repository does not depend on it.
//!
//! Known differences from `serde_json`, none of them in a `y_` case:
//! * a leading byte-order mark is ignored (`serde_json` refuses it);
//! * a lone surrogate escape (`"\ud800"`) becomes U+FFFD (`serde_json`
//!   refuses it; a Rust string cannot hold it);
//! * numbers are kept as text, so numbers beyond the range of `f64`
//!   (`1e400`) are read (`serde_json` refuses them);
//! * text that is not UTF-8 never reaches `parse`, which takes a `&str`;
//!   here such files are decoded as browsers do (`Response.text()` puts
//!   U+FFFD for each bad sequence) so that they are read all the same;
//! * lists and objects nest up to [`MAX_DEPTH`] (128) deep; `serde_json`
//!   stops one level earlier, at 127.
//!
//! Both keep the last of duplicate members.

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use newsletter_core::feed::json::{self, Node, Position, Value, MAX_DEPTH};
use proptest::prelude::*;
use serde_json::Value as Json;

/// Our tree as a `serde_json::Value`, with numbers read the way
/// `serde_json` reads them: integers as `u64` or negative `i64` when they
/// fit, anything else (and `-0`) as `f64`. `None` for a number beyond the
/// range of `f64`, which `serde_json` cannot hold.
fn to_serde(node: &Node) -> Option<Json> {
    Some(match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(text) => Json::Number(number(text)?),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(to_serde).collect::<Option<_>>()?),
        // Inserted in order, so the last duplicate wins, as in `serde_json`.
        Value::Object(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| Some((k.clone(), to_serde(v)?)))
                .collect::<Option<_>>()?,
        ),
    })
}

fn number(text: &str) -> Option<serde_json::Number> {
    if !text.contains(['.', 'e', 'E']) {
        let integer = if text.starts_with('-') {
            text.parse::<i64>()
                .ok()
                .filter(|&i| i != 0)
                .map(serde_json::Number::from)
        } else {
            text.parse::<u64>().ok().map(serde_json::Number::from)
        };
        if integer.is_some() {
            return integer;
        }
    }
    // `str::parse` rounds exactly, as `serde_json` does with `float_roundtrip`.
    serde_json::Number::from_f64(text.parse::<f64>().ok()?)
}

/// The byte offset in `text` of a 1-based line and character column, as
/// `parse` reports them (after a leading byte-order mark, which it skips).
/// `None` if the position is not in the text.
fn offset_of(text: &str, at: Position) -> Option<usize> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skipped = text.len() - body.len();
    let mut line_start = 0;
    for _ in 1..at.line {
        line_start += body[line_start..].find('\n')? + 1;
    }
    let line = &body[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let column = usize::try_from(at.column).ok()?.checked_sub(1)?;
    let in_line = line.char_indices().map(|(i, _)| i).chain([line.len()]).nth(column)?;
    Some(skipped + line_start + in_line)
}

/// Checks that every node's position is where its value starts: the text
/// from there, read by `serde_json`, begins with the same value. Returns the
/// number of nodes checked.
fn check_positions(text: &str, node: &Node, path: &str) -> Result<usize, String> {
    let offset = offset_of(text, node.at).ok_or_else(|| format!("{path}: {} is not in the text", node.at))?;
    let expected = to_serde(node).ok_or_else(|| format!("{path}: a number out of range"))?;
    let found = serde_json::Deserializer::from_str(&text[offset..])
        .into_iter::<Json>()
        .next();
    match found {
        Some(Ok(found)) if found == expected => {}
        other => {
            let shown: String = text[offset..].chars().take(30).collect();
            return Err(format!(
                "{path}: {} (byte {offset}, {shown:?}) does not start {expected} but {other:?}",
                node.at
            ));
        }
    }
    let mut checked = 1;
    match &node.value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                checked += check_positions(text, item, &format!("{path}[{i}]"))?;
            }
        }
        Value::Object(members) => {
            for (key, value) in members {
                checked += check_positions(text, value, &format!("{path}.{key:?}"))?;
            }
        }
        _ => {}
    }
    Ok(checked)
}

#[test]
fn jsontestsuite_against_serde_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/peer/jsontestsuite");
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect(),
        Err(err) => {
            eprintln!(
                "jsontestsuite: skipping, {} cannot be read ({err}); it is shared test data \
                 outside the repository (../shared/peer/README.md)",
                dir.display()
            );
            return;
        }
    };
    files.sort();

    let mut failures = Vec::new();
    let mut notes = Vec::new();
    let (mut y, mut y_ok, mut n, mut n_ok, mut i, mut i_ok) = (0, 0, 0, 0, 0, 0);
    let (mut panics, mut agree, mut same_values, mut nodes) = (0, 0, 0, 0);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let utf8 = matches!(text, Cow::Borrowed(_));
        let ours = match catch_unwind(AssertUnwindSafe(|| json::parse(&text))) {
            Ok(result) => result,
            Err(_) => {
                panics += 1;
                failures.push(format!("{name}: parse panicked"));
                continue;
            }
        };
        let theirs = serde_json::from_slice::<Json>(&bytes);

        // What the suite asks.
        let accepted = ours.is_ok();
        match name.as_bytes()[0] {
            b'y' => {
                y += 1;
                y_ok += usize::from(accepted);
                if let Err(err) = &ours {
                    failures.push(format!("{name}: must be accepted, but {err}"));
                }
            }
            b'n' => {
                n += 1;
                n_ok += usize::from(!accepted);
                if accepted {
                    failures.push(format!("{name}: must be rejected, but was accepted"));
                }
            }
            _ => {
                i += 1;
                i_ok += usize::from(accepted);
            }
        }
        // An error must point into the text.
        if let Err(err) = &ours {
            if offset_of(&text, err.at).is_none() {
                failures.push(format!("{name}: error position {} is not in the text", err.at));
            }
        }

        // What serde_json says.
        if accepted == theirs.is_ok() {
            agree += 1;
        } else {
            let note = format!(
                "{name}{}: ours {}, serde_json {}",
                if utf8 { "" } else { " (not UTF-8)" },
                ours.as_ref()
                    .map_or_else(|e| format!("rejects ({e})"), |_| "accepts".into()),
                theirs
                    .as_ref()
                    .map_or_else(|e| format!("rejects ({e})"), |_| "accepts".into()),
            );
            if name.starts_with('y') {
                failures.push(note);
            } else {
                notes.push(note);
            }
        }
        if let (Ok(node), Ok(theirs)) = (&ours, &theirs) {
            match to_serde(node) {
                Some(value) if value == *theirs => same_values += 1,
                value => failures.push(format!("{name}: ours reads {value:?}, serde_json {theirs}")),
            }
            match check_positions(&text, node, "$") {
                Ok(count) => nodes += count,
                Err(err) => failures.push(format!("{name}: {err}")),
            }
        }
    }

    eprintln!(
        "jsontestsuite: y {y_ok}/{y} accepted, n {n_ok}/{n} rejected, i {i} ({i_ok} accepted), {}",
        if panics == 0 {
            "no panics".to_owned()
        } else {
            format!("{panics} panics")
        }
    );
    eprintln!(
        "jsontestsuite vs serde_json: same verdict on {agree}/{} files, same values on all {same_values} \
         read by both, {nodes} value positions checked; differences (none may be y_):",
        files.len()
    );
    for note in &notes {
        eprintln!("  {note}");
    }
    assert!(y > 0 && n > 0, "no y_ or n_ files in {}", dir.display());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn depth_limit_is_serde_jsons_but_one() {
    for depth in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            let ours = json::parse(&text).is_ok();
            let theirs = serde_json::from_str::<Json>(&text).is_ok();
            assert_eq!(ours, depth <= MAX_DEPTH, "depth {depth} of {open}");
            // serde_json's recursion limit is 128 including the top level.
            if depth != MAX_DEPTH {
                assert_eq!(
                    ours, theirs,
                    "depth {depth} of {open}: ours {ours}, serde_json {theirs}"
                );
            }
        }
    }
}

#[test]
fn numbers_read_as_serde_json_reads_them() {
    for text in [
        "0",
        "-0",
        "-0.0",
        "1E+2",
        "1e-400",
        "123.456e-789",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "0.1",
        "2.2250738585072011e-308",
        "1.7976931348623157e308",
        "9007199254740993",
    ] {
        let node = json::parse(text).unwrap();
        assert_eq!(node.value, Value::Number(text.to_owned()));
        assert_eq!(
            to_serde(&node).unwrap(),
            serde_json::from_str::<Json>(text).unwrap(),
            "{text}"
        );
    }
}

/// Strings heavy in what JSON must escape, non-ASCII and astral characters,
/// and whatever else `any::<char>()` gives.
fn string() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{8}', '\u{c}', '\u{1f}', '\u{7f}', 'é', '日', '😀', '\u{2028}',
        '\u{feff}', 'a', ' ',
    ]);
    prop::collection::vec(prop_oneof![special, any::<char>()], 0..10).prop_map(String::from_iter)
}

fn json_value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<u64>().prop_map(Json::from),
        any::<i64>().prop_map(Json::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Json::Number)),
        string().prop_map(Json::String),
    ];
    leaf.prop_recursive(6, 80, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::vec((string(), inner), 0..6).prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

/// Pretty output with tabs for indentation and CRLF line ends (raw line
/// breaks only occur between tokens: `serde_json` escapes them in strings).
fn tabs_and_crlf(pretty: &str) -> String {
    let lines: Vec<String> = pretty
        .lines()
        .map(|line| {
            let rest = line.trim_start_matches(' ');
            "\t".repeat((line.len() - rest.len()) / 2) + rest
        })
        .collect();
    lines.join("\r\n")
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Never write regression files into the repository.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_documents_read_back_with_their_positions(value in json_value()) {
        let texts = [
            serde_json::to_string(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap(),
            tabs_and_crlf(&serde_json::to_string_pretty(&value).unwrap()),
        ];
        for text in &texts {
            let node = json::parse(text).map_err(|e| TestCaseError::fail(format!("{e} in {text}")))?;
            prop_assert_eq!(to_serde(&node), Some(value.clone()), "read back from {}", text);
            check_positions(text, &node, "$").map_err(|e| TestCaseError::fail(format!("{e} in {text}")))?;
        }
    }

    #[test]
    fn cut_documents_are_refused_as_serde_json_refuses_them(value in json_value()) {
        let text = serde_json::to_string_pretty(&value).unwrap();
        for (cut, _) in text.char_indices() {
            let prefix = &text[..cut];
            let ours = catch_unwind(|| json::parse(prefix))
                .map_err(|_| TestCaseError::fail(format!("parse panicked on {prefix:?}")))?;
            let theirs = serde_json::from_str::<Json>(prefix);
            prop_assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{:?}: ours {:?}, serde_json {:?}",
                prefix,
                ours,
                theirs
            );
            if let Err(err) = ours {
                let offset = offset_of(prefix, err.at);
                prop_assert!(offset.is_some(), "{:?}: error {} is not in the text", prefix, err);
            }
        }
    }
}
