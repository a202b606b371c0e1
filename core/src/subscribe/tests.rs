//! Requests and replies as each provider documents them (see
//! `docs/subscribe.md`), settings as publishers write them, and the email
//! check.

use super::*;
use crate::html::native::Html5ever;
use crate::read_issue;

// The replies' markup is read by the native parser here, the browser's in the widget.
fn read_fetch_reply(provider: &Provider, status: u16, body: &str, double_opt_in: bool) -> Reply {
    super::read_fetch_reply(provider, status, body, double_opt_in, &Html5ever)
}

fn read_mailchimp_reply(result: &str, msg: &str) -> Reply {
    super::read_mailchimp_reply(result, msg, &Html5ever)
}

fn plain_text(markup: &str) -> String {
    super::plain_text(markup, &Html5ever)
}

const UUID_1: &str = "eb420c55-4cfb-4972-92ba-c93c34ba475d";
const UUID_2: &str = "0c554cfb-eb42-4972-92ba-c93c34ba475d";

fn ada() -> Subscriber {
    Subscriber {
        email: "ada@example.org".to_owned(),
        name: Some("Ada".to_owned()),
    }
}

fn no_name(email: &str) -> Subscriber {
    Subscriber {
        email: email.to_owned(),
        name: None,
    }
}

fn strings(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn json_headers() -> Vec<(String, String)> {
    strings(&[("Accept", "application/json"), ("Content-Type", "application/json")])
}

/// Reads a feed whose `_newsletter.subscribe` is `subscribe`, written alone
/// on line 2 so that columns in messages are columns in `subscribe`.
fn read(subscribe: &str) -> (SubscribeConfig, Vec<String>) {
    let feed = format!(
        "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [], \"_newsletter\": {{\"subscribe\":\n{subscribe}\n}}}}"
    );
    let decoded = read_issue(&feed).unwrap();
    let notices = decoded.notices.iter().map(ToString::to_string).collect();
    (decoded.issue.subscribe, notices)
}

/// Reads settings that must produce no notice and returns the provider.
fn provider(subscribe: &str) -> Provider {
    let (config, notices) = read(subscribe);
    assert_eq!(notices, Vec::<String>::new(), "{subscribe}");
    config.provider.expect("a provider")
}

// ---------------------------------------------------------------- email

#[test]
fn an_email_address_is_trimmed_and_checked_the_practical_way() {
    assert_eq!(check_email("  ada@example.org \n"), Ok("ada@example.org".to_owned()));
    for good in [
        "a+b&c@example.org",
        "first.last@sub.example.co.uk",
        "o'brien@example.ie",
        "zoë@exämple.de",
        "x@a-b.example",
    ] {
        assert_eq!(check_email(good), Ok(good.to_owned()), "{good} must be accepted");
    }
    assert_eq!(check_email(""), Err(EmailProblem::Empty));
    assert_eq!(check_email(" \t "), Err(EmailProblem::Empty));
    for bad in [
        "ada",
        "ada@",
        "@example.org",
        "ada@example",
        "ada@@example.org",
        "a@b@example.org",
        "ada lovelace@example.org",
        "ada@exa mple.org",
        "ada\n@example.org",
        "ada@.example.org",
        "ada@example..org",
        "ada@example.org.",
        "ada@-example.org",
        "ada@example-.org",
        "ada@exam_ple.org",
        "\"ada\"@example.org",
        "ada,bob@example.org",
        "<ada@example.org>",
        "ada@[127.0.0.1]",
    ] {
        assert_eq!(check_email(bad), Err(EmailProblem::Invalid), "{bad:?} must be refused");
    }
    let longest = format!("{}@example.org", "a".repeat(254 - "@example.org".len()));
    assert_eq!(longest.len(), 254);
    assert!(check_email(&longest).is_ok());
    assert_eq!(check_email(&format!("a{longest}")), Err(EmailProblem::Invalid));
}

#[test]
fn email_problems_read_as_instructions() {
    assert_eq!(EmailProblem::Empty.to_string(), "Enter your email address.");
    assert_eq!(
        EmailProblem::Invalid.to_string(),
        "Enter an email address like name@example.com."
    );
}

#[test]
fn a_subscriber_has_a_checked_address_and_a_tidy_name() {
    assert_eq!(
        Subscriber::new(" ada@example.org ", "  Ada \n Lovelace "),
        Ok(Subscriber {
            email: "ada@example.org".to_owned(),
            name: Some("Ada Lovelace".to_owned()),
        })
    );
    assert_eq!(
        Subscriber::new("ada@example.org", "   "),
        Ok(no_name("ada@example.org"))
    );
    assert_eq!(Subscriber::new("nope", "Ada"), Err(EmailProblem::Invalid));
}

// ------------------------------------------------------------- requests

#[test]
fn json_posts_email_and_name_as_json_with_accept_json() {
    let provider = Provider::Json {
        url: "https://formspree.io/f/xyzabcd".to_owned(),
    };
    assert_eq!(
        build_submission(&provider, &ada()),
        Submission::Fetch {
            url: "https://formspree.io/f/xyzabcd".to_owned(),
            body: r#"{"email":"ada@example.org","name":"Ada"}"#.to_owned(),
            headers: json_headers(),
        }
    );
    let Submission::Fetch { body, .. } = build_submission(&provider, &no_name("a+b&c@example.org")) else {
        panic!("a fetch");
    };
    assert_eq!(body, r#"{"email":"a+b&c@example.org"}"#);
}

#[test]
fn names_are_escaped_in_json_bodies() {
    let provider = Provider::Json {
        url: "https://example.org/subscribe".to_owned(),
    };
    let name = "Zoë \"Z\" \\ O'Brien 🚀\u{1}\u{2028}";
    let subscriber = Subscriber {
        email: "zoë@example.org".to_owned(),
        name: Some(name.to_owned()),
    };
    let Submission::Fetch { body, .. } = build_submission(&provider, &subscriber) else {
        panic!("a fetch");
    };
    assert_eq!(
        body,
        r#"{"email":"zoë@example.org","name":"Zoë \"Z\" \\ O'Brien 🚀\u0001\u2028"}"#
    );
    // The body reads back as the same text.
    let parsed = crate::feed::json::parse(&body).unwrap();
    assert_eq!(parsed.get("name").and_then(|n| n.as_str()), Some(name));
}

#[test]
fn listmonk_posts_to_the_public_subscription_api() {
    let provider = Provider::Listmonk {
        url: "https://lists.example.org".to_owned(),
        list_uuids: vec![UUID_1.to_owned(), UUID_2.to_owned()],
    };
    assert_eq!(
        build_submission(&provider, &ada()),
        Submission::Fetch {
            url: "https://lists.example.org/api/public/subscription".to_owned(),
            body: format!(r#"{{"email":"ada@example.org","name":"Ada","list_uuids":["{UUID_1}","{UUID_2}"]}}"#),
            headers: json_headers(),
        }
    );
}

#[test]
fn mailchimp_is_a_jsonp_get_to_post_json_with_the_honeypot_left_empty() {
    let provider = Provider::Mailchimp {
        action: "https://example.us5.list-manage.com/subscribe/post?u=e5ad35332666289a0f48013c5&id=71ed1f89d8&f_id=00f173e6f0"
            .to_owned(),
        u: "e5ad35332666289a0f48013c5".to_owned(),
        id: "71ed1f89d8".to_owned(),
    };
    let subscriber = Subscriber {
        email: "a+b&c@example.org".to_owned(),
        name: Some("Zoë Lovelace".to_owned()),
    };
    assert_eq!(
        build_submission(&provider, &subscriber),
        Submission::Jsonp {
            url: "https://example.us5.list-manage.com/subscribe/post-json?u=e5ad35332666289a0f48013c5&id=71ed1f89d8&f_id=00f173e6f0\
                  &EMAIL=a%2Bb%26c%40example.org&FNAME=Zo%C3%AB%20Lovelace&b_e5ad35332666289a0f48013c5_71ed1f89d8="
                .to_owned()
        }
    );
    assert_eq!(
        build_submission(&provider, &no_name("ada@example.org")),
        Submission::Jsonp {
            url: "https://example.us5.list-manage.com/subscribe/post-json?u=e5ad35332666289a0f48013c5&id=71ed1f89d8&f_id=00f173e6f0\
                  &EMAIL=ada%40example.org&b_e5ad35332666289a0f48013c5_71ed1f89d8="
                .to_owned()
        }
    );
}

#[test]
fn buttondown_kit_and_forms_post_their_documented_fields() {
    let buttondown = Provider::Buttondown {
        action: "https://buttondown.com/api/emails/embed-subscribe/jmduke".to_owned(),
    };
    assert_eq!(
        build_submission(&buttondown, &ada()),
        Submission::FormPost {
            action: "https://buttondown.com/api/emails/embed-subscribe/jmduke".to_owned(),
            fields: strings(&[("email", "ada@example.org"), ("embed", "1")]),
        }
    );
    assert!(!buttondown.collects_name());

    let kit = Provider::Kit {
        action: "https://app.kit.com/forms/1234567/subscriptions".to_owned(),
    };
    assert_eq!(
        build_submission(&kit, &ada()),
        Submission::FormPost {
            action: "https://app.kit.com/forms/1234567/subscriptions".to_owned(),
            fields: strings(&[("email_address", "ada@example.org"), ("fields[first_name]", "Ada")]),
        }
    );
    assert_eq!(
        build_submission(&kit, &no_name("ada@example.org")),
        Submission::FormPost {
            action: "https://app.kit.com/forms/1234567/subscriptions".to_owned(),
            fields: strings(&[("email_address", "ada@example.org")]),
        }
    );
    assert!(kit.collects_name());

    // listmonk's own HTML form: email, name and the list as `l`.
    let form = Provider::Form {
        action: "https://lists.example.org/subscription/form".to_owned(),
        email_field: "email".to_owned(),
        name_field: "name".to_owned(),
        fields: strings(&[("l", UUID_1)]),
    };
    let submission = build_submission(&form, &ada());
    assert_eq!(
        submission,
        Submission::FormPost {
            action: "https://lists.example.org/subscription/form".to_owned(),
            fields: strings(&[("email", "ada@example.org"), ("name", "Ada"), ("l", UUID_1)]),
        }
    );
    assert_eq!(
        submission.handed_over_message(Language::English),
        Some("Almost done: finish subscribing in the new tab.")
    );
}

#[test]
fn mailto_writes_a_ready_message() {
    let provider = Provider::Mailto {
        address: "news@example.org".to_owned(),
    };
    let subscriber = Subscriber {
        email: "a+b&c@example.org".to_owned(),
        name: Some("Ada".to_owned()),
    };
    let submission = build_submission(&provider, &subscriber);
    assert_eq!(
        submission,
        Submission::Mailto {
            href: "mailto:news@example.org?subject=Subscribe&body=Please%20add%20me%20to%20the%20newsletter.\
                   %0D%0A%0D%0AEmail%3A%20a%2Bb%26c%40example.org%0D%0AName%3A%20Ada"
                .to_owned()
        }
    );
    let plus = Provider::Mailto {
        address: "news+list@example.org".to_owned(),
    };
    let Submission::Mailto { href } = build_submission(&plus, &no_name("ada@example.org")) else {
        panic!("a mailto link");
    };
    assert!(
        href.starts_with("mailto:news%2Blist@example.org?subject=Subscribe&body="),
        "{href}"
    );
}

// ---------------------------------------------------------- fetch replies

fn json_provider() -> Provider {
    Provider::Json {
        url: "https://formspree.io/f/xyzabcd".to_owned(),
    }
}

fn listmonk() -> Provider {
    Provider::Listmonk {
        url: "https://lists.example.org".to_owned(),
        list_uuids: vec![UUID_1.to_owned()],
    }
}

fn rejected(message: &str) -> Reply {
    Reply::Rejected {
        message: message.to_owned(),
    }
}

#[test]
fn any_2xx_is_success_and_the_setting_says_whether_to_confirm() {
    let formspree_ok = r#"{"next":"https://formspree.io/thanks?language=en","ok":true}"#;
    assert_eq!(
        read_fetch_reply(&json_provider(), 200, formspree_ok, true),
        Reply::Subscribed { confirm: true }
    );
    assert_eq!(
        read_fetch_reply(&json_provider(), 200, formspree_ok, false),
        Reply::Subscribed { confirm: false }
    );
    // No body, or a body that is not JSON: the status decides.
    assert_eq!(
        read_fetch_reply(&json_provider(), 204, "", true),
        Reply::Subscribed { confirm: true }
    );
    assert_eq!(
        read_fetch_reply(&json_provider(), 201, "<html><body>Thanks!</body></html>", false),
        Reply::Subscribed { confirm: false }
    );
}

#[test]
fn listmonk_says_itself_whether_it_sent_a_confirmation() {
    assert_eq!(
        read_fetch_reply(&listmonk(), 200, r#"{"data":{"has_optin":false}}"#, true),
        Reply::Subscribed { confirm: false }
    );
    assert_eq!(
        read_fetch_reply(&listmonk(), 200, r#"{"data":{"has_optin":true}}"#, false),
        Reply::Subscribed { confirm: true }
    );
    // Older listmonk answered `{"data": true}`.
    assert_eq!(
        read_fetch_reply(&listmonk(), 200, r#"{"data":true}"#, true),
        Reply::Subscribed { confirm: true }
    );
    assert_eq!(
        read_fetch_reply(&listmonk(), 400, r#"{"message":"Invalid email."}"#, true),
        rejected("Invalid email.")
    );
    assert_eq!(
        read_fetch_reply(
            &listmonk(),
            400,
            r#"{"message":"The e-mail domain is blocklisted."}"#,
            true
        ),
        rejected("The e-mail domain is blocklisted.")
    );
    assert_eq!(
        read_fetch_reply(
            &listmonk(),
            500,
            r#"{"message":"Error processing request. Please retry."}"#,
            true
        ),
        Reply::Failed(Failure::Http(500))
    );
}

#[test]
fn validation_errors_are_shown_in_the_providers_words() {
    let formspree = r#"{"error":"Validation errors","errors":[{"code":"TYPE_EMAIL","field":"email","message":"should be an email"}]}"#;
    assert_eq!(
        read_fetch_reply(&json_provider(), 422, formspree, true),
        rejected("Email should be an email")
    );
    let two = r#"{"errors":[{"field":"email","message":"should be an email"},{"code":"EMPTY","message":"Please fill in the CAPTCHA"}]}"#;
    assert_eq!(
        read_fetch_reply(&json_provider(), 422, two, true),
        rejected("Email should be an email. Please fill in the CAPTCHA.")
    );
    assert_eq!(
        read_fetch_reply(&json_provider(), 404, r#"{"error":"Form not found"}"#, true),
        rejected("Form not found")
    );
    assert_eq!(
        read_fetch_reply(&json_provider(), 400, r#"{"error":{"message":"Bad address"}}"#, true),
        rejected("Bad address")
    );
    assert_eq!(
        read_fetch_reply(&json_provider(), 400, r#"{"errors":["Email is invalid"]}"#, true),
        rejected("Email is invalid")
    );
    assert_eq!(
        read_fetch_reply(
            &json_provider(),
            422,
            r#"{"detail":"email: value is not a valid email address"}"#,
            true
        ),
        rejected("email: value is not a valid email address")
    );
    // Markup in a message is reduced to its text; scripts go with their content.
    assert_eq!(
        read_fetch_reply(
            &json_provider(),
            400,
            r#"{"message":"<b>Invalid</b> email &amp; name<script>alert(1)</script>"}"#,
            true
        ),
        rejected("Invalid email & name")
    );
    let long = format!(r#"{{"message":"{}"}}"#, "word ".repeat(100));
    let Reply::Rejected { message } = read_fetch_reply(&json_provider(), 400, &long, true) else {
        panic!("rejected");
    };
    assert_eq!(message.chars().count(), 300);
    assert!(message.ends_with("word…"), "{message}");
}

#[test]
fn already_subscribed_is_recognised_by_status_or_words() {
    for (status, body) in [
        (409, "{}"),
        (409, ""),
        (400, r#"{"message":"You are already subscribed."}"#),
        (400, r#"{"error":"ada@example.org is already a list member."}"#),
        (
            422,
            r#"{"errors":[{"field":"email","message":"Subscriber already exists"}]}"#,
        ),
        (200, r#"{"message":"Already subscribed"}"#),
    ] {
        assert_eq!(
            read_fetch_reply(&json_provider(), status, body, true),
            Reply::AlreadySubscribed,
            "{status} {body}"
        );
    }
}

#[test]
fn server_errors_and_unreadable_refusals_fail_with_retry() {
    assert_eq!(
        read_fetch_reply(&json_provider(), 500, r#"{"message":"boom"}"#, true),
        Reply::Failed(Failure::Http(500))
    );
    assert_eq!(
        read_fetch_reply(&json_provider(), 502, "<html><h1>Bad Gateway</h1></html>", true),
        Reply::Failed(Failure::Http(502))
    );
    assert_eq!(
        read_fetch_reply(&json_provider(), 400, "{\"message\": ", true),
        Reply::Failed(Failure::Http(400))
    );
    assert_eq!(
        read_fetch_reply(&json_provider(), 403, r#"{"message":"   "}"#, true),
        Reply::Failed(Failure::Http(403))
    );
    assert_eq!(
        read_fetch_reply(&json_provider(), 302, "", true),
        Reply::Failed(Failure::Http(302))
    );
    let reply = read_fetch_reply(&json_provider(), 503, "", true);
    assert!(reply.can_retry());
    assert!(!rejected("Invalid email.").can_retry());
}

// ------------------------------------------------------- Mailchimp replies

#[test]
fn mailchimp_success_asks_to_confirm_when_its_message_does() {
    assert_eq!(
        read_mailchimp_reply(
            "success",
            "Almost finished... We need to confirm your email address. To complete the subscription process, please click the link in the email we just sent you."
        ),
        Reply::Subscribed { confirm: true }
    );
    assert_eq!(
        read_mailchimp_reply("success", "Thank you for subscribing!"),
        Reply::Subscribed { confirm: false }
    );
}

#[test]
fn mailchimp_already_subscribed_is_read_through_its_html() {
    let msg = "ada@example.org is already subscribed to list Example Newsletter. \
               <a href=\"https://example.us5.list-manage.com/subscribe/send-email?e=YWRh&u=e5ad35332666289a0f48013c5&id=71ed1f89d8\">Click here to update your profile</a>";
    assert_eq!(read_mailchimp_reply("error", msg), Reply::AlreadySubscribed);
}

#[test]
fn mailchimp_errors_lose_the_field_index_and_markup() {
    assert_eq!(
        read_mailchimp_reply("error", "0 - Please enter a value"),
        rejected("Please enter a value")
    );
    assert_eq!(
        read_mailchimp_reply("error", "0 - An email address must contain a single @."),
        rejected("An email address must contain a single @.")
    );
    assert_eq!(
        read_mailchimp_reply("error", "1 - Please enter a value"),
        rejected("Please enter a value")
    );
    assert_eq!(
        read_mailchimp_reply(
            "error",
            "Too many subscribe attempts for this email address. Please try again in about 5 minutes. (#6592)"
        ),
        rejected("Too many subscribe attempts for this email address. Please try again in about 5 minutes. (#6592)")
    );
    assert_eq!(
        read_mailchimp_reply(
            "error",
            "<p>This email cannot be added to this list.</p><p>Please enter a different email&nbsp;address.</p><script>alert(1)</script>"
        ),
        rejected("This email cannot be added to this list. Please enter a different email address.")
    );
    // Only a number before " - " is a field index.
    assert_eq!(read_mailchimp_reply("error", "Plan - b"), rejected("Plan - b"));
}

#[test]
fn unreadable_mailchimp_answers_fail() {
    assert_eq!(
        read_mailchimp_reply("error", "  "),
        Reply::Failed(Failure::RefusedSilently)
    );
    assert_eq!(read_mailchimp_reply("", ""), Reply::Failed(Failure::Unexpected));
}

#[test]
fn replies_read_as_sentences_in_the_readers_language() {
    let english = |reply: Reply| reply.message(Language::English);
    let french = |reply: Reply| reply.message(Language::French);
    assert_eq!(
        english(Reply::Subscribed { confirm: true }),
        "Check your inbox to confirm your subscription."
    );
    assert_eq!(
        english(Reply::Subscribed { confirm: false }),
        "You're subscribed. Thank you!"
    );
    assert_eq!(
        english(Reply::AlreadySubscribed),
        "You're already subscribed. Thank you!"
    );
    assert_eq!(french(Reply::AlreadySubscribed), "Vous êtes déjà abonné. Merci !");
    // A provider's own words stay as written.
    assert_eq!(french(rejected("Invalid email.")), "Invalid email.");
    assert_eq!(
        english(Reply::network_failed()),
        "Could not reach the newsletter service. Check your connection and try again."
    );
    assert_eq!(
        english(Reply::timed_out()),
        "The newsletter service did not answer in time. Please try again."
    );
    assert_eq!(
        english(Reply::Failed(Failure::Http(500))),
        "The newsletter service is having trouble (HTTP 500). Please try again later."
    );
    assert_eq!(
        english(Reply::Failed(Failure::Http(403))),
        "The newsletter service did not accept the request (HTTP 403). Please try again later."
    );
    assert_eq!(
        english(Reply::Failed(Failure::Http(302))),
        "The newsletter service gave an unexpected answer (HTTP 302). Please try again later."
    );
    assert_eq!(
        french(Reply::Failed(Failure::Http(502))),
        "Le service d’envoi de la lettre rencontre un problème (HTTP 502). Veuillez réessayer plus tard."
    );
    assert!(Reply::timed_out().can_retry());
    assert!(!rejected("Invalid email.").can_retry());
    assert_eq!(
        EmailProblem::Invalid.message(Language::French),
        "Saisissez une adresse e-mail comme nom@exemple.fr."
    );
}

#[test]
fn plain_text_keeps_only_the_words() {
    assert_eq!(plain_text("a &amp; b"), "a & b");
    assert_eq!(plain_text("<p>One</p><p>Two</p>"), "One Two");
    assert_eq!(plain_text("Click <b>here</b>!"), "Click here!");
    assert_eq!(plain_text("  no\n markup  "), "no markup");
}

// -------------------------------------------------------------- settings

#[test]
fn no_settings_mean_no_form_and_no_notice() {
    let (config, notices) = read(r#"{"title": "Join the Community", "text": "Every Thursday."}"#);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(
        config,
        SubscribeConfig {
            title: Some("Join the Community".to_owned()),
            text: Some("Every Thursday.".to_owned()),
            ..SubscribeConfig::default()
        }
    );
    assert!(!config.shows_form());
    assert!(config.double_opt_in);
    assert_eq!(config.timeout_ms, 15_000);
}

#[test]
fn json_and_listmonk_settings() {
    assert_eq!(
        provider(r#"{"provider": "json", "url": " https://formspree.io/f/xyzabcd "}"#),
        Provider::Json {
            url: "https://formspree.io/f/xyzabcd".to_owned()
        }
    );
    let expected = Provider::Listmonk {
        url: "https://lists.example.org".to_owned(),
        list_uuids: vec![UUID_1.to_owned(), UUID_2.to_owned()],
    };
    assert_eq!(
        provider(&format!(
            r#"{{"provider": "listmonk", "url": "https://lists.example.org/", "list_uuids": ["{UUID_1}", "{UUID_2}"]}}"#
        )),
        expected
    );
    // The full API address is accepted too, and the provider's name in any case.
    assert_eq!(
        provider(&format!(
            r#"{{"provider": "Listmonk", "url": "https://lists.example.org/api/public/subscription", "list_uuids": ["{UUID_1}", "{UUID_2}"]}}"#
        )),
        expected
    );
}

#[test]
fn mailchimp_settings_come_from_the_embedded_forms_action() {
    let expected = Provider::Mailchimp {
        action: "https://example.us5.list-manage.com/subscribe/post?u=e5ad35332666289a0f48013c5&id=71ed1f89d8&f_id=00f173e6f0"
            .to_owned(),
        u: "e5ad35332666289a0f48013c5".to_owned(),
        id: "71ed1f89d8".to_owned(),
    };
    // As pasted from the embed code's HTML, `&amp;` and all.
    assert_eq!(
        provider(
            r#"{"provider": "mailchimp", "url": "https://example.us5.list-manage.com/subscribe/post?u=e5ad35332666289a0f48013c5&amp;id=71ed1f89d8&amp;f_id=00f173e6f0"}"#
        ),
        expected
    );
    // The host alone with `u` and `id`.
    assert_eq!(
        provider(
            r#"{"provider": "mailchimp", "url": "https://example.us5.list-manage.com", "u": "a1b2", "id": "c3d4"}"#
        ),
        Provider::Mailchimp {
            action: "https://example.us5.list-manage.com/subscribe/post?u=a1b2&id=c3d4".to_owned(),
            u: "a1b2".to_owned(),
            id: "c3d4".to_owned(),
        }
    );
    // Old protocol-relative embed code, a post-json address with its callback,
    // and `id` given as a key, which wins over the action's.
    assert_eq!(
        provider(
            r#"{"provider": "mailchimp", "url": "//example.us5.list-manage.com/subscribe/post-json?u=a1b2&id=old&c=?", "id": "c3d4"}"#
        ),
        Provider::Mailchimp {
            action: "https://example.us5.list-manage.com/subscribe/post?u=a1b2&id=c3d4".to_owned(),
            u: "a1b2".to_owned(),
            id: "c3d4".to_owned(),
        }
    );
    // The host is normalised as a browser reads it.
    assert_eq!(
        provider(
            r#"{"provider": "mailchimp", "url": "https://Example.US5.list-manage.com.:443/subscribe/post?u=a1&id=b2"}"#
        ),
        Provider::Mailchimp {
            action: "https://example.us5.list-manage.com/subscribe/post?u=a1&id=b2".to_owned(),
            u: "a1".to_owned(),
            id: "b2".to_owned(),
        }
    );
}

#[test]
fn buttondown_kit_form_and_mailto_settings() {
    assert_eq!(
        provider(r#"{"provider": "buttondown", "username": "jmduke"}"#),
        Provider::Buttondown {
            action: "https://buttondown.com/api/emails/embed-subscribe/jmduke".to_owned()
        }
    );
    assert_eq!(
        provider(
            r#"{"provider": "buttondown", "username": "ignored", "url": "https://buttondown.email/api/emails/embed-subscribe/test"}"#
        ),
        Provider::Buttondown {
            action: "https://buttondown.email/api/emails/embed-subscribe/test".to_owned()
        }
    );
    let kit = Provider::Kit {
        action: "https://app.kit.com/forms/1234567/subscriptions".to_owned(),
    };
    assert_eq!(provider(r#"{"provider": "kit", "form_id": "1234567"}"#), kit);
    assert_eq!(provider(r#"{"provider": "kit", "form_id": 1234567}"#), kit);
    assert_eq!(
        provider(
            r#"{"provider": "form", "url": "https://example.org/members/add", "email_field": "field_0", "name_field": "field_1", "fields": {"source": "widget", "list": 3, "source": "newsletter"}}"#
        ),
        Provider::Form {
            action: "https://example.org/members/add".to_owned(),
            email_field: "field_0".to_owned(),
            name_field: "field_1".to_owned(),
            fields: strings(&[("list", "3"), ("source", "newsletter")]),
        }
    );
    assert_eq!(
        provider(r#"{"provider": "form", "url": "https://example.org/subscribe"}"#),
        Provider::Form {
            action: "https://example.org/subscribe".to_owned(),
            email_field: "email".to_owned(),
            name_field: "name".to_owned(),
            fields: Vec::new(),
        }
    );
    let mailto = Provider::Mailto {
        address: "News@Example.org".to_owned(),
    };
    assert_eq!(provider(r#"{"address": "mailto:News@Example.org"}"#), mailto);
    assert_eq!(
        provider(r#"{"provider": "mailto", "address": "News@Example.org"}"#),
        mailto
    );
}

#[test]
fn consent_opt_in_and_timeout_settings() {
    let (config, notices) = read(
        r#"{"provider": "mailto", "address": "news@example.org", "consent": {"text": "I agree to receive the newsletter.", "privacy_url": "https://example.org/privacy"}, "double_opt_in": false, "timeout_ms": 30000}"#,
    );
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(
        config.consent,
        Some(Consent {
            text: "I agree to receive the newsletter.".to_owned(),
            privacy_url: Some("https://example.org/privacy".to_owned()),
        })
    );
    assert!(!config.double_opt_in);
    assert_eq!(config.timeout_ms, 30_000);
}

#[test]
fn an_unknown_provider_hides_the_box() {
    let (config, notices) = read(r#"{"provider": "sendgrid", "url": "https://lists.example.org"}"#);
    assert_eq!(config.provider, None);
    assert_eq!(
        notices,
        [
            "_newsletter.subscribe.provider (line 2, column 14): unknown provider \"sendgrid\"; use one of json, listmonk, mailchimp, buttondown, kit, form, mailto",
            "_newsletter.subscribe (line 2, column 1): the subscribe box is not shown; fix the settings above or add \"address\" to subscribe by email",
        ]
    );
}

#[test]
fn a_missing_setting_falls_back_to_email_when_there_is_an_address() {
    let (config, notices) =
        read(r#"{"provider": "listmonk", "url": "https://lists.example.org", "address": "news@example.org"}"#);
    assert_eq!(
        config.provider,
        Some(Provider::Mailto {
            address: "news@example.org".to_owned()
        })
    );
    assert_eq!(
        notices,
        [
            "_newsletter.subscribe.list_uuids (line 2, column 1): the listmonk provider needs \"list_uuids\"",
            "_newsletter.subscribe (line 2, column 1): the subscribe form sends an email to news@example.org instead",
        ]
    );
}

#[test]
fn every_bad_listmonk_setting_is_reported() {
    let (config, notices) = read(&format!(
        r#"{{"provider": "listmonk", "url": "javascript:alert(1)", "list_uuids": ["{UUID_1}", "list-1", 7]}}"#
    ));
    assert_eq!(config.provider, None);
    assert_eq!(
        notices,
        [
            "_newsletter.subscribe.url (line 2, column 33): unsafe or relative link \"javascript:alert(1)\" removed (only absolute http and https links are kept)",
            "_newsletter.subscribe.list_uuids[1] (line 2, column 111): \"list-1\" is not a listmonk list UUID such as eb420c55-4cfb-4972-92ba-c93c34ba475d",
            "_newsletter.subscribe.list_uuids[2] (line 2, column 121): expected a string, found a number",
            "_newsletter.subscribe (line 2, column 1): the subscribe box is not shown; fix the settings above or add \"address\" to subscribe by email",
        ]
    );
}

#[test]
fn bad_mailchimp_settings() {
    let (_, notices) =
        read(r#"{"provider": "mailchimp", "url": "http://example.us5.list-manage.com/subscribe/post?u=a1&id=b2"}"#);
    assert_eq!(
        notices[0],
        "_newsletter.subscribe.url (line 2, column 34): \"http://example.us5.list-manage.com/subscribe/post?u=a1&id=b2\" is not an https: address (http: would send readers' data unencrypted)"
    );
    let (_, notices) =
        read(r#"{"provider": "mailchimp", "url": "https://example.us5.list-manage.com/subscribe/post"}"#);
    assert_eq!(
        notices[..2],
        [
            "_newsletter.subscribe.u (line 2, column 1): the mailchimp provider needs \"u\"",
            "_newsletter.subscribe.id (line 2, column 1): the mailchimp provider needs \"id\"",
        ]
    );
    let (_, notices) = read(
        r#"{"provider": "mailchimp", "url": "https://example.us1.list-manage.com/signup?u=a1&id=b2", "id": "b-2"}"#,
    );
    assert_eq!(
        notices[0],
        "_newsletter.subscribe.url (line 2, column 34): \"https://example.us1.list-manage.com/signup?u=a1&id=b2\" is not the action of a Mailchimp embedded form, such as https://NAME.us1.list-manage.com/subscribe/post?u=…&id=…"
    );
    let (_, notices) = read(
        r#"{"provider": "mailchimp", "url": "https://example.us5.list-manage.com/subscribe/post?u=a1", "id": "b-2"}"#,
    );
    assert_eq!(
        notices[0],
        "_newsletter.subscribe.id (line 2, column 99): \"b-2\" is not a Mailchimp id (letters and digits, as in the form's action)"
    );
}

#[test]
fn bad_buttondown_kit_and_form_settings() {
    let (_, notices) = read(r#"{"provider": "buttondown", "username": "me/../admin"}"#);
    assert_eq!(
        notices[0],
        "_newsletter.subscribe.username (line 2, column 40): \"me/../admin\" is not a Buttondown username (letters, digits, - and _)"
    );
    let (_, notices) = read(r#"{"provider": "buttondown"}"#);
    assert_eq!(
        notices[0],
        "_newsletter.subscribe.username (line 2, column 1): the buttondown provider needs \"username\""
    );
    let (_, notices) = read(r#"{"provider": "kit", "form_id": "9e29a68d32"}"#);
    assert_eq!(
        notices[0],
        "_newsletter.subscribe.form_id (line 2, column 32): \"9e29a68d32\" is not a Kit form id (the digits in https://app.kit.com/forms/1234567/subscriptions)"
    );
    let (config, notices) = read(
        r#"{"provider": "form", "url": "https://lists.example.org/subscription/form", "fields": {"l": "x", "tags": ["a"]}}"#,
    );
    assert_eq!(config.provider, None);
    assert_eq!(
        notices,
        [
            "_newsletter.subscribe.fields.tags (line 2, column 105): expected a string, found a list",
            "_newsletter.subscribe (line 2, column 1): the subscribe box is not shown; fix the settings above or add \"address\" to subscribe by email",
        ]
    );
}

#[test]
fn provider_settings_without_a_provider_are_reported() {
    let (config, notices) = read(r#"{"url": "https://example.org/subscribe", "address": "news@example.org"}"#);
    assert_eq!(
        config.provider,
        Some(Provider::Mailto {
            address: "news@example.org".to_owned()
        })
    );
    assert_eq!(
        notices,
        [
            "_newsletter.subscribe.provider (line 2, column 1): \"provider\" is missing; use one of json, listmonk, mailchimp, buttondown, kit, form, mailto",
            "_newsletter.subscribe (line 2, column 1): the subscribe form sends an email to news@example.org instead",
        ]
    );
    // An empty provider counts as absent, as every empty string does.
    let (config, notices) = read(r#"{"provider": " ", "address": "news@example.org"}"#);
    assert!(notices.is_empty(), "{notices:?}");
    assert!(matches!(config.provider, Some(Provider::Mailto { .. })));
    let (_, notices) = read(r#"{"provider": 3}"#);
    assert_eq!(
        notices[0],
        "_newsletter.subscribe.provider (line 2, column 14): expected a provider name such as \"listmonk\", found a number"
    );
}

#[test]
fn mailto_needs_a_usable_address() {
    let (config, notices) = read(r#"{"provider": "mailto"}"#);
    assert_eq!(config.provider, None);
    assert_eq!(
        notices,
        [
            "_newsletter.subscribe.address (line 2, column 1): the mailto provider needs \"address\"",
            "_newsletter.subscribe (line 2, column 1): the subscribe box is not shown; fix the settings above or add \"address\" to subscribe by email",
        ]
    );
    // A bad address under a working provider only loses the fallback.
    let (config, notices) =
        read(r#"{"provider": "json", "url": "https://formspree.io/f/xyzabcd", "address": "news at example.org"}"#);
    assert!(matches!(config.provider, Some(Provider::Json { .. })));
    assert_eq!(
        notices,
        ["_newsletter.subscribe.address (line 2, column 74): \"news at example.org\" is not an email address such as news@example.org"]
    );
}

#[test]
fn bad_texts_consent_opt_in_and_timeout_are_ignored_with_a_notice() {
    let (config, notices) = read(
        r#"{"title": 7, "consent": {"privacy_url": "https://example.org/privacy"}, "double_opt_in": "yes", "timeout_ms": 500}"#,
    );
    assert_eq!(
        (config.title, config.consent, config.double_opt_in, config.timeout_ms),
        (None, None, true, 15_000)
    );
    assert_eq!(
        notices,
        [
            "_newsletter.subscribe.title (line 2, column 11): expected a string, found a number",
            "_newsletter.subscribe.consent.text (line 2, column 25): consent needs \"text\"",
            "_newsletter.subscribe.double_opt_in (line 2, column 90): expected true or false, found a string",
            "_newsletter.subscribe.timeout_ms (line 2, column 111): \"500\" is not a whole number of milliseconds from 1000 to 120000",
        ]
    );
    let (config, notices) =
        read(r#"{"consent": {"text": "I agree.", "privacy_url": "/privacy"}, "timeout_ms": "15s"}"#);
    assert_eq!(
        config.consent,
        Some(Consent {
            text: "I agree.".to_owned(),
            privacy_url: None
        })
    );
    assert_eq!(
        notices,
        [
            "_newsletter.subscribe.consent.privacy_url (line 2, column 49): unsafe or relative link \"/privacy\" removed (only absolute http and https links are kept)",
            "_newsletter.subscribe.timeout_ms (line 2, column 76): expected a number of milliseconds, found a string",
        ]
    );
    let (_, notices) = read(r#"{"consent": "I agree."}"#);
    assert_eq!(
        notices,
        ["_newsletter.subscribe.consent (line 2, column 13): expected an object with \"text\" and \"privacy_url\", found a string"]
    );
}

#[test]
fn an_embed_attribute_replaces_the_provider_but_keeps_the_feeds_texts() {
    let (feed, _) = read(r#"{"title": "Join", "text": "Weekly.", "provider": "mailto", "address": "ed@example.org"}"#);
    let mut notices = Vec::new();
    let config = override_config(
        &feed,
        r#"{"provider": "json", "url": "https://forms.example/f/1"}"#,
        &mut notices,
    )
    .unwrap();
    assert_eq!(
        config.provider,
        Some(Provider::Json {
            url: "https://forms.example/f/1".to_owned()
        })
    );
    assert_eq!(
        (config.title.as_deref(), config.text.as_deref()),
        (Some("Join"), Some("Weekly."))
    );
    assert!(notices.is_empty());
    let retitled = override_config(
        &feed,
        r#"{"title": "Sign up", "provider": "mailto", "address": "x@example.org"}"#,
        &mut notices,
    );
    assert_eq!(retitled.unwrap().title.as_deref(), Some("Sign up"));
    assert_eq!(
        override_config(&feed, "{provider: json}", &mut notices)
            .unwrap_err()
            .to_string(),
        "expected a member name in double quotes, found 'p' at line 1, column 2"
    );
}

/// The first notice `settings` raise, and whether a provider survived.
fn first_notice(settings: &str) -> (String, bool) {
    let (config, notices) = read(settings);
    (
        notices.into_iter().next().unwrap_or_default(),
        config.provider.is_some(),
    )
}

#[test]
fn jsonp_goes_only_to_mailchimps_own_form_hosts() {
    // JSONP answers run as script on the host page: any other host could
    // run its own. Loopback and http: get no exception either.
    for url in [
        "https://attacker.example/subscribe/post?u=a1&id=b2",
        "https://list-manage.com.attacker.example/subscribe/post?u=a1&id=b2",
        "https://evil-list-manage.com/subscribe/post?u=a1&id=b2",
        "https://list-manage.com/subscribe/post?u=a1&id=b2",
        "https://attacker.example\\\\@x.us1.list-manage.com/subscribe/post?u=a1&id=b2",
        "http://127.0.0.1:8123/subscribe/post?u=a1&id=b2",
        "http://localhost/subscribe/post?u=a1&id=b2",
    ] {
        let (notice, kept) = first_notice(&format!(r#"{{"provider": "mailchimp", "url": "{url}"}}"#));
        assert!(!kept, "{url}");
        assert!(
            notice.starts_with("_newsletter.subscribe.url (line 2, column 34): "),
            "{notice}"
        );
        assert!(
            notice.contains("list-manage.com") || notice.contains("https:"),
            "{notice}"
        );
    }
    let (notice, _) =
        first_notice(r#"{"provider": "mailchimp", "url": "https://attacker.example/subscribe/post?u=a1&id=b2"}"#);
    assert_eq!(
        notice,
        "_newsletter.subscribe.url (line 2, column 34): \"https://attacker.example/subscribe/post?u=a1&id=b2\" is not the action of a Mailchimp embedded form, on Mailchimp's own host: https://NAME.usN.list-manage.com/subscribe/post?u=…&id=… (its answer runs as a script, so no other host is accepted)"
    );
}

#[test]
fn providers_with_known_hosts_are_pinned_and_every_provider_needs_https() {
    for (settings, problem) in [
        (
            r#"{"provider": "buttondown", "url": "https://evil.example/api/emails/embed-subscribe/x"}"#,
            "Buttondown's own host",
        ),
        (
            r#"{"provider": "kit", "url": "https://evil.example/forms/1/subscriptions"}"#,
            "Kit's own host",
        ),
        (
            r#"{"provider": "json", "url": "http://example.org/subscribe"}"#,
            "is not an https: address",
        ),
        (
            r#"{"provider": "form", "url": "http://example.org/subscribe"}"#,
            "is not an https: address",
        ),
        (
            r#"{"provider": "listmonk", "url": "http://lists.example.org", "list_uuids": ["eb420c55-4cfb-4972-92ba-c93c34ba475d"]}"#,
            "is not an https: address",
        ),
        (
            r#"{"provider": "json", "url": "https://user:pw@example.org/subscribe"}"#,
            "without a user name or password",
        ),
        (
            r#"{"provider": "json", "url": "https://example.org:99999/subscribe"}"#,
            "a valid port",
        ),
        (
            r#"{"provider": "json", "url": "https://ex%61mple.org/subscribe"}"#,
            "a plain host name",
        ),
    ] {
        let (notice, kept) = first_notice(settings);
        assert!(!kept, "{settings}");
        assert!(notice.contains(problem), "{settings}: {notice}");
    }
    assert_eq!(
        provider(r#"{"provider": "kit", "url": "https://APP.KIT.COM/forms/1/subscriptions"}"#),
        Provider::Kit {
            action: "https://app.kit.com/forms/1/subscriptions".to_owned()
        }
    );
    assert_eq!(
        provider(r#"{"provider": "json", "url": "https://Formspree.io:443/f/abc"}"#),
        Provider::Json {
            url: "https://formspree.io/f/abc".to_owned()
        }
    );
}

#[test]
fn the_jsonp_script_is_checked_again_and_named_afresh() {
    let submission = build_submission(
        &provider(
            r#"{"provider": "mailchimp", "url": "https://example.us1.list-manage.com/subscribe/post?u=a1&id=b2"}"#,
        ),
        &Subscriber {
            email: "a@example.org".to_owned(),
            name: None,
        },
    );
    let Submission::Jsonp { url } = submission else {
        panic!("a JSONP submission");
    };
    assert!(is_mailchimp_jsonp(&url), "{url}");
    for other in [
        "https://attacker.example/subscribe/post-json?u=a",
        "http://example.us1.list-manage.com/subscribe/post-json?u=a",
        "https://example.us1.list-manage.com/other?u=a",
        "https://list-manage.com/subscribe/post-json?u=a",
    ] {
        assert!(!is_mailchimp_jsonp(other), "{other}");
    }
    let name = jsonp_callback_name(&[0xab; 16]);
    assert_eq!(name, format!("__newsletterWidgetJsonp_{}", "ab".repeat(16)));
    assert_ne!(name, jsonp_callback_name(&[0xac; 16]));
}

#[test]
fn two_boxes_share_a_list_key_only_when_they_sign_up_to_the_same_list() {
    let same = provider(r#"{"provider": "json", "url": "https://formspree.io/f/xyzabcd"}"#);
    assert_eq!(same.list_key(), json_provider().list_key());
    let other_list = provider(&format!(
        r#"{{"provider": "listmonk", "url": "https://lists.example.org", "list_uuids": ["{UUID_2}"]}}"#
    ));
    assert_ne!(other_list.list_key(), listmonk().list_key());
    let form = |fields: &str| {
        provider(&format!(
            r#"{{"provider": "form", "url": "https://forms.example.org/join", "fields": {fields}}}"#
        ))
        .list_key()
    };
    assert_ne!(form(r#"{"list": "a"}"#), form(r#"{"list": "b"}"#));
    assert_ne!(json_provider().list_key(), listmonk().list_key());
}
