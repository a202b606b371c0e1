//! `newsletter`, the publisher's tool for Newsletter Widget issues.
//!
//! This file reads the command line and turns outcomes into exit statuses:
//! 0 when all is well (warnings allowed), 1 on errors, 2 on bad usage. The
//! commands live in their own modules; all reading and validating of feeds
//! is the same core the widget is built on (`newsletter_core`).

mod archive;
mod error;
mod files;
mod html;
mod index;
mod issues;
mod markdown;
mod new_issue;
mod prerender;
mod report;
mod validate;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use error::CliError;
use report::emit;

const GENERAL_HELP: &str = "\
newsletter: the publisher's tool for Newsletter Widget issues (JSON Feed 1.1)

Usage:
  newsletter validate FILE...             check issue feeds and report every problem
  newsletter new [-o FILE] ISSUE.md       turn a Markdown issue into an issue feed
  newsletter index [--base-url URL] DIR   write DIR/index.json, the list of issues
  newsletter feed [--base-url URL] DIR    write DIR/feed.json and DIR/feed.xml, every story
  newsletter prerender [--src URL] FEED PAGE
                                          write FEED's issue (or an index's newest) into PAGE as HTML
  newsletter help [COMMAND]               show this help, or a command's

Options:
  -h, --help      show help ('newsletter new --help' for a command's)
  -V, --version   show the version

Problems are written to standard error, one per line: FILE:LINE:COLUMN: error|warning: message.
Exit status: 0 when all is well (warnings allowed), 1 on errors, 2 on bad usage.
The Markdown format and every message are described in docs/cli.md.
";

const VALIDATE_HELP: &str = "\
Usage: newsletter validate FILE...

Checks issue feeds as the widget reads them and reports every problem, with
file, line, column and JSON path:

  issue.json:6:63: error: items[1].tags: expected a list of strings, found a string; story skipped
  issue.json:14:14: warning: items[0].url: unsafe or relative link \"javascript:x\" removed (...)

Errors: the file is not JSON or not a JSON Feed, or a story would be skipped.
Warnings: what the widget would drop or neutralise (unsafe links or markup,
unknown topics, invalid dates) and sources without a URL. A closing line
counts them: '2 files checked: 1 error, 3 warnings'.

Exit status: 0 without errors (warnings allowed), 1 with errors or an
unreadable file, 2 on bad usage.
";

const NEW_HELP: &str = "\
Usage: newsletter new [-o FILE] ISSUE.md

Turns an issue written in Markdown into an issue feed (JSON Feed 1.1), then
checks it like 'newsletter validate', reporting problems at the Markdown
line they come from.

  ---
  title: Week 49
  name: Example Newsletter
  issue_date: 2025-12-04
  topic: gene-therapy = Gene therapy
  ---

  # This week

  The intro.

  ## A headline
  Id: a-headline
  Topics: Gene therapy
  Sources: Press release <https://example.org/press>; Investor call

  The story's text.

  # Closing

  The closing words.

The full grammar is in docs/cli.md.

Options:
  -o, --output FILE   write the feed to FILE instead of standard output
  -h, --help          show this help

Nothing is written when the Markdown has errors or a story would be skipped.
Exit status: 0 on success (warnings allowed), 1 on errors, 2 on bad usage.
";

const INDEX_HELP: &str = "\
Usage: newsletter index [--base-url URL] DIR

Writes DIR/index.json: a JSON Feed whose items are the issues in DIR (its
*.json files, except index.json and feed.json), newest first. Each item has
the issue's title, date, intro (content_text), the intro's first sentence
(summary) and the issue file's address (url). The feed's title is the
newsletter's name (_newsletter.name of the newest issue that has one).

Options:
  --base-url URL   the address DIR is published at; makes the issues'
                   addresses absolute (URL/2025-12-04.json) and adds feed_url
  -h, --help       show this help

Nothing is written when an issue is not a feed or has no date.
Exit status: 0 on success, 1 on errors, 2 on bad usage.
";

const FEED_HELP: &str = "\
Usage: newsletter feed [--base-url URL] DIR

Writes every story of every issue in DIR, for feed readers, as a JSON Feed
(DIR/feed.json) and as RSS 2.0 (DIR/feed.xml). Story ids are prefixed with
their issue's date ('2025-12-04/story-id') to be unique across issues.
Stories the widget would skip are left out, with a warning. An item links
to its story's url (or external_url) and has no link when the story has
none: addresses are never made up.

Options:
  --base-url URL   the address DIR is published at; gives the feeds their
                   own address (feed_url, atom:link) and a home page link
  -h, --help       show this help

Nothing is written when an issue is not a feed or has no date, or when two
stories would share an archive id.
Exit status: 0 on success, 1 on errors, 2 on bad usage.
";

const PRERENDER_HELP: &str = "\
Usage: newsletter prerender [--src URL] FEED PAGE

Writes an issue into an HTML page, so readers see its stories at once, before
the widget's wasm has arrived; the reader then takes the page over. FEED is an
issue feed, or an archive index (then its newest issue is written; it must be
a file next to the index). The HTML goes between these two lines of PAGE,
replacing whatever is there:

  <!-- newsletter:prerender -->
  <!-- /newsletter:prerender -->

The demo page's build runs 'newsletter prerender issues/index.json
dist/index.html' (Trunk.toml).

Options:
  --src URL    the feed address the page's reader loads (default: FEED as
               given); the reader only swaps in its own rendering of it
  -h, --help   show this help

Nothing is written when FEED is not a feed or PAGE has no markers.
Exit status: 0 on success, 1 on errors, 2 on bad usage.
";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    /// Help, on standard output: the general help, or a command's.
    Help(Option<&'static str>),
    Version,
    Validate(Vec<PathBuf>),
    New {
        input: PathBuf,
        output: Option<PathBuf>,
    },
    Index {
        dir: PathBuf,
        base_url: Option<String>,
    },
    Feed {
        dir: PathBuf,
        base_url: Option<String>,
    },
    Prerender {
        feed: PathBuf,
        page: PathBuf,
        src: Option<String>,
    },
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let (stdout, stderr) = (io::stdout(), io::stderr());
    ExitCode::from(run(&args, &mut stdout.lock(), &mut stderr.lock()))
}

/// Runs the command line `args` (without the program name); returns the
/// exit status.
fn run(args: &[OsString], stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let outcome = parse(args).and_then(|command| execute(command, stdout, stderr));
    match outcome {
        Ok(status) => status,
        Err(error) => {
            emit(stderr, format_args!("newsletter: {error}"));
            if let CliError::Usage { command, .. } = &error {
                match command {
                    Some(name) => emit(stderr, format_args!("Try 'newsletter {name} --help'.")),
                    None => {
                        let _ = write!(stderr, "\n{GENERAL_HELP}");
                    }
                }
            }
            error.exit_code()
        }
    }
}

fn execute(command: Command, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<u8, CliError> {
    match command {
        Command::Help(topic) => {
            let _ = stdout.write_all(help(topic).as_bytes());
            Ok(0)
        }
        Command::Version => {
            emit(stdout, format_args!("newsletter {}", env!("CARGO_PKG_VERSION")));
            Ok(0)
        }
        Command::Validate(files) => Ok(validate::run(&files, stderr)),
        Command::New { input, output } => {
            new_issue::run(&input, output.as_deref(), stdout, stderr)?;
            Ok(0)
        }
        Command::Index { dir, base_url } => {
            index::run(&dir, base_url.as_deref(), stderr)?;
            Ok(0)
        }
        Command::Feed { dir, base_url } => {
            archive::run(&dir, base_url.as_deref(), stderr)?;
            Ok(0)
        }
        Command::Prerender { feed, page, src } => {
            prerender::run(&feed, &page, src.as_deref(), stderr)?;
            Ok(0)
        }
    }
}

fn help(topic: Option<&str>) -> &'static str {
    match topic {
        Some("validate") => VALIDATE_HELP,
        Some("new") => NEW_HELP,
        Some("index") => INDEX_HELP,
        Some("feed") => FEED_HELP,
        Some("prerender") => PRERENDER_HELP,
        _ => GENERAL_HELP,
    }
}

const COMMANDS: [&str; 5] = ["validate", "new", "index", "feed", "prerender"];

fn parse(args: &[OsString]) -> Result<Command, CliError> {
    let Some(first) = args.first() else {
        return Err(CliError::usage(None, "a command is needed"));
    };
    let name = first.to_string_lossy();
    let rest = &args[1..];
    match name.as_ref() {
        "-h" | "--help" => Ok(Command::Help(None)),
        "-V" | "--version" => Ok(Command::Version),
        "help" => match rest {
            [] => Ok(Command::Help(None)),
            [topic] => {
                let topic = topic.to_string_lossy();
                COMMANDS
                    .iter()
                    .find(|c| **c == topic)
                    .map(|c| Command::Help(Some(c)))
                    .ok_or_else(|| CliError::usage(None, format!("no help on '{topic}': there is no such command")))
            }
            _ => Err(CliError::usage(None, "'help' takes at most one command")),
        },
        "validate" => {
            let Parsed { positional, .. } = match options(rest, "validate", &[])? {
                Options::Help => return Ok(Command::Help(Some("validate"))),
                Options::Parsed(parsed) => parsed,
            };
            if positional.is_empty() {
                return Err(CliError::usage(
                    Some("validate"),
                    "'validate' needs at least one FILE to check",
                ));
            }
            Ok(Command::Validate(positional.into_iter().map(PathBuf::from).collect()))
        }
        "new" => {
            let parsed = match options(rest, "new", &["-o", "--output"])? {
                Options::Help => return Ok(Command::Help(Some("new"))),
                Options::Parsed(parsed) => parsed,
            };
            let input = one_positional(parsed.positional, "new", "ISSUE.md")?;
            let output = parsed.values.into_iter().next().map(|(_, v)| PathBuf::from(v));
            // `-o -` is standard output, as many tools read it.
            let output = output.filter(|o| o.as_os_str() != "-");
            if output.as_ref() == Some(&input) {
                return Err(CliError::usage(Some("new"), "the output file would overwrite ISSUE.md"));
            }
            Ok(Command::New { input, output })
        }
        "index" | "feed" => {
            let command = if name == "index" { "index" } else { "feed" };
            let parsed = match options(rest, command, &["--base-url"])? {
                Options::Help => return Ok(Command::Help(Some(command))),
                Options::Parsed(parsed) => parsed,
            };
            let dir = one_positional(parsed.positional, command, "DIR")?;
            let base_url = match parsed.values.into_iter().next() {
                Some((_, raw)) => Some(issues::base_url(&raw.to_string_lossy())?),
                None => None,
            };
            Ok(if command == "index" {
                Command::Index { dir, base_url }
            } else {
                Command::Feed { dir, base_url }
            })
        }
        "prerender" => {
            let parsed = match options(rest, "prerender", &["--src"])? {
                Options::Help => return Ok(Command::Help(Some("prerender"))),
                Options::Parsed(parsed) => parsed,
            };
            let [feed, page] = <[OsString; 2]>::try_from(parsed.positional)
                .map_err(|_| CliError::usage(Some("prerender"), "'prerender' needs two arguments: FEED and PAGE"))?;
            Ok(Command::Prerender {
                feed: feed.into(),
                page: page.into(),
                src: parsed
                    .values
                    .into_iter()
                    .next()
                    .map(|(_, v)| v.to_string_lossy().into_owned()),
            })
        }
        other if other.starts_with('-') => Err(CliError::usage(
            None,
            format!("unknown option '{other}': options come after the command"),
        )),
        other => Err(CliError::usage(
            None,
            format!("unknown command '{other}': the commands are {}", COMMANDS.join(", ")),
        )),
    }
}

/// Options and arguments after the command.
#[derive(Debug, Default)]
struct Parsed {
    /// Options that take a value: (name as given, value).
    values: Vec<(String, OsString)>,
    /// Arguments that are not options.
    positional: Vec<OsString>,
}

enum Options {
    Help,
    Parsed(Parsed),
}

/// Reads `args`: `--help`, the value options in `takes_value` (as
/// `-o FILE`, `--output FILE` or `--output=FILE`; each at most once), `--`
/// to end options, and the rest as positional arguments. `-` alone is
/// positional.
fn options(args: &[OsString], command: &'static str, takes_value: &[&'static str]) -> Result<Options, CliError> {
    let mut parsed = Parsed::default();
    let mut iter = args.iter();
    let mut only_positional = false;
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        if only_positional || !text.starts_with('-') || text == "-" {
            parsed.positional.push(arg.clone());
            continue;
        }
        if text == "--" {
            only_positional = true;
            continue;
        }
        if text == "-h" || text == "--help" {
            return Ok(Options::Help);
        }
        let (name, inline) = match text.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name.to_owned(), Some(OsString::from(value))),
            _ => (text.clone().into_owned(), None),
        };
        let Some(option) = takes_value.iter().copied().find(|o| *o == name) else {
            return Err(CliError::usage(
                Some(command),
                format!("unknown option '{name}' for '{command}'"),
            ));
        };
        let value = match inline {
            Some(value) => value,
            None => iter
                .next()
                .cloned()
                .ok_or_else(|| CliError::usage(Some(command), format!("option '{option}' needs a value")))?,
        };
        if value.is_empty() {
            return Err(CliError::usage(
                Some(command),
                format!("option '{option}' needs a value"),
            ));
        }
        if !parsed.values.is_empty() {
            return Err(CliError::usage(
                Some(command),
                format!("option '{option}' is given twice"),
            ));
        }
        parsed.values.push((option.to_owned(), value));
    }
    Ok(Options::Parsed(parsed))
}

fn one_positional(positional: Vec<OsString>, command: &'static str, what: &str) -> Result<PathBuf, CliError> {
    match <[OsString; 1]>::try_from(positional) {
        Ok([one]) => Ok(PathBuf::from(one)),
        Err(all) if all.is_empty() => Err(CliError::usage(Some(command), format!("'{command}' needs {what}"))),
        Err(all) => Err(CliError::usage(
            Some(command),
            format!("'{command}' takes one {what}, not {}", all.len()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split_whitespace().map(OsString::from).collect()
    }

    fn parsed(line: &str) -> Command {
        parse(&args(line)).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    fn usage_error(line: &str) -> String {
        match parse(&args(line)) {
            Err(error @ CliError::Usage { .. }) => error.to_string(),
            other => panic!("{line}: expected a usage error, got {other:?}"),
        }
    }

    #[test]
    fn reads_each_command() {
        assert_eq!(
            parsed("validate a.json b.json"),
            Command::Validate(vec!["a.json".into(), "b.json".into()])
        );
        assert_eq!(
            parsed("new issue.md"),
            Command::New {
                input: "issue.md".into(),
                output: None
            }
        );
        for line in [
            "new -o out.json issue.md",
            "new issue.md --output out.json",
            "new --output=out.json issue.md",
        ] {
            assert_eq!(
                parsed(line),
                Command::New {
                    input: "issue.md".into(),
                    output: Some("out.json".into())
                },
                "{line}"
            );
        }
        assert_eq!(
            parsed("new -o - issue.md"),
            Command::New {
                input: "issue.md".into(),
                output: None
            }
        );
        assert_eq!(
            parsed("index issues"),
            Command::Index {
                dir: "issues".into(),
                base_url: None
            }
        );
        assert_eq!(
            parsed("feed --base-url https://example.org/issues issues"),
            Command::Feed {
                dir: "issues".into(),
                base_url: Some("https://example.org/issues/".into())
            }
        );
        assert_eq!(
            parsed("validate -- -odd.json"),
            Command::Validate(vec!["-odd.json".into()])
        );
    }

    #[test]
    fn reads_help_and_version() {
        assert_eq!(parsed("--help"), Command::Help(None));
        assert_eq!(parsed("help"), Command::Help(None));
        assert_eq!(parsed("help feed"), Command::Help(Some("feed")));
        assert_eq!(parsed("new --help"), Command::Help(Some("new")));
        assert_eq!(parsed("validate a.json -h"), Command::Help(Some("validate")));
        assert_eq!(parsed("-V"), Command::Version);
    }

    #[test]
    fn explains_bad_usage() {
        assert_eq!(usage_error(""), "a command is needed");
        assert_eq!(
            usage_error("publish x"),
            "unknown command 'publish': the commands are validate, new, index, feed, prerender"
        );
        assert_eq!(
            usage_error("--fast"),
            "unknown option '--fast': options come after the command"
        );
        assert_eq!(usage_error("validate"), "'validate' needs at least one FILE to check");
        assert_eq!(
            usage_error("validate --strict a.json"),
            "unknown option '--strict' for 'validate'"
        );
        assert_eq!(usage_error("new"), "'new' needs ISSUE.md");
        assert_eq!(usage_error("new a.md b.md"), "'new' takes one ISSUE.md, not 2");
        assert_eq!(usage_error("new a.md -o"), "option '-o' needs a value");
        assert_eq!(usage_error("new a.md -o x -o y"), "option '-o' is given twice");
        assert_eq!(
            usage_error("new -o a.md a.md"),
            "the output file would overwrite ISSUE.md"
        );
        assert_eq!(usage_error("index"), "'index' needs DIR");
        assert_eq!(usage_error("feed --base-url=x"), "'feed' needs DIR");
        assert_eq!(usage_error("help me"), "no help on 'me': there is no such command");
    }

    #[test]
    fn a_bad_base_url_is_bad_usage() {
        let error = parse(&args("feed --base-url /issues/ dir")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "--base-url \"/issues/\" is not an absolute http or https URL without '?' or '#'"
        );
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn usage_errors_point_to_help_and_exit_with_2() {
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        assert_eq!(run(&args("new --fast x.md"), &mut stdout, &mut stderr), 2);
        assert_eq!(
            String::from_utf8(stderr).unwrap(),
            "newsletter: unknown option '--fast' for 'new'\nTry 'newsletter new --help'.\n"
        );
        assert!(stdout.is_empty());
    }

    #[test]
    fn every_command_has_help() {
        for command in COMMANDS {
            assert!(help(Some(command)).starts_with(&format!("Usage: newsletter {command}")));
            assert!(GENERAL_HELP.contains(&format!("newsletter {command} ")));
        }
    }
}
