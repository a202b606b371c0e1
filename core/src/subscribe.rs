//! Subscribing, without a server of our own: what the form sends to the
//! publisher's email provider, and what the provider's answer means.
//!
//! The browser layer only carries out a [`Submission`] (a `fetch`, a JSONP
//! script, a form posted into a new tab, or a `mailto:` link) and hands the
//! answer back to [`read_fetch_reply`] or [`read_mailchimp_reply`]. Every
//! decision (the address, field names, encoding, how an answer reads) is made
//! here, from each provider's documented contract; `docs/subscribe.md` lists
//! those contracts and their sources.
//!
//! The settings come from the feed's `_newsletter.subscribe` object
//! ([`read_config`]). A feed is untrusted, so every address passes
//! [`safe_link`](crate::url::safe_link) and identifiers that become part of
//! an address are checked character by character.

mod config;
mod encode;
pub mod form;
#[cfg(test)]
mod tests;

pub use config::read_config;

use crate::feed::json::{self, Node, Value};
use crate::html::parse::HtmlParser;
use crate::html::sanitize::{sanitize_with, text_of};
use crate::locale::Language;
use crate::url::WebUrl;
use encode::{json_string, percent_encode};

/// How long the form waits for a reply when the feed does not say.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
/// The shortest `timeout_ms` accepted.
pub const MIN_TIMEOUT_MS: u32 = 1_000;
/// The longest `timeout_ms` accepted.
pub const MAX_TIMEOUT_MS: u32 = 120_000;

/// Where and how the form sends a subscription. Every address here has been
/// checked when the feed was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provider {
    /// A JSON endpoint (Formspree, or the publisher's own): POST
    /// `{"email", "name"}` with `Accept: application/json` to `url`.
    Json { url: String },
    /// A listmonk installation: POST `{email, name, list_uuids}` to
    /// `{url}/api/public/subscription`. `url` is the installation's root,
    /// without a trailing `/`.
    Listmonk { url: String, list_uuids: Vec<String> },
    /// A Mailchimp embedded form, answered by JSONP. `action` is the form's
    /// action as Mailchimp gives it, `https://X.list-manage.com/subscribe/post?u=…&id=…`
    /// (with any other parameters, such as `f_id`, kept); `u` and `id` are
    /// its account and audience ids, which also name the honeypot field.
    Mailchimp { action: String, u: String, id: String },
    /// Buttondown's embed form endpoint, posted natively into a new tab.
    Buttondown { action: String },
    /// A Kit (ConvertKit) form's endpoint, posted natively into a new tab.
    Kit { action: String },
    /// Any HTML form endpoint, posted natively into a new tab.
    Form {
        action: String,
        /// The name of the email field.
        email_field: String,
        /// The name of the name field.
        name_field: String,
        /// Extra fields sent as they are (hidden inputs).
        fields: Vec<(String, String)>,
    },
    /// No provider: the reader's email app writes to `address`.
    Mailto { address: String },
}

impl Provider {
    /// The provider's name as written in `_newsletter.subscribe.provider`.
    pub fn name(&self) -> &'static str {
        match self {
            Provider::Json { .. } => "json",
            Provider::Listmonk { .. } => "listmonk",
            Provider::Mailchimp { .. } => "mailchimp",
            Provider::Buttondown { .. } => "buttondown",
            Provider::Kit { .. } => "kit",
            Provider::Form { .. } => "form",
            Provider::Mailto { .. } => "mailto",
        }
    }

    /// Names the list this provider signs readers up to, so that the other
    /// box of a page can tell it is the same list (and say so once a reader
    /// has subscribed). Built from the fields, not from `Debug`, whose code
    /// the widget would otherwise ship for this alone.
    pub fn list_key(&self) -> String {
        let (destination, extra) = match self {
            Provider::Json { url } => (url, String::new()),
            Provider::Listmonk { url, list_uuids } => (url, list_uuids.join(",")),
            Provider::Mailchimp { action, .. } | Provider::Buttondown { action } | Provider::Kit { action } => {
                (action, String::new())
            }
            Provider::Form { action, fields, .. } => {
                let fields: Vec<String> = fields.iter().map(|(name, value)| format!("{name}={value}")).collect();
                (action, fields.join("&"))
            }
            Provider::Mailto { address } => (address, String::new()),
        };
        format!("{} {destination} {extra}", self.name())
    }

    /// Whether the form should ask for a name. Buttondown's embed form has
    /// no name field, so the name would be lost.
    pub fn collects_name(&self) -> bool {
        !matches!(self, Provider::Buttondown { .. })
    }
}

/// The consent line under the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    /// What the reader agrees to, as plain text.
    pub text: String,
    /// A safe web link to the privacy policy.
    pub privacy_url: Option<String>,
}

/// The subscribe box, read from `_newsletter.subscribe`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscribeConfig {
    /// The box's heading.
    pub title: Option<String>,
    /// A sentence under the heading.
    pub text: Option<String>,
    /// Where subscriptions go. `None` when nothing usable is configured: the
    /// whole box is then hidden, because a form that cannot send would only
    /// disappoint readers.
    pub provider: Option<Provider>,
    /// An optional consent line with a privacy link.
    pub consent: Option<Consent>,
    /// Whether the provider sends a confirmation email first, so success
    /// reads "Check your inbox to confirm". Default `true`.
    pub double_opt_in: bool,
    /// How long to wait for a reply before offering Retry, in milliseconds.
    pub timeout_ms: u32,
}

impl Default for SubscribeConfig {
    fn default() -> Self {
        SubscribeConfig {
            title: None,
            text: None,
            provider: None,
            consent: None,
            double_opt_in: true,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }
}

impl SubscribeConfig {
    /// Whether the subscribe box is shown at all.
    pub fn shows_form(&self) -> bool {
        self.provider.is_some()
    }
}

/// What the reader typed, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    /// A checked, trimmed email address.
    pub email: String,
    /// The name, if one was given (trimmed, runs of white space made one space).
    pub name: Option<String>,
}

impl Subscriber {
    /// Checks the email field and tidies the name field.
    pub fn new(email: &str, name: &str) -> Result<Subscriber, EmailProblem> {
        let email = check_email(email)?;
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok(Subscriber {
            email,
            name: Some(name).filter(|n| !n.is_empty()),
        })
    }
}

/// Why an email address is refused before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailProblem {
    /// Nothing was typed.
    #[error("Enter your email address.")]
    Empty,
    /// It does not look like an email address.
    #[error("Enter an email address like name@example.com.")]
    Invalid,
}

impl EmailProblem {
    /// What the reader reads, in their language.
    pub fn message(self, language: Language) -> &'static str {
        let words = language.words();
        match self {
            EmailProblem::Empty => words.email_empty,
            EmailProblem::Invalid => words.email_invalid,
        }
    }
}

/// The longest address accepted (RFC 5321's limit for a forward path).
const MAX_EMAIL_LENGTH: usize = 254;

/// Checks an email address the practical way, as providers do: one `@`, a
/// local part, a domain with a dot and no empty parts, no spaces, at most
/// 254 characters. Characters that would need quotes in the local part
/// (`"(),:;<>[\]`) are refused too. Returns the address trimmed.
pub fn check_email(raw: &str) -> Result<String, EmailProblem> {
    let email = raw.trim();
    if email.is_empty() {
        return Err(EmailProblem::Empty);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(EmailProblem::Invalid);
    };
    let valid = email.chars().count() <= MAX_EMAIL_LENGTH
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && !local.is_empty()
        && !local.chars().any(|c| "\"(),:;<>[\\]@".contains(c))
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if valid {
        Ok(email.to_owned())
    } else {
        Err(EmailProblem::Invalid)
    }
}

/// What the browser layer must do to subscribe someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submission {
    /// `fetch(url, {method: "POST", body, headers})`, without credentials;
    /// read the answer with [`read_fetch_reply`].
    Fetch {
        url: String,
        /// JSON text.
        body: String,
        headers: Vec<(String, String)>,
    },
    /// A JSONP request: add a `<script>` whose `src` is `url` followed by
    /// `&c=<callback name>`; the callback receives `{result, msg}` for
    /// [`read_mailchimp_reply`].
    Jsonp { url: String },
    /// A native form POST (`application/x-www-form-urlencoded`) of `fields`
    /// to `action`, into a new tab; the provider's page takes over from there.
    FormPost {
        action: String,
        fields: Vec<(String, String)>,
    },
    /// Open this `mailto:` link.
    Mailto { href: String },
}

impl Submission {
    /// What to tell the reader once a submission that gets no reply has
    /// been handed over.
    pub fn handed_over_message(&self, language: Language) -> Option<&'static str> {
        match self {
            Submission::FormPost { .. } => Some(language.words().handed_over_form),
            Submission::Mailto { .. } => Some(language.words().handed_over_mailto),
            Submission::Fetch { .. } | Submission::Jsonp { .. } => None,
        }
    }
}

/// Lays an embed's `subscribe` attribute (a JSON object with the keys of
/// `_newsletter.subscribe`) over the feed's settings: the attribute's
/// provider settings replace the feed's; its title and text replace the
/// feed's only when given. Problems go to `notices`, as for a feed.
pub fn override_config(
    feed: &SubscribeConfig,
    attribute: &str,
    notices: &mut Vec<crate::feed::notice::Notice>,
) -> Result<SubscribeConfig, json::SyntaxError> {
    let node = json::parse(attribute)?;
    let mut config = read_config(&node, notices);
    config.title = config.title.or_else(|| feed.title.clone());
    config.text = config.text.or_else(|| feed.text.clone());
    Ok(config)
}

/// Whether `url` may be loaded as a JSONP script: `https:` on Mailchimp's
/// own form host, at its JSON action. [`read_config`] refuses any other
/// host; the browser layer asks again right before it adds the script,
/// because that script runs with the host page's rights.
pub fn is_mailchimp_jsonp(url: &str) -> bool {
    WebUrl::parse(url)
        .is_ok_and(|url| url.secure && config::on_mailchimp_host(&url) && url.path().ends_with("/subscribe/post-json"))
}

/// A JSONP callback's global name, from 16 random bytes: fresh for every
/// request and unguessable, so no other script on the page can answer in
/// Mailchimp's place or reuse a name to call back into the widget.
pub fn jsonp_callback_name(random: &[u8; 16]) -> String {
    let mut name = String::from("__newsletterWidgetJsonp_");
    for byte in random {
        name.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        name.push(char::from_digit(u32::from(byte & 15), 16).unwrap_or('0'));
    }
    name
}

/// Builds the request for `provider` from its documented contract.
pub fn build_submission(provider: &Provider, subscriber: &Subscriber) -> Submission {
    let name = subscriber.name.as_deref();
    match provider {
        Provider::Json { url } => json_fetch(url.clone(), subscriber, None),
        Provider::Listmonk { url, list_uuids } => {
            json_fetch(format!("{url}/api/public/subscription"), subscriber, Some(list_uuids))
        }
        Provider::Mailchimp { action, u, id } => {
            let (base, query) = action.split_once('?').unwrap_or((action, ""));
            let mut url = format!("{base}-json?{query}&EMAIL={}", percent_encode(&subscriber.email));
            if let Some(name) = name {
                url.push_str(&format!("&FNAME={}", percent_encode(name)));
            }
            url.push_str(&format!("&b_{u}_{id}="));
            Submission::Jsonp { url }
        }
        Provider::Buttondown { action } => Submission::FormPost {
            action: action.clone(),
            fields: vec![
                ("email".to_owned(), subscriber.email.clone()),
                ("embed".to_owned(), "1".to_owned()),
            ],
        },
        Provider::Kit { action } => {
            let mut fields = vec![("email_address".to_owned(), subscriber.email.clone())];
            if let Some(name) = name {
                fields.push(("fields[first_name]".to_owned(), name.to_owned()));
            }
            Submission::FormPost {
                action: action.clone(),
                fields,
            }
        }
        Provider::Form {
            action,
            email_field,
            name_field,
            fields: extra,
        } => {
            let mut fields = vec![(email_field.clone(), subscriber.email.clone())];
            if let Some(name) = name {
                fields.push((name_field.clone(), name.to_owned()));
            }
            fields.extend(extra.iter().cloned());
            Submission::FormPost {
                action: action.clone(),
                fields,
            }
        }
        Provider::Mailto { address } => {
            let mut body = format!("Please add me to the newsletter.\r\n\r\nEmail: {}", subscriber.email);
            if let Some(name) = name {
                body.push_str(&format!("\r\nName: {name}"));
            }
            let to = percent_encode(address).replace("%40", "@");
            Submission::Mailto {
                href: format!("mailto:{to}?subject=Subscribe&body={}", percent_encode(&body)),
            }
        }
    }
}

fn json_fetch(url: String, subscriber: &Subscriber, list_uuids: Option<&Vec<String>>) -> Submission {
    let mut body = format!("{{\"email\":{}", json_string(&subscriber.email));
    if let Some(name) = &subscriber.name {
        body.push_str(&format!(",\"name\":{}", json_string(name)));
    }
    if let Some(uuids) = list_uuids {
        let uuids: Vec<String> = uuids.iter().map(|u| json_string(u)).collect();
        body.push_str(&format!(",\"list_uuids\":[{}]", uuids.join(",")));
    }
    body.push('}');
    Submission::Fetch {
        url,
        body,
        headers: vec![
            ("Accept".to_owned(), "application/json".to_owned()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ],
    }
}

/// What came of a subscription, as the reader is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Done; `confirm` when the provider first sends a confirmation email.
    Subscribed { confirm: bool },
    /// The address was on the list already.
    AlreadySubscribed,
    /// The provider refused the address or a field, in its own words.
    Rejected { message: String },
    /// The provider failed or answered something unreadable; retrying may help.
    Failed(Failure),
}

/// Why a subscription failed where retrying may help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The network failed before any answer.
    Network,
    /// No answer within [`SubscribeConfig::timeout_ms`].
    Timeout,
    /// An HTTP status that is neither success nor a refusal in words: a
    /// 4xx without a message, a 5xx, or anything else unexpected.
    Http(u16),
    /// Mailchimp answered "error" with no text.
    RefusedSilently,
    /// The answer could not be read at all.
    Unexpected,
}

impl Reply {
    /// The network failed before any answer.
    pub fn network_failed() -> Reply {
        Reply::Failed(Failure::Network)
    }

    /// No answer within [`SubscribeConfig::timeout_ms`].
    pub fn timed_out() -> Reply {
        Reply::Failed(Failure::Timeout)
    }

    /// What the reader sees, in their language; a provider's own words stay
    /// as the provider wrote them.
    pub fn message(&self, language: Language) -> String {
        let words = language.words();
        match self {
            Reply::Subscribed { confirm: true } => words.subscribed_confirm.to_owned(),
            Reply::Subscribed { confirm: false } => words.subscribed.to_owned(),
            Reply::AlreadySubscribed => words.already_subscribed.to_owned(),
            Reply::Rejected { message } => message.clone(),
            Reply::Failed(Failure::Network) => words.network_failed.to_owned(),
            Reply::Failed(Failure::Timeout) => words.timed_out.to_owned(),
            Reply::Failed(Failure::Http(status)) => language.http_failure(*status),
            Reply::Failed(Failure::RefusedSilently) => words.refused_silently.to_owned(),
            Reply::Failed(Failure::Unexpected) => words.unexpected_answer.to_owned(),
        }
    }

    /// Whether a Retry button makes sense (the same request may work later).
    pub fn can_retry(&self) -> bool {
        matches!(self, Reply::Failed(_))
    }
}

/// Reads the answer to a [`Submission::Fetch`] (providers `json` and
/// `listmonk`).
///
/// * 2xx is success, whatever the body (a `204`, or a body that is not JSON,
///   included), unless the body's message says the address was already
///   subscribed. listmonk's `{"data": {"has_optin": …}}` says whether a
///   confirmation email was sent; otherwise `double_opt_in` decides.
/// * 409, or a message saying "already subscribed" (or "already a list
///   member", "already exists"), is [`Reply::AlreadySubscribed`].
/// * Other 4xx with a message is [`Reply::Rejected`] with the provider's
///   words: `errors[].message` (Formspree's field errors, prefixed with the
///   field name when the message starts in lower case), else `error`, else
///   `message` (listmonk), else `detail`. Markup is reduced to its text.
/// * 5xx, and 4xx without a readable message, is [`Reply::Failed`].
pub fn read_fetch_reply(
    provider: &Provider,
    status: u16,
    body: &str,
    double_opt_in: bool,
    html: &dyn HtmlParser,
) -> Reply {
    let parsed = json::parse(body).ok();
    let message = parsed.as_ref().and_then(|root| reply_message(root, html));
    if (200..300).contains(&status) {
        if message.as_deref().is_some_and(says_already_subscribed) {
            return Reply::AlreadySubscribed;
        }
        let has_optin = match provider {
            Provider::Listmonk { .. } => parsed
                .as_ref()
                .and_then(|root| root.get("data"))
                .and_then(|data| data.get("has_optin"))
                .and_then(|flag| match flag.value {
                    Value::Bool(b) => Some(b),
                    _ => None,
                }),
            _ => None,
        };
        return Reply::Subscribed {
            confirm: has_optin.unwrap_or(double_opt_in),
        };
    }
    if status == 409 || message.as_deref().is_some_and(says_already_subscribed) {
        return Reply::AlreadySubscribed;
    }
    match (status, message) {
        (400..=499, Some(message)) => Reply::Rejected { message },
        _ => Reply::Failed(Failure::Http(status)),
    }
}

/// Reads Mailchimp's JSONP answer `{result, msg}`.
///
/// `msg` may contain HTML (the "already subscribed" message links to the
/// profile page); only its text is kept. `"success"` is success, with a
/// confirmation email when the message asks to confirm (Mailchimp's
/// double opt-in text: "Almost finished... We need to confirm your email
/// address..."). An error whose text says "already subscribed" is
/// [`Reply::AlreadySubscribed`]; other errors are [`Reply::Rejected`] with
/// the field index Mailchimp puts first ("0 - Please enter a value") removed.
pub fn read_mailchimp_reply(result: &str, msg: &str, html: &dyn HtmlParser) -> Reply {
    let text = plain_text(msg, html);
    match result {
        "success" => Reply::Subscribed {
            confirm: text.to_ascii_lowercase().contains("confirm"),
        },
        "error" if says_already_subscribed(&text) => Reply::AlreadySubscribed,
        "error" => {
            let message = match text.split_once(" - ") {
                Some((index, rest)) if !index.is_empty() && index.chars().all(|c| c.is_ascii_digit()) => {
                    rest.trim().to_owned()
                }
                _ => text,
            };
            if message.is_empty() {
                Reply::Failed(Failure::RefusedSilently)
            } else {
                Reply::Rejected { message }
            }
        }
        _ => Reply::Failed(Failure::Unexpected),
    }
}

/// Whether a provider's message says the address is on the list already.
fn says_already_subscribed(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    [
        "already subscribed",
        "already a subscriber",
        "already a list member",
        "already exists",
    ]
    .iter()
    .any(|phrase| message.contains(phrase))
}

/// The longest provider message shown; longer ones are cut.
const MAX_MESSAGE_CHARS: usize = 300;

/// The human-readable message of a JSON error body, if there is one.
fn reply_message(root: &Node, html: &dyn HtmlParser) -> Option<String> {
    let field_errors: Vec<String> = match root.get("errors") {
        Some(Node {
            value: Value::Array(errors),
            ..
        }) => errors.iter().filter_map(|entry| error_entry(entry, html)).collect(),
        _ => Vec::new(),
    };
    let message = if field_errors.is_empty() {
        ["error", "message", "detail"].iter().find_map(|key| {
            let node = root.get(key)?;
            let text = node.as_str().or_else(|| node.get("message").and_then(Node::as_str))?;
            Some(plain_text(text, html)).filter(|t| !t.is_empty())
        })?
    } else if field_errors.len() == 1 {
        field_errors.into_iter().next()?
    } else {
        field_errors
            .iter()
            .map(|m| {
                if m.ends_with(['.', '!', '?']) {
                    m.clone()
                } else {
                    format!("{m}.")
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    Some(shorten(message))
}

/// One entry of an `errors` list: a string, or `{message, field}`.
fn error_entry(entry: &Node, html: &dyn HtmlParser) -> Option<String> {
    let message = plain_text(
        entry.as_str().or_else(|| entry.get("message").and_then(Node::as_str))?,
        html,
    );
    if message.is_empty() {
        return None;
    }
    let field = entry
        .get("field")
        .and_then(Node::as_str)
        .map(|field| plain_text(field, html));
    Some(match field {
        Some(field) if !field.is_empty() && message.starts_with(|c: char| c.is_ascii_lowercase()) => {
            let mut chars = field.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or_default();
            format!("{first}{} {message}", chars.as_str())
        }
        _ => message,
    })
}

fn shorten(message: String) -> String {
    if message.chars().count() <= MAX_MESSAGE_CHARS {
        return message;
    }
    let cut: String = message.chars().take(MAX_MESSAGE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The text of a provider's message that may contain HTML: markup is
/// dropped (scripts and styles with their content, by the sanitizer),
/// character references are decoded and white space is collapsed.
pub fn plain_text(markup: &str, html: &dyn HtmlParser) -> String {
    let mut text = String::new();
    if markup.contains(['<', '&']) {
        text = text_of(&sanitize_with(html, markup, None).nodes);
    } else {
        text.push_str(markup);
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
