//! `newsletter`, the publisher's tool for Newsletter Widget issues.
//!
//! This file reads the command line (with clap) and turns outcomes into
//! exit statuses: 0 when all is well (warnings allowed), 1 on errors, 2 on
//! bad usage (clap's own status for usage errors). The commands live in
//! their own modules; all reading and validating of feeds is the same core
//! the widget is built on (`newsletter_core`).

mod archive;
mod dates;
mod embed;
mod error;
mod files;
mod import;
mod import_html;
mod index;
mod issues;
mod markdown;
mod new_issue;
mod prerender;
mod report;
mod search_index;
mod validate;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::NonEmptyStringValueParser;
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};

use report::emit;

/// Every help page starts with its usage line, then says what the command does.
const HELP_TEMPLATE: &str = "{usage-heading} {usage}\n\n{about-with-newline}\n{all-args}{after-help}";

const AFTER_HELP: &str = "\
Problems are written to standard error, one per line:
  FILE:LINE:COLUMN: error|warning: message
Exit status: 0 when all is well (warnings allowed), 1 on errors, 2 on bad usage.
The Markdown format and every message are described in docs/cli.md.";

const VALIDATE_ABOUT: &str = "\
Checks issue feeds as the widget reads them and reports every problem, with
file, line, column and JSON path:

  issue.json:6:63: error: items[1].tags: expected a list of strings, found a string; story skipped
  issue.json:14:14: warning: items[0].url: unsafe or relative link \"javascript:x\" removed (...)

Errors: the file is not JSON or not a JSON Feed, or a story would be skipped.
Warnings: what the widget would drop or neutralise (unsafe links or markup,
unknown topics, invalid dates) and sources without a URL. A closing line
counts them: '2 files checked: 1 error, 3 warnings'.";

const VALIDATE_AFTER: &str = "\
Exit status: 0 without errors (warnings allowed), 1 with errors or an
unreadable file, 2 on bad usage.";

const NEW_ABOUT: &str = "\
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

  The story's text, in Markdown: **bold**, [links](https://example.org),
  lists, quotes, code, tables.

  # Closing

  The closing words.

The front matter may also set up sign-up ('subscribe.provider: mailchimp',
'subscribe.url: ...'). The full grammar is in docs/cli.md.";

const NEW_AFTER: &str = "\
Nothing is written when the Markdown has errors or a story would be skipped.
Exit status: 0 on success (warnings allowed), 1 on errors, 2 on bad usage.";

const INDEX_ABOUT: &str = "\
Writes DIR/index.json: a JSON Feed whose items are the issues in DIR (its
*.json files, except index.json and feed.json), newest first. Each item has
the issue's title, date, intro (content_text), the intro's first sentence
(summary) and the issue file's address (url). The feed's title is the
newsletter's name (_newsletter.name of the newest issue that has one).

Also writes DIR/search/: the search index across all issues (manifest.json
and shards named by a hash of their text). A rebuild writes only the shards
that changed and removes those no longer named; docs/archive-search.md says
how to publish it.";

const INDEX_AFTER: &str = "\
Nothing is written when an issue is not a feed or has no date.
Exit status: 0 on success, 1 on errors, 2 on bad usage.";

const FEED_ABOUT: &str = "\
Writes every story of every issue in DIR, for feed readers, as a JSON Feed
(DIR/feed.json) and as RSS 2.0 (DIR/feed.xml). Story ids are prefixed with
their issue's date ('2025-12-04/story-id') to be unique across issues.
Stories the widget would skip are left out, with a warning. An item links
to its story's url (or external_url) and has no link when the story has
none: addresses are never made up.";

const FEED_AFTER: &str = "\
Nothing is written when an issue is not a feed or has no date, or when two
stories would share an archive id.
Exit status: 0 on success, 1 on errors, 2 on bad usage.";

const PRERENDER_ABOUT: &str = "\
Writes an issue into an HTML page, so readers see its stories at once, before
the widget's wasm has arrived; the reader then takes the page over. FEED is an
issue feed, or an archive index (then its newest issue is written; it must be
a file next to the index). The HTML goes between these two lines of PAGE,
replacing whatever is there:

  <!-- newsletter:prerender -->
  <!-- /newsletter:prerender -->

The demo page's build runs 'newsletter prerender issues/index.json
dist/index.html' (Trunk.toml).";

const PRERENDER_AFTER: &str = "\
Nothing is written when FEED is not a feed or PAGE has no markers.
Exit status: 0 on success, 1 on errors, 2 on bad usage.";

const EMBED_ABOUT: &str = "\
Writes the snippet a publisher pastes into a host page: the loader's script
and the <newsletter-widget> element, with FEED's issue already written inside
the element's declarative shadow root. Readers see the stories with the page's
HTML, before any script runs and without JavaScript at all, and search engines
index them; the widget then takes the element over and shows the feed as it is
when it loads. FEED is an issue feed, or an archive index (the element gets
archive=\"...\" and the snapshot shows the newest issue, a file next to the
index).

Run it again after publishing each issue (a build step in a static site
generator), and paste or include the new snippet: docs/embedding.md.";

const EMBED_AFTER: &str = "\
Nothing is written when FEED is not a feed.
Exit status: 0 on success, 1 on errors, 2 on bad usage.";

const IMPORT_ABOUT: &str = "\
Turns the posts of RSS 2.0, Atom 1.0 or JSON Feed files (the feeds Substack,
Ghost, Buttondown, beehiiv and WordPress publish) into issue feeds: one file
per post in DIR, named by the post's date and title (2025-12-04-week-49.json),
each checked like 'newsletter validate' before it is written.

A digest post (two or more level-2 headings, or else level-3 ones) becomes one
story per section: the heading is the story's title, the section its text,
and the text before the first heading the issue's intro. Any other post is
one story. Title, date, authors and links carry over; the post's categories
become the issue's topics. Then: 'newsletter index DIR'.

  curl -o posts.xml https://example.substack.com/feed
  newsletter import -o issues posts.xml
  newsletter index issues

Every mapping is described in docs/import.md.";

const IMPORT_AFTER: &str = "\
Files already in DIR are kept unless --force is given. An issue with errors
is not written.
Exit status: 0 on success (warnings allowed), 1 on errors, 2 on bad usage.";

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "newsletter",
    version,
    about = "The publisher's tool for Newsletter Widget issues (JSON Feed 1.1)",
    after_help = AFTER_HELP,
    help_template = HELP_TEMPLATE,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq, Subcommand)]
enum Command {
    #[command(
        about = "Check issue feeds and report every problem",
        long_about = VALIDATE_ABOUT,
        after_help = VALIDATE_AFTER,
        help_template = HELP_TEMPLATE
    )]
    Validate {
        /// The issue feeds to check
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
    #[command(
        about = "Turn a Markdown issue into an issue feed",
        long_about = NEW_ABOUT,
        after_help = NEW_AFTER,
        help_template = HELP_TEMPLATE
    )]
    New {
        /// Write the feed to FILE instead of standard output
        ///
        /// Also --output FILE and --output=FILE; '-o -' is standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The issue, written in Markdown
        #[arg(value_name = "ISSUE.md")]
        input: PathBuf,
    },
    #[command(
        about = "Write DIR/index.json, the list of issues, and DIR/search/",
        long_about = INDEX_ABOUT,
        after_help = INDEX_AFTER,
        help_template = HELP_TEMPLATE
    )]
    Index {
        /// The address DIR is published at
        ///
        /// An absolute http or https URL (also --base-url=URL). Makes the
        /// issues' addresses absolute (URL/2025-12-04.json) and adds feed_url.
        #[arg(long, value_name = "URL", value_parser = issues::base_url)]
        base_url: Option<String>,
        /// The directory of issues
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    #[command(
        about = "Write DIR/feed.json and DIR/feed.xml, every story",
        long_about = FEED_ABOUT,
        after_help = FEED_AFTER,
        help_template = HELP_TEMPLATE
    )]
    Feed {
        /// The address DIR is published at
        ///
        /// An absolute http or https URL (also --base-url=URL). Gives the
        /// feeds their own address (feed_url, atom:link) and a home page link.
        #[arg(long, value_name = "URL", value_parser = issues::base_url)]
        base_url: Option<String>,
        /// The directory of issues
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    #[command(
        about = "Write FEED's issue (or an index's newest) into PAGE as HTML",
        long_about = PRERENDER_ABOUT,
        after_help = PRERENDER_AFTER,
        help_template = HELP_TEMPLATE
    )]
    Prerender {
        /// The feed address the page's reader loads [default: FEED as given]
        ///
        /// The reader only swaps in its own rendering of the issue when it
        /// loads this feed.
        #[arg(long, value_name = "URL", value_parser = NonEmptyStringValueParser::new())]
        src: Option<String>,
        /// An issue feed, or an archive index (its newest issue is written)
        #[arg(value_name = "FEED")]
        feed: PathBuf,
        /// The HTML page to write the issue into, between the markers
        #[arg(value_name = "PAGE")]
        page: PathBuf,
    },
    #[command(
        about = "Write the snippet for a host page, with FEED's issue inside the element",
        long_about = EMBED_ABOUT,
        after_help = EMBED_AFTER,
        help_template = HELP_TEMPLATE
    )]
    Embed {
        /// The feed's published address, which the element loads [default: FEED as given]
        #[arg(long, value_name = "URL", value_parser = NonEmptyStringValueParser::new())]
        src: Option<String>,
        /// Where the widget's bundle (newsletter-widget.js) is published
        #[arg(long, value_name = "URL", default_value = "./", value_parser = NonEmptyStringValueParser::new())]
        bundle: String,
        /// The element's colour scheme
        #[arg(long, value_enum, default_value_t = ThemeArg::Auto)]
        theme: ThemeArg,
        /// The element's language (en, fr, ...) [default: the issue's]
        #[arg(long, value_name = "TAG", value_parser = NonEmptyStringValueParser::new())]
        locale: Option<String>,
        /// Write the snippet into FILE [default: standard output]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// An issue feed, or an archive index
        #[arg(value_name = "FEED")]
        feed: PathBuf,
    },
    #[command(
        about = "Turn the posts of RSS, Atom or JSON Feed files into issue feeds",
        long_about = IMPORT_ABOUT,
        after_help = IMPORT_AFTER,
        help_template = HELP_TEMPLATE
    )]
    Import {
        /// Write the issues into DIR (made when missing) [default: .]
        ///
        /// Also --output DIR and --output=DIR.
        #[arg(short, long, value_name = "DIR", default_value = ".", hide_default_value = true)]
        output: PathBuf,
        /// The newsletter's name (_newsletter.name) [default: the feed's title]
        #[arg(long, value_name = "NAME", value_parser = NonEmptyStringValueParser::new())]
        name: Option<String>,
        /// Make every post one story, even with headings
        #[arg(long)]
        no_split: bool,
        /// Replace files already in DIR
        #[arg(long)]
        force: bool,
        /// The feeds to import ('-' is standard input)
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    // Help and the version are clap "errors" too: `exit` prints them on
    // standard output with status 0, and usage errors on standard error
    // with status 2.
    let command = parse(std::env::args_os()).unwrap_or_else(|error| error.exit());
    let (stdout, stderr) = (io::stdout(), io::stderr());
    ExitCode::from(execute(command, &mut stdout.lock(), &mut stderr.lock()))
}

/// Reads the command line `args`, the program's name first.
fn parse<I, T>(args: I) -> Result<Command, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let Cli { command } = Cli::try_parse_from(args)?;
    match command {
        Command::New { input, output } => {
            // `-o -` is standard output, as many tools read it.
            let output = output.filter(|o| o.as_os_str() != "-");
            if output.as_ref() == Some(&input) {
                return Err(usage_error(
                    "new",
                    ErrorKind::ArgumentConflict,
                    "the output file would overwrite ISSUE.md",
                ));
            }
            Ok(Command::New { input, output })
        }
        other => Ok(other),
    }
}

/// A usage error that clap's checks cannot see, shown like clap's own,
/// with the usage of `subcommand`.
fn usage_error(subcommand: &str, kind: ErrorKind, message: &str) -> clap::Error {
    let mut cli = Cli::command();
    cli.build();
    match cli.find_subcommand_mut(subcommand) {
        Some(command) => command.error(kind, message),
        None => cli.error(kind, message),
    }
}

/// `--theme`'s values, the element's `theme` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ThemeArg {
    Auto,
    Light,
    Dark,
}

impl From<ThemeArg> for newsletter_core::embed::Theme {
    fn from(theme: ThemeArg) -> Self {
        match theme {
            ThemeArg::Auto => Self::Auto,
            ThemeArg::Light => Self::Light,
            ThemeArg::Dark => Self::Dark,
        }
    }
}

/// Runs `command`; returns the exit status.
fn execute(command: Command, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let outcome = match command {
        Command::Validate { files } => return validate::run(&files, stderr),
        Command::New { input, output } => new_issue::run(&input, output.as_deref(), stdout, stderr),
        Command::Index { dir, base_url } => index::run(&dir, base_url.as_deref(), stderr),
        Command::Feed { dir, base_url } => archive::run(&dir, base_url.as_deref(), stderr),
        Command::Prerender { feed, page, src } => prerender::run(&feed, &page, src.as_deref(), stderr),
        Command::Embed {
            src,
            bundle,
            theme,
            locale,
            output,
            feed,
        } => {
            let options = embed::Options {
                src,
                bundle,
                theme: theme.into(),
                locale,
                output: output.filter(|o| o.as_os_str() != "-"),
            };
            embed::run(&feed, &options, stdout, stderr)
        }
        Command::Import {
            files,
            output,
            name,
            no_split,
            force,
        } => {
            let options = import::Options {
                output,
                name,
                split: !no_split,
                force,
            };
            return import::run(&files, &options, stderr);
        }
    };
    match outcome {
        Ok(()) => 0,
        Err(error) => {
            emit(stderr, format_args!("newsletter: {error}"));
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        std::iter::once("newsletter")
            .chain(line.split_whitespace())
            .map(OsString::from)
            .collect()
    }

    fn parsed(line: &str) -> Command {
        parse(args(line)).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    /// The error for `line`, as clap prints it.
    fn usage_error(line: &str) -> (ErrorKind, String) {
        match parse(args(line)) {
            Err(error) => {
                assert_eq!(error.exit_code(), 2, "{line}: {error}");
                (error.kind(), error.to_string())
            }
            Ok(command) => panic!("{line}: expected a usage error, got {command:?}"),
        }
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn reads_each_command() {
        assert_eq!(
            parsed("validate a.json b.json"),
            Command::Validate {
                files: vec!["a.json".into(), "b.json".into()]
            }
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
            parsed("prerender --src https://e.org/i.json issues/index.json dist/index.html"),
            Command::Prerender {
                feed: "issues/index.json".into(),
                page: "dist/index.html".into(),
                src: Some("https://e.org/i.json".into())
            }
        );
        assert_eq!(
            parsed("import -o issues --name Weekly --no-split a.xml -"),
            Command::Import {
                files: vec!["a.xml".into(), "-".into()],
                output: "issues".into(),
                name: Some("Weekly".into()),
                no_split: true,
                force: false
            }
        );
        assert_eq!(
            parsed("import --force a.xml"),
            Command::Import {
                files: vec!["a.xml".into()],
                output: ".".into(),
                name: None,
                no_split: false,
                force: true
            }
        );
        assert_eq!(
            parsed("validate -- -odd.json"),
            Command::Validate {
                files: vec!["-odd.json".into()]
            }
        );
    }

    #[test]
    fn reads_help_and_version() {
        for line in ["--help", "-h", "help", "help feed", "new --help", "validate a.json -h"] {
            let error = parse(args(line)).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::DisplayHelp, "{line}");
            assert_eq!(error.exit_code(), 0, "{line}");
        }
        let error = parse(args("-V")).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::DisplayVersion);
        assert_eq!(error.to_string(), "newsletter 0.1.0\n");
    }

    #[test]
    fn explains_bad_usage() {
        for (line, kind, says) in [
            (
                "",
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand,
                "Usage: newsletter <COMMAND>",
            ),
            (
                "publish x",
                ErrorKind::InvalidSubcommand,
                "unrecognized subcommand 'publish'",
            ),
            ("--fast", ErrorKind::UnknownArgument, "unexpected argument '--fast'"),
            ("validate", ErrorKind::MissingRequiredArgument, "<FILE>..."),
            (
                "validate --strict a.json",
                ErrorKind::UnknownArgument,
                "unexpected argument '--strict'",
            ),
            ("new", ErrorKind::MissingRequiredArgument, "<ISSUE.md>"),
            (
                "new a.md b.md",
                ErrorKind::UnknownArgument,
                "unexpected argument 'b.md'",
            ),
            ("new a.md -o", ErrorKind::InvalidValue, "'--output <FILE>'"),
            ("new a.md -o x -o y", ErrorKind::ArgumentConflict, "'--output <FILE>'"),
            (
                "new -o a.md a.md",
                ErrorKind::ArgumentConflict,
                "the output file would overwrite ISSUE.md",
            ),
            ("index", ErrorKind::MissingRequiredArgument, "<DIR>"),
            ("feed --base-url=x", ErrorKind::ValueValidation, "'--base-url <URL>'"),
            ("prerender --src= a b", ErrorKind::InvalidValue, "'--src <URL>'"),
            ("import", ErrorKind::MissingRequiredArgument, "<FILE>..."),
            ("import --name= a.xml", ErrorKind::InvalidValue, "'--name <NAME>'"),
            ("help me", ErrorKind::InvalidSubcommand, "unrecognized subcommand 'me'"),
        ] {
            let (found, text) = usage_error(line);
            assert_eq!(found, kind, "{line}: {text}");
            assert!(text.contains(says), "{line}: {text}");
        }
    }

    #[test]
    fn a_bad_base_url_is_bad_usage() {
        let (kind, text) = usage_error("feed --base-url /issues/ dir");
        assert_eq!(kind, ErrorKind::ValueValidation);
        assert!(
            text.starts_with(
                "error: invalid value '/issues/' for '--base-url <URL>': \
                 not an absolute http or https URL without '?' or '#'\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn usage_errors_name_the_command_and_point_to_help() {
        let (_, text) = usage_error("new --fast x.md");
        assert_eq!(
            text,
            "error: unexpected argument '--fast' found\n\n\
             \x20 tip: to pass '--fast' as a value, use '-- --fast'\n\n\
             Usage: newsletter new [OPTIONS] <ISSUE.md>\n\n\
             For more information, try '--help'.\n"
        );
        let (_, text) = usage_error("new -o a.md a.md");
        assert!(text.contains("Usage: newsletter new [OPTIONS] <ISSUE.md>"), "{text}");
    }

    #[test]
    fn every_command_has_help_that_starts_with_its_usage() {
        let mut cli = Cli::command();
        cli.build();
        let general = cli.render_long_help().to_string();
        assert!(general.starts_with("Usage: newsletter <COMMAND>"), "{general}");
        for command in cli.get_subcommands_mut().filter(|c| c.get_name() != "help") {
            let name = command.get_name().to_owned();
            assert!(general.contains(&format!("\n  {name} ")), "{name} is not listed");
            for help in [command.render_help(), command.render_long_help()] {
                let help = help.to_string();
                assert!(help.starts_with(&format!("Usage: newsletter {name} ")), "{help}");
                assert!(help.contains("Exit status: 0"), "{help}");
            }
        }
    }
}
