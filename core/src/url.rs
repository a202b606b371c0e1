//! Every rule about addresses, in one place:
//!
//! * [`safe_link`]: which links a feed may put in front of a reader. A feed
//!   is untrusted: a link is kept only when its scheme is on an allow-list,
//!   so `javascript:`, `data:`, `vbscript:` and relative or
//!   protocol-relative tricks never reach an `href` or `src`.
//! * [`WebUrl`]: an http(s) address split as a browser splits it, so a host
//!   can be compared and pinned (subscribe providers).
//! * [`SourcePolicy`]: which feeds a reader may read (`?src=`, an
//!   archive's issues), and [`allowed_origins`], the publisher's list of
//!   other sites (`<meta name="newsletter-widget-sources">`).

/// The schemes a link may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Web pages and images: `http:` and `https:` only.
    Web,
    /// Links inside story text: web pages plus `mailto:`.
    WebOrMail,
}

/// Returns the link, cleaned, if it is an absolute URL with an allowed
/// scheme; `None` otherwise.
///
/// Browsers ignore tabs and line breaks inside URLs and trim surrounding
/// spaces and control characters (`"java\tscript:"` is `javascript:`), so the
/// scheme is judged on the URL as a browser would read it.
pub fn safe_link(raw: &str, kind: LinkKind) -> Option<String> {
    let cleaned: String = raw
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let valid_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid_scheme {
        return None;
    }
    let rest = &cleaned[colon + 1..];
    let allowed = match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => rest.starts_with("//") && rest.len() > 2,
        "mailto" => kind == LinkKind::WebOrMail && rest.len() > 1,
        _ => false,
    };
    if allowed && !cleaned.chars().any(char::is_control) {
        Some(cleaned)
    } else {
        None
    }
}

/// An address an archive index may list for an issue: a relative path, or
/// an absolute http(s) URL; never another scheme.
pub fn is_issue_reference(href: &str) -> bool {
    let href = href.trim();
    if href.is_empty() || href.chars().any(|c| c.is_control()) {
        return false;
    }
    match href.split_once(':') {
        // A colon before any '/', '?' or '#' starts a scheme.
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => safe_link(href, LinkKind::Web).is_some(),
        _ => true,
    }
}

/// Whether `href` names a file by a path relative to where it is listed,
/// rather than on a host of its own (`https://…`, `//host/…`).
pub fn is_relative_path(href: &str) -> bool {
    let href = href.trim();
    !href.starts_with("//")
        && !href.starts_with('/')
        && !href.split(['/', '?', '#']).next().unwrap_or_default().contains(':')
}

/// `reference` (a path such as `/img/a.jpg` or `img/a.jpg`) resolved
/// against `base`, as a browser would for simple paths.
pub fn resolve(base: &WebUrl, reference: &str) -> String {
    if reference.starts_with('/') {
        return format!("{}{reference}", base.origin());
    }
    let path = base.path();
    let folder = &path[..path.rfind('/').map_or(0, |slash| slash + 1)];
    let folder = if folder.is_empty() { "/" } else { folder };
    format!("{}{folder}{reference}", base.origin())
}

/// The words that stand for a link that cannot be used: its host when it
/// has one (`//host.example/x`, `javascript://host.example`), otherwise the
/// link as written, shortened. Shown as text, never as a link.
pub fn link_label(raw: &str) -> String {
    let raw = raw.trim();
    let authority = raw
        .split_once("//")
        .filter(|(scheme, _)| !scheme.contains(['/', '?', '#']))
        .map(|(_, rest)| rest);
    let host = authority
        .and_then(|rest| rest.split(['/', '\\', '?', '#']).next())
        .map(|authority| authority.rsplit('@').next().unwrap_or(authority))
        .and_then(|host| normal_host(host.split(':').next().unwrap_or(host)));
    host.unwrap_or_else(|| raw.chars().take(60).collect())
}

/// What is wrong with an address that must be an absolute web address.
/// Messages say what was expected instead ([`UrlProblem::expected`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not an absolute `http:` or `https:` address.
    NotWeb,
    /// `http:` where only `https:` will do.
    NotSecure,
    /// A user name or password before the host (`https://user:pw@host`).
    Credentials,
    /// A port that is not a number from 1 to 65535.
    BadPort,
    /// A host with characters or empty labels no browser accepts as given,
    /// or outside ASCII (write it in its `xn--` form).
    BadHost,
}

impl UrlProblem {
    /// What the address must be instead, for "… is not {expected}".
    pub fn expected(self) -> &'static str {
        match self {
            UrlProblem::NotWeb => "an absolute https: address",
            UrlProblem::NotSecure => "an https: address (http: would send readers' data unencrypted)",
            UrlProblem::Credentials => "an address without a user name or password",
            UrlProblem::BadPort => "an address with a valid port (1 to 65535)",
            UrlProblem::BadHost => {
                "an address with a plain host name (ASCII letters, digits, - and .; xn-- for others)"
            }
        }
    }
}

/// An absolute `http:` or `https:` address, split as a browser splits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl {
    /// `https:` rather than `http:`.
    pub secure: bool,
    /// The host, lower-cased, without a trailing dot.
    pub host: String,
    /// The port, when it is not the scheme's default.
    pub port: Option<u16>,
    /// Path, query and fragment, as written (backslashes in the path read as
    /// slashes, as browsers read them); empty or starting with `/`, `?` or `#`.
    pub rest: String,
}

impl WebUrl {
    /// Reads `raw`, as a browser would, into its parts.
    pub fn parse(raw: &str) -> Result<WebUrl, UrlProblem> {
        let cleaned = safe_link(raw, LinkKind::Web).ok_or(UrlProblem::NotWeb)?;
        let (scheme, after) = cleaned.split_once(':').ok_or(UrlProblem::NotWeb)?;
        let secure = scheme.eq_ignore_ascii_case("https");
        // Browsers end the authority at a backslash too (`https://a\@b/`
        // goes to `a`), so the host is judged where they would end it.
        let after = after.trim_start_matches(['/', '\\']);
        let end = after.find(['/', '?', '#', '\\']).unwrap_or(after.len());
        let (authority, rest) = after.split_at(end);
        if authority.contains('@') {
            return Err(UrlProblem::Credentials);
        }
        let (host, port) = match authority.rfind(':') {
            Some(colon) if !authority[colon..].contains(']') => (&authority[..colon], &authority[colon + 1..]),
            _ => (authority, ""),
        };
        let port = match port {
            "" => None,
            digits if digits.len() <= 5 && digits.bytes().all(|b| b.is_ascii_digit()) => match digits.parse::<u16>() {
                Ok(0) | Err(_) => return Err(UrlProblem::BadPort),
                Ok(443) if secure => None,
                Ok(80) if !secure => None,
                Ok(port) => Some(port),
            },
            _ => return Err(UrlProblem::BadPort),
        };
        let host = normal_host(host).ok_or(UrlProblem::BadHost)?;
        let (path, tail) = rest.split_at(rest.find(['?', '#']).unwrap_or(rest.len()));
        Ok(WebUrl {
            secure,
            host,
            port,
            rest: format!("{}{tail}", path.replace('\\', "/")),
        })
    }

    /// `scheme://host[:port]`, as `URL.origin` writes it.
    pub fn origin(&self) -> String {
        let scheme = if self.secure { "https" } else { "http" };
        match self.port {
            Some(port) => format!("{scheme}://{}:{port}", self.host),
            None => format!("{scheme}://{}", self.host),
        }
    }

    /// The whole address, normalised.
    pub fn href(&self) -> String {
        let slash = if self.rest.starts_with('/') { "" } else { "/" };
        format!("{}{slash}{}", self.origin(), self.rest)
    }

    /// The path, without query or fragment.
    pub fn path(&self) -> &str {
        self.rest.split(['?', '#']).next().unwrap_or_default()
    }

    /// Whether the host is `domain` itself or one of its subdomains.
    pub fn host_within(&self, domain: &str) -> bool {
        self.host == domain
            || self
                .host
                .strip_suffix(domain)
                .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.'))
    }
}

/// A host lower-cased and without its trailing dot, or `None` when browsers
/// would read it otherwise (percent-escapes, non-ASCII) or not at all.
fn normal_host(host: &str) -> Option<String> {
    if let Some(inside) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        let ip6 = !inside.is_empty() && inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        return ip6.then(|| host.to_ascii_lowercase());
    }
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    let plain = !host.is_empty()
        && host
            .split('.')
            .all(|label| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    plain.then_some(host)
}

/// The name of the `<meta>` element in which a page lists the other sites
/// whose feeds its address may name.
pub const SOURCES_META: &str = "newsletter-widget-sources";

/// Reads the content of `<meta name="newsletter-widget-sources">`: web
/// origins separated by spaces or commas. Returns the origins, and the
/// entries that are not http(s) addresses (for a console warning).
pub fn allowed_origins(content: &str) -> (Vec<String>, Vec<String>) {
    let (mut origins, mut ignored) = (Vec::new(), Vec::new());
    for entry in content.split([' ', ',', '\t', '\n', '\r']).filter(|e| !e.is_empty()) {
        match WebUrl::parse(entry) {
            Ok(url) => origins.push(url.origin()),
            Err(_) => ignored.push(entry.to_owned()),
        }
    }
    (origins, ignored)
}

/// Why a reader did not read a feed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceRefused {
    /// Not an `http:` or `https:` address (`data:`, `blob:`, `javascript:`…).
    #[error("feeds are read only from http: and https: addresses")]
    Scheme,
    /// A feed named in the page's address (`?src=`) on a site the page does
    /// not list.
    #[error(
        "a feed named in the page's address must be on this page's own site ({page}) or on a site the page lists in <meta name=\"newsletter-widget-sources\">; this one is on {origin}"
    )]
    AddressOrigin {
        /// The feed's origin.
        origin: String,
        /// The page's origin.
        page: String,
    },
    /// An archive's issue on a site that is neither the archive's, the
    /// page's, nor one the page lists.
    #[error(
        "an archive's issues must be on the archive's own site ({index}), on this page's, or on a site the page lists in <meta name=\"newsletter-widget-sources\">; this one is on {origin}"
    )]
    ArchiveOrigin {
        /// The issue's origin.
        origin: String,
        /// The archive index's origin.
        index: String,
    },
}

/// Which feeds one reader may read.
///
/// The host page and its attributes are trusted, so an embedded widget
/// reads the feed its element names. A feed named in the page's address is
/// not: anyone can send a reader a link, and a feed decides where the
/// subscribe form sends a reader's email. Such feeds must be on the page's
/// origin or on one the page lists. An archive's issues must be on the
/// archive's origin, the page's, or a listed one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourcePolicy {
    /// Any web address (an embed's own attributes).
    any_origin: bool,
    /// The origins whose feeds may be read.
    origins: Vec<String>,
    /// The origin of the archive index whose issues these are.
    index: Option<String>,
}

impl SourcePolicy {
    /// For a feed named in the page's address: the page's origin and the
    /// `allowed` ones.
    pub fn address(page_origin: &str, allowed: &[String]) -> SourcePolicy {
        let mut origins = vec![page_origin.to_owned()];
        origins.extend_from_slice(allowed);
        SourcePolicy {
            any_origin: false,
            origins,
            index: None,
        }
    }

    /// For a feed the host page named in an element's attribute: any web
    /// address; its archive's issues follow the page's rule.
    pub fn host_chosen(page_origin: &str, allowed: &[String]) -> SourcePolicy {
        SourcePolicy {
            any_origin: true,
            ..SourcePolicy::address(page_origin, allowed)
        }
    }

    /// For the issues an archive index at `index_href` lists: its origin,
    /// the page's and the allowed ones.
    pub fn for_issues_of(&self, index_href: &str) -> SourcePolicy {
        let index = WebUrl::parse(index_href).ok().map(|url| url.origin());
        let mut origins = self.origins.clone();
        origins.extend(index.clone());
        SourcePolicy {
            any_origin: false,
            origins,
            index,
        }
    }

    /// Whether the feed at `href` (absolute, as the browser resolved it)
    /// may be read.
    pub fn check(&self, href: &str) -> Result<(), SourceRefused> {
        let url = WebUrl::parse(href).map_err(|_| SourceRefused::Scheme)?;
        let origin = url.origin();
        if self.any_origin || self.origins.contains(&origin) {
            return Ok(());
        }
        Err(match &self.index {
            Some(index) => SourceRefused::ArchiveOrigin {
                origin,
                index: index.clone(),
            },
            None => SourceRefused::AddressOrigin {
                origin,
                page: self.origins.first().cloned().unwrap_or_default(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_web_links() {
        assert_eq!(
            safe_link(" https://example.org/a?b=1 ", LinkKind::Web).as_deref(),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(
            safe_link("HTTP://example.org", LinkKind::Web).as_deref(),
            Some("HTTP://example.org")
        );
        assert_eq!(
            safe_link("mailto:ed@example.org", LinkKind::WebOrMail).as_deref(),
            Some("mailto:ed@example.org")
        );
    }

    #[test]
    fn refuses_script_data_and_relative_links() {
        for raw in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/x",
            "/relative/path",
            "no scheme at all",
            "https:",
            "http:/one-slash",
            "",
        ] {
            assert_eq!(safe_link(raw, LinkKind::WebOrMail), None, "{raw:?} must be refused");
        }
        assert_eq!(safe_link("mailto:ed@example.org", LinkKind::Web), None);
    }
}

#[test]
fn an_unusable_link_is_labelled_by_its_host_or_as_written() {
    assert_eq!(link_label("//Host.Example/x"), "host.example");
    assert_eq!(link_label("javascript://evil.example/%0aalert(1)"), "evil.example");
    assert_eq!(link_label("/x"), "/x");
    assert_eq!(link_label(" javascript:alert(1) "), "javascript:alert(1)");
}

#[test]
fn web_urls_split_as_browsers_split_them() {
    let url = WebUrl::parse(" HTTPS://News.Example.ORG.:443/a\\b?x=\\1#f ").unwrap();
    assert_eq!(url.host, "news.example.org");
    assert_eq!(url.port, None);
    assert_eq!(url.href(), "https://news.example.org/a/b?x=\\1#f");
    assert_eq!(url.path(), "/a/b");
    assert_eq!(
        WebUrl::parse("http://127.0.0.1:8080").unwrap().origin(),
        "http://127.0.0.1:8080"
    );
    assert_eq!(WebUrl::parse("http://h:80/").unwrap().origin(), "http://h");
    assert_eq!(WebUrl::parse("https://[::1]:9/").unwrap().origin(), "https://[::1]:9");
    assert_eq!(WebUrl::parse("https://h?q").unwrap().href(), "https://h/?q");
}

#[test]
fn web_urls_refuse_credentials_bad_ports_and_odd_hosts() {
    for (raw, problem) in [
        ("https://user:pw@list-manage.com/", UrlProblem::Credentials),
        ("https://x.list-manage.com@evil.example/", UrlProblem::Credentials),
        ("https://h:0/", UrlProblem::BadPort),
        ("https://h:65536/", UrlProblem::BadPort),
        ("https://h:44x/", UrlProblem::BadPort),
        ("https://ev%69l.example/", UrlProblem::BadHost),
        ("https://exämple.org/", UrlProblem::BadHost),
        ("https://a..b/", UrlProblem::BadHost),
        ("javascript:alert(1)//https://x", UrlProblem::NotWeb),
        ("//x.list-manage.com/", UrlProblem::NotWeb),
    ] {
        assert_eq!(WebUrl::parse(raw), Err(problem), "{raw}");
    }
}

#[test]
fn a_backslash_ends_the_host_as_in_browsers() {
    let url = WebUrl::parse("https://evil.example\\@x.list-manage.com/").unwrap();
    assert_eq!(url.host, "evil.example");
    assert_eq!(url.href(), "https://evil.example/@x.list-manage.com/");
}

#[test]
fn hosts_are_within_a_domain_only_as_subdomains() {
    let within = |raw: &str| WebUrl::parse(raw).unwrap().host_within("list-manage.com");
    assert!(within("https://x.us1.list-manage.com/"));
    assert!(within("https://LIST-MANAGE.com./"));
    assert!(!within("https://evil-list-manage.com/"));
    assert!(!within("https://list-manage.com.evil.example/"));
    assert_eq!(WebUrl::parse("https://.list-manage.com/"), Err(UrlProblem::BadHost));
}

#[test]
fn the_publishers_list_of_sites_reads_origins() {
    let (origins, ignored) = allowed_origins(" https://Feeds.Example/news/, http://127.0.0.1:8081\t* data:x ");
    assert_eq!(origins, ["https://feeds.example", "http://127.0.0.1:8081"]);
    assert_eq!(ignored, ["*", "data:x"]);
}

#[test]
fn the_address_may_name_only_feeds_of_the_page_or_listed_sites() {
    let policy = SourcePolicy::address("https://news.example", &["https://feeds.example".to_owned()]);
    assert_eq!(policy.check("https://news.example/issues/a.json"), Ok(()));
    assert_eq!(policy.check("https://feeds.example:443/b.json"), Ok(()));
    for refused in [
        "data:application/json,{}",
        "blob:https://news.example/1",
        "javascript:alert(1)",
    ] {
        assert_eq!(policy.check(refused), Err(SourceRefused::Scheme), "{refused}");
    }
    let other = policy.check("https://evil.example/feed.json").unwrap_err();
    assert_eq!(
            other.to_string(),
            "a feed named in the page's address must be on this page's own site (https://news.example) or on a site the page lists in <meta name=\"newsletter-widget-sources\">; this one is on https://evil.example"
        );
    // Another scheme or port is another origin.
    assert!(policy.check("http://news.example/a.json").is_err());
    assert!(policy.check("https://news.example:8443/a.json").is_err());
}

#[test]
fn the_host_page_chooses_any_feed_but_archives_keep_to_their_sites() {
    let embed = SourcePolicy::host_chosen("https://blog.example", &[]);
    assert_eq!(embed.check("https://cdn.example/archive/index.json"), Ok(()));
    assert_eq!(embed.check("data:application/json,{}"), Err(SourceRefused::Scheme));
    let issues = embed.for_issues_of("https://cdn.example/archive/index.json");
    assert_eq!(issues.check("https://cdn.example/archive/1.json"), Ok(()));
    assert_eq!(issues.check("https://blog.example/1.json"), Ok(()));
    assert_eq!(
        issues.check("https://evil.example/1.json"),
        Err(SourceRefused::ArchiveOrigin {
            origin: "https://evil.example".to_owned(),
            index: "https://cdn.example".to_owned()
        })
    );
}
