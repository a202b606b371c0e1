//! Reads `_newsletter.subscribe` into a [`SubscribeConfig`], with a
//! [`Notice`] for every setting that cannot be used.
//!
//! A provider with a missing or unusable setting is dropped as a whole: the
//! form then falls back to `mailto:` when `address` is set, and otherwise the
//! box is hidden. A half-configured provider would take readers' addresses
//! and lose them.

use super::{check_email, Consent, Provider, SubscribeConfig, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS};
use crate::feed::fields::{location, optional_string, wrong_type, Skip};
use crate::feed::json::{Node, Value};
use crate::feed::notice::{Consequence, Notice, Problem};
use crate::url::{safe_link, LinkKind, UrlProblem, WebUrl};

const PATH: &str = "_newsletter.subscribe";
const PREFIX: &str = "_newsletter.subscribe.";

/// Settings that mean nothing without a `provider`.
const PROVIDER_KEYS: [&str; 9] = [
    "url",
    "list_uuids",
    "u",
    "id",
    "username",
    "form_id",
    "email_field",
    "name_field",
    "fields",
];

const BUTTONDOWN_EMBED: &str = "https://buttondown.com/api/emails/embed-subscribe/";
const KIT_FORMS: &str = "https://app.kit.com/forms/";

/// The providers' own hosts, from their documentation. A provider with a
/// known host is pinned to it: a feed cannot send readers' addresses, or
/// (for Mailchimp's JSONP) load a script, anywhere else under its name.
const MAILCHIMP_DOMAIN: &str = "list-manage.com";
/// Whether `url` is on one of Mailchimp's form hosts, `NAME.usN.list-manage.com`.
pub(super) fn on_mailchimp_host(url: &WebUrl) -> bool {
    url.host_within(MAILCHIMP_DOMAIN) && url.host != MAILCHIMP_DOMAIN
}

/// Buttondown's host, and the one its older embed code names.
const BUTTONDOWN_HOSTS: [&str; 2] = ["buttondown.com", "buttondown.email"];
/// Kit's host, and ConvertKit's, which older embed code names.
const KIT_HOSTS: [&str; 2] = ["app.kit.com", "app.convertkit.com"];

/// A setting was reported and cannot be used.
struct Reported;

type Read<T> = Result<T, Reported>;

/// Reads the `_newsletter.subscribe` object `node`, pushing a notice for
/// every problem. See `docs/issue-format.md` and `docs/subscribe.md`.
pub fn read_config(node: &Node, notices: &mut Vec<Notice>) -> SubscribeConfig {
    let mut reader = Reader { node, notices };
    let title = reader.plain("title");
    let text = reader.plain("text");
    let (address, address_given) = reader.address();
    let provider = reader.provider(address.as_deref(), address_given);
    let consent = reader.consent();
    let double_opt_in = reader.double_opt_in();
    let timeout_ms = reader.timeout_ms();
    SubscribeConfig {
        title,
        text,
        provider,
        consent,
        double_opt_in,
        timeout_ms,
    }
}

struct Reader<'a> {
    node: &'a Node,
    notices: &'a mut Vec<Notice>,
}

impl<'a> Reader<'a> {
    fn push(&mut self, (location, problem): Skip, consequence: Consequence) {
        self.notices.push(Notice {
            location,
            problem,
            consequence,
        });
    }

    /// Reports `problem` at member `key` (or at the object when it is missing).
    fn problem(&mut self, key: &str, problem: Problem) -> Reported {
        let node = self.node.get(key).unwrap_or(self.node);
        self.push(
            (location(&format!("{PREFIX}{key}"), node), problem),
            Consequence::Neutralised,
        );
        Reported
    }

    /// Whether member `key` is present and not `null`.
    fn given(&self, key: &str) -> bool {
        !matches!(self.node.get(key), None | Some(Node { value: Value::Null, .. }))
    }

    /// An optional string; empty counts as absent.
    fn text(&mut self, key: &str) -> Read<Option<String>> {
        match optional_string(self.node, key, PREFIX) {
            Ok(value) => Ok(value.map(|v| v.trim().to_owned())),
            Err(skip) => {
                self.push(skip, Consequence::Neutralised);
                Err(Reported)
            }
        }
    }

    /// A string shown as written (`title`, `text`); a wrong type is ignored.
    fn plain(&mut self, key: &str) -> Option<String> {
        match optional_string(self.node, key, PREFIX) {
            Ok(value) => value.map(str::to_owned),
            Err(skip) => {
                self.push(skip, Consequence::Neutralised);
                None
            }
        }
    }

    fn required(&mut self, key: &'static str, by: &'static str) -> Read<String> {
        match self.text(key)? {
            Some(value) => Ok(value),
            None => Err(self.problem(key, Problem::MissingSetting { by, key })),
        }
    }

    /// An absolute `https:` URL with no user or password and a valid port,
    /// normalised. There is no `http:` exception, not even for this machine:
    /// tests reach providers under their real hosts by request routing.
    fn secure_url(&mut self, key: &str, raw: &str) -> Read<WebUrl> {
        let problem = match WebUrl::parse(raw) {
            Ok(url) if url.secure => return Ok(url),
            Ok(_) => UrlProblem::NotSecure,
            Err(UrlProblem::NotWeb) => return Err(self.problem(key, Problem::UnsafeLink(raw.to_owned()))),
            Err(problem) => problem,
        };
        Err(self.problem(
            key,
            Problem::InvalidSetting {
                found: raw.to_owned(),
                expected: problem.expected(),
            },
        ))
    }

    /// A [`secure_url`](Self::secure_url) on one of a provider's own hosts.
    fn pinned_url(
        &mut self,
        key: &str,
        raw: &str,
        on_host: impl Fn(&WebUrl) -> bool,
        expected: &'static str,
    ) -> Read<WebUrl> {
        let url = self.secure_url(key, raw)?;
        if on_host(&url) {
            Ok(url)
        } else {
            Err(self.problem(
                key,
                Problem::InvalidSetting {
                    found: raw.to_owned(),
                    expected,
                },
            ))
        }
    }

    fn address(&mut self) -> (Option<String>, bool) {
        let given = self.given("address");
        let Ok(Some(raw)) = self.text("address") else {
            return (None, given);
        };
        let bare = match raw.get(..7) {
            Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => &raw[7..],
            _ => &raw,
        };
        match check_email(bare) {
            Ok(address) => (Some(address), true),
            Err(_) => {
                self.problem(
                    "address",
                    Problem::InvalidSetting {
                        found: raw,
                        expected: "an email address such as news@example.org",
                    },
                );
                (None, true)
            }
        }
    }

    fn provider(&mut self, address: Option<&str>, address_given: bool) -> Option<Provider> {
        let mailto = |address: &str| Provider::Mailto {
            address: address.to_owned(),
        };
        // `null` and an empty string count as absent.
        let given = self.node.get("provider").filter(|node| {
            !matches!(node.value, Value::Null) && node.as_str().is_none_or(|name| !name.trim().is_empty())
        });
        let read = match given {
            None => {
                if PROVIDER_KEYS.iter().any(|key| self.given(key)) {
                    Err(self.problem("provider", Problem::MissingProvider))
                } else {
                    return address.map(mailto);
                }
            }
            Some(Node {
                value: Value::String(name),
                ..
            }) => match name.trim().to_ascii_lowercase().as_str() {
                "json" => self.json(),
                "listmonk" => self.listmonk(),
                "mailchimp" => self.mailchimp(),
                "buttondown" => self.buttondown(),
                "kit" => self.kit(),
                "form" => self.form(),
                "mailto" => match address {
                    Some(address) => Ok(mailto(address)),
                    None if address_given => Err(Reported),
                    None => Err(self.problem(
                        "address",
                        Problem::MissingSetting {
                            by: "the mailto provider",
                            key: "address",
                        },
                    )),
                },
                _ => Err(self.problem("provider", Problem::UnknownProvider(name.clone()))),
            },
            Some(other) => {
                let skip = wrong_type(
                    &format!("{PREFIX}provider"),
                    other,
                    "a provider name such as \"listmonk\"",
                );
                self.push(skip, Consequence::Neutralised);
                Err(Reported)
            }
        };
        match read {
            Ok(provider) => Some(provider),
            Err(Reported) => {
                let (problem, provider) = match address {
                    Some(address) => (Problem::SubscribeByEmail(address.to_owned()), Some(mailto(address))),
                    None => (Problem::SubscribeHidden, None),
                };
                self.push((location(PATH, self.node), problem), Consequence::Informational);
                provider
            }
        }
    }

    fn json(&mut self) -> Read<Provider> {
        let raw = self.required("url", "the json provider")?;
        Ok(Provider::Json {
            url: self.secure_url("url", &raw)?.href(),
        })
    }

    fn listmonk(&mut self) -> Read<Provider> {
        const BY: &str = "the listmonk provider";
        let url = self.required("url", BY).and_then(|raw| {
            let url = self.secure_url("url", &raw)?.href();
            let root = url.trim_end_matches('/');
            let root = root.strip_suffix("/api/public/subscription").unwrap_or(root);
            if root.contains(['?', '#']) {
                return Err(self.problem(
                    "url",
                    Problem::InvalidSetting {
                        found: url.clone(),
                        expected: "the address of a listmonk installation, such as https://lists.example.org",
                    },
                ));
            }
            Ok(root.trim_end_matches('/').to_owned())
        });
        let list_uuids = self.list_uuids(BY);
        Ok(Provider::Listmonk {
            url: url?,
            list_uuids: list_uuids?,
        })
    }

    fn list_uuids(&mut self, by: &'static str) -> Read<Vec<String>> {
        let key = "list_uuids";
        let items = match self.node.get(key) {
            Some(Node {
                value: Value::Array(items),
                ..
            }) if !items.is_empty() => items,
            None
            | Some(Node {
                value: Value::Null | Value::Array(_),
                ..
            }) => return Err(self.problem(key, Problem::MissingSetting { by, key })),
            Some(other) => {
                let skip = wrong_type(&format!("{PREFIX}{key}"), other, "a list of list UUIDs");
                self.push(skip, Consequence::Neutralised);
                return Err(Reported);
            }
        };
        let mut uuids = Vec::with_capacity(items.len());
        let mut all_good = true;
        for (i, item) in items.iter().enumerate() {
            let path = format!("{PREFIX}{key}[{i}]");
            match item.as_str().map(str::trim) {
                Some(uuid) if is_uuid(uuid) => uuids.push(uuid.to_owned()),
                Some(other) => {
                    all_good = false;
                    let problem = Problem::InvalidSetting {
                        found: other.to_owned(),
                        expected: "a listmonk list UUID such as eb420c55-4cfb-4972-92ba-c93c34ba475d",
                    };
                    self.push((location(&path, item), problem), Consequence::Neutralised);
                }
                None => {
                    all_good = false;
                    self.push(wrong_type(&path, item, "a string"), Consequence::Neutralised);
                }
            }
        }
        if all_good {
            Ok(uuids)
        } else {
            Err(Reported)
        }
    }

    fn mailchimp(&mut self) -> Read<Provider> {
        const BY: &str = "the mailchimp provider";
        let raw = self.required("url", BY)?;
        // Embed code copied from a page may keep `&amp;`; old embed code
        // wrote protocol-relative actions (`//NAME.list-manage.com/...`).
        let mut cleaned = raw.replace("&amp;", "&");
        if cleaned.starts_with("//") {
            cleaned.insert_str(0, "https:");
        }
        let url = self
            .pinned_url(
                "url",
                &cleaned,
                on_mailchimp_host,
                "the action of a Mailchimp embedded form, on Mailchimp's own host: https://NAME.usN.list-manage.com/subscribe/post?u=…&id=… (its answer runs as a script, so no other host is accepted)",
            )?;
        // The action's parts as a browser reads them (url.rs): its path
        // names the form's endpoint, with or without `-json`.
        let query = url
            .rest
            .split('#')
            .next()
            .and_then(|r| r.split_once('?'))
            .map_or("", |(_, q)| q);
        let path = url.path().trim_end_matches('/');
        let path = if let Some(post) = path.strip_suffix("-json").filter(|p| p.ends_with("/subscribe/post")) {
            post
        } else if path.ends_with("/subscribe/post") {
            path
        } else if path.is_empty() {
            "/subscribe/post"
        } else {
            return Err(self.problem(
                "url",
                Problem::InvalidSetting {
                    found: url.href(),
                    expected: "the action of a Mailchimp embedded form, such as https://NAME.us1.list-manage.com/subscribe/post?u=…&id=…",
                },
            ));
        };
        let base = format!("{}{path}", url.origin());
        let mut from_url = (None, None);
        let mut others = String::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "u" => from_url.0 = Some(value.to_owned()),
                "id" => from_url.1 = Some(value.to_owned()),
                // What the form itself sends, if a filled-in address was pasted.
                "c" | "EMAIL" | "FNAME" => {}
                _ if key.starts_with("b_") => {}
                _ => {
                    others.push('&');
                    others.push_str(pair);
                }
            }
        }
        let u = self.mailchimp_id("u", from_url.0);
        let id = self.mailchimp_id("id", from_url.1);
        let (u, id) = (u?, id?);
        Ok(Provider::Mailchimp {
            action: format!("{base}?u={u}&id={id}{others}"),
            u,
            id,
        })
    }

    /// `u` or `id`: the key wins over the value in the form's action.
    fn mailchimp_id(&mut self, key: &'static str, from_url: Option<String>) -> Read<String> {
        let value = match self.text(key)? {
            Some(value) => value,
            None => match from_url.filter(|v| !v.is_empty()) {
                Some(value) => value,
                None => {
                    return Err(self.problem(
                        key,
                        Problem::MissingSetting {
                            by: "the mailchimp provider",
                            key,
                        },
                    ))
                }
            },
        };
        if value.chars().all(|c| c.is_ascii_alphanumeric()) {
            Ok(value)
        } else {
            Err(self.problem(
                key,
                Problem::InvalidSetting {
                    found: value,
                    expected: "a Mailchimp id (letters and digits, as in the form's action)",
                },
            ))
        }
    }

    fn buttondown(&mut self) -> Read<Provider> {
        if let Some(raw) = self.text("url")? {
            let on_host = |url: &WebUrl| BUTTONDOWN_HOSTS.contains(&url.host.as_str());
            let expected = "an address on Buttondown's own host, such as https://buttondown.com/api/emails/embed-subscribe/USERNAME";
            return Ok(Provider::Buttondown {
                action: self.pinned_url("url", &raw, on_host, expected)?.href(),
            });
        }
        let username = self.required("username", "the buttondown provider")?;
        if username.len() <= 100
            && username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            Ok(Provider::Buttondown {
                action: format!("{BUTTONDOWN_EMBED}{username}"),
            })
        } else {
            Err(self.problem(
                "username",
                Problem::InvalidSetting {
                    found: username,
                    expected: "a Buttondown username (letters, digits, - and _)",
                },
            ))
        }
    }

    fn kit(&mut self) -> Read<Provider> {
        if let Some(raw) = self.text("url")? {
            let on_host = |url: &WebUrl| KIT_HOSTS.contains(&url.host.as_str());
            let expected = "an address on Kit's own host, such as https://app.kit.com/forms/1234567/subscriptions";
            return Ok(Provider::Kit {
                action: self.pinned_url("url", &raw, on_host, expected)?.href(),
            });
        }
        let key = "form_id";
        let form_id = match self.node.get(key) {
            // A form id is a number; publishers may well write it as one.
            Some(Node {
                value: Value::Number(n),
                ..
            }) => n.clone(),
            _ => self.required(key, "the kit provider")?,
        };
        if !form_id.is_empty() && form_id.len() <= 20 && form_id.chars().all(|c| c.is_ascii_digit()) {
            Ok(Provider::Kit {
                action: format!("{KIT_FORMS}{form_id}/subscriptions"),
            })
        } else {
            Err(self.problem(
                key,
                Problem::InvalidSetting {
                    found: form_id,
                    expected: "a Kit form id (the digits in https://app.kit.com/forms/1234567/subscriptions)",
                },
            ))
        }
    }

    fn form(&mut self) -> Read<Provider> {
        let action = self
            .required("url", "the form provider")
            .and_then(|raw| self.secure_url("url", &raw).map(|url| url.href()));
        let email_field = self.text("email_field");
        let name_field = self.text("name_field");
        let fields = self.fields();
        Ok(Provider::Form {
            action: action?,
            email_field: email_field?.unwrap_or_else(|| "email".to_owned()),
            name_field: name_field?.unwrap_or_else(|| "name".to_owned()),
            fields: fields?,
        })
    }

    fn fields(&mut self) -> Read<Vec<(String, String)>> {
        let members = match self.node.get("fields") {
            None | Some(Node { value: Value::Null, .. }) => return Ok(Vec::new()),
            Some(Node {
                value: Value::Object(members),
                ..
            }) => members,
            Some(other) => {
                let skip = wrong_type(&format!("{PREFIX}fields"), other, "an object of field names and values");
                self.push(skip, Consequence::Neutralised);
                return Err(Reported);
            }
        };
        let mut fields = Vec::with_capacity(members.len());
        let mut all_good = true;
        for (name, value) in members {
            let value = match &value.value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.clone(),
                _ => {
                    all_good = false;
                    let skip = wrong_type(&format!("{PREFIX}fields.{name}"), value, "a string");
                    self.push(skip, Consequence::Neutralised);
                    continue;
                }
            };
            // A repeated name: the last one wins, as for every member.
            fields.retain(|(n, _): &(String, String)| n != name);
            fields.push((name.clone(), value));
        }
        if all_good {
            Ok(fields)
        } else {
            Err(Reported)
        }
    }

    fn consent(&mut self) -> Option<Consent> {
        const CONSENT: &str = "_newsletter.subscribe.consent.";
        let node = match self.node.get("consent") {
            None | Some(Node { value: Value::Null, .. }) => return None,
            Some(
                node @ Node {
                    value: Value::Object(_),
                    ..
                },
            ) => node,
            Some(other) => {
                let skip = wrong_type(
                    &format!("{PREFIX}consent"),
                    other,
                    "an object with \"text\" and \"privacy_url\"",
                );
                self.push(skip, Consequence::Neutralised);
                return None;
            }
        };
        let text = match optional_string(node, "text", CONSENT) {
            Ok(Some(text)) => text.to_owned(),
            Ok(None) => {
                let missing = Problem::MissingSetting {
                    by: "consent",
                    key: "text",
                };
                let at = node.get("text").unwrap_or(node);
                self.push(
                    (location(&format!("{CONSENT}text"), at), missing),
                    Consequence::Neutralised,
                );
                return None;
            }
            Err(skip) => {
                self.push(skip, Consequence::Neutralised);
                return None;
            }
        };
        let privacy_url = match optional_string(node, "privacy_url", CONSENT) {
            Ok(Some(raw)) => {
                let link = safe_link(raw, LinkKind::Web);
                if link.is_none() {
                    let at = node.get("privacy_url").unwrap_or(node);
                    let unsafe_link = Problem::UnsafeLink(raw.to_owned());
                    self.push(
                        (location(&format!("{CONSENT}privacy_url"), at), unsafe_link),
                        Consequence::Neutralised,
                    );
                }
                link
            }
            Ok(None) => None,
            Err(skip) => {
                self.push(skip, Consequence::Neutralised);
                None
            }
        };
        Some(Consent { text, privacy_url })
    }

    fn double_opt_in(&mut self) -> bool {
        match self.node.get("double_opt_in") {
            None | Some(Node { value: Value::Null, .. }) => true,
            Some(Node {
                value: Value::Bool(b), ..
            }) => *b,
            Some(other) => {
                let skip = wrong_type(&format!("{PREFIX}double_opt_in"), other, "true or false");
                self.push(skip, Consequence::Neutralised);
                true
            }
        }
    }

    fn timeout_ms(&mut self) -> u32 {
        match self.node.get("timeout_ms") {
            None | Some(Node { value: Value::Null, .. }) => DEFAULT_TIMEOUT_MS,
            Some(Node {
                value: Value::Number(n),
                ..
            }) => {
                // Whole milliseconds; "5000.0" is whole too.
                let whole = n.strip_suffix(".0").unwrap_or(n);
                match whole.parse::<u32>() {
                    Ok(ms) if (MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(&ms) => ms,
                    _ => {
                        self.problem(
                            "timeout_ms",
                            Problem::InvalidSetting {
                                found: n.clone(),
                                expected: "a whole number of milliseconds from 1000 to 120000",
                            },
                        );
                        DEFAULT_TIMEOUT_MS
                    }
                }
            }
            Some(other) => {
                let skip = wrong_type(&format!("{PREFIX}timeout_ms"), other, "a number of milliseconds");
                self.push(skip, Consequence::Neutralised);
                DEFAULT_TIMEOUT_MS
            }
        }
    }
}

/// `8-4-4-4-12` hexadecimal digits, as listmonk checks.
fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}
