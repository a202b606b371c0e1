//! The subscribe box: heading, text and a form that talks to the
//! publisher's email provider (see `docs/subscribe.md`). A page shows it
//! twice (near the top and after the stories), so it is not a landmark: two
//! regions with one name would confuse screen-reader navigation.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::app::services::events::{self, Detail};
use crate::app::services::subscribe::send;
use crate::app::services::subscribed;
use crate::app::settings::ReaderSettings;
use newsletter_core::subscribe::form::{FormPhase as Phase, Typed};
use newsletter_core::subscribe::{build_submission, Reply, SubscribeConfig};

#[derive(Properties, PartialEq)]
pub struct SubscribeFormProps {
    pub config: Rc<SubscribeConfig>,
    /// Tells the two boxes of a page apart (`top`, `end`), for element ids.
    pub place: AttrValue,
}

#[function_component(SubscribeForm)]
pub fn subscribe_form(props: &SubscribeFormProps) -> Html {
    let config = &props.config;
    let settings = use_context::<ReaderSettings>().unwrap_or_default();
    let language = settings.language;
    let words = language.words();
    let phase = use_state(Phase::default);
    let email_ref = use_node_ref();
    let name_ref = use_node_ref();
    let honeypot_ref = use_node_ref();
    let outcome_ref = use_node_ref();
    let ids = |what: &str| format!("nw-subscribe-{}-{what}", props.place);
    // Another box of the same list may sign the reader up: then this one says so.
    let provider_key = config
        .provider
        .as_ref()
        .map(|provider| provider.list_key())
        .unwrap_or_default();
    let update = use_force_update();
    use_effect_with((), move |_| {
        let id = subscribed::listen(Callback::from(move |_| update.force_update()));
        move || subscribed::leave(id)
    });

    {
        // Success replaces the form: move focus to what happens next, so it
        // is not lost with the button that was pressed.
        let outcome_ref = outcome_ref.clone();
        use_effect_with((*phase).clone(), move |phase| {
            if matches!(phase, Phase::Done(_) | Phase::HandedOver(_)) {
                if let Some(outcome) = outcome_ref.cast::<HtmlElement>() {
                    let _ = outcome.focus();
                }
            }
        });
    }

    let on_submit = {
        let phase = phase.clone();
        let provider_key = provider_key.clone();
        let (email_ref, name_ref, honeypot_ref) = (email_ref.clone(), name_ref.clone(), honeypot_ref.clone());
        let config = config.clone();
        let host = settings.events.clone();
        Callback::from(move |event: SubmitEvent| {
            let Some(provider) = config.provider.clone() else {
                return;
            };
            event.prevent_default();
            let value = |node: &NodeRef| node.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let (email, name, honeypot) = (value(&email_ref), value(&name_ref), value(&honeypot_ref));
            let typed = Typed {
                email: &email,
                name: &name,
                honeypot: &honeypot,
            };
            let (next, to_send) = phase.submit(&typed, config.double_opt_in, language);
            if matches!(next, Phase::Invalid(_)) {
                if let Some(input) = email_ref.cast::<HtmlElement>() {
                    let _ = input.focus();
                }
            }
            phase.set(next);
            let Some(subscriber) = to_send else {
                return;
            };
            let submission = build_submission(&provider, &subscriber);
            let handed_over = submission.handed_over_message(language);
            let phase = phase.clone();
            let (provider, timeout, double_opt_in) = (provider.clone(), config.timeout_ms, config.double_opt_in);
            let host = host.clone();
            let provider_key = provider_key.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let reply = send(&provider, submission, timeout, double_opt_in).await;
                let next = Phase::answered(reply, handed_over, language);
                // Only the provider's name: never what the reader typed.
                if matches!(next, Phase::Done(_) | Phase::HandedOver(_)) {
                    host.emit(events::SUBSCRIBED, Detail::new().text("provider", provider.name()));
                }
                phase.set(next.clone());
                if let Phase::Done(message) = next {
                    subscribed::announce(provider_key, message);
                }
            });
        })
    };

    let title = config.title.clone().unwrap_or_else(|| words.subscribe.to_owned());
    let heading = html! { <h2 class="nw-subscribe-title" id={ids("title")}>{ title }</h2> };
    let text = config
        .text
        .as_ref()
        .map(|text| html! { <p class="nw-subscribe-text">{ text }</p> });
    if config.provider.is_none() {
        // The feed names the box but no service to send to (see the notice
        // in the console): say so rather than offer a form that cannot work.
        return html! {
            <div class="nw-subscribe">
                { heading }
                { for text }
                <p class="nw-subscribe-closed">{ words.sign_up_closed }</p>
            </div>
        };
    }
    let outcome = match &*phase {
        Phase::Done(message) => Some(message.to_owned()),
        Phase::HandedOver(message) => Some((*message).to_owned()),
        _ => None,
    };
    if outcome.is_none() {
        if let Some(message) = subscribed::outcome(&provider_key) {
            // Said by the box the reader used (a status there); here it is plain text.
            return html! {
                <div class="nw-subscribe">
                    { heading }
                    <p class="nw-subscribe-done">{ message }</p>
                </div>
            };
        }
    }
    if let Some(message) = outcome {
        return html! {
            <div class="nw-subscribe">
                { heading }
                <p class="nw-subscribe-done" role="status" tabindex="-1" ref={outcome_ref}>{ message }</p>
            </div>
        };
    }
    let sending = *phase == Phase::Sending;
    let invalid = match &*phase {
        Phase::Invalid(problem) => Some(problem.message(language)),
        _ => None,
    };
    let problem = match &*phase {
        Phase::Problem(reply) => Some(reply.clone()),
        _ => None,
    };
    let clear_invalid = {
        let phase = phase.clone();
        Callback::from(move |_: InputEvent| {
            if matches!(*phase, Phase::Invalid(_)) {
                phase.set(phase.edited());
            }
        })
    };
    html! {
        <div class="nw-subscribe">
            { heading }
            { for text }
            <form class="nw-subscribe-form" part="form" novalidate=true onsubmit={on_submit} aria-busy={sending.to_string()}>
                <label class="nw-field-label" for={ids("email")}>{ words.email_address }</label>
                <input
                    id={ids("email")}
                    class="nw-input"
                    type="email"
                    name="email"
                    autocomplete="email"
                    required=true
                    ref={email_ref}
                    aria-invalid={invalid.is_some().then_some("true")}
                    aria-describedby={invalid.as_ref().map(|_| ids("email-error"))}
                    oninput={clear_invalid}
                />
                if let Some(message) = &invalid {
                    <p class="nw-field-error" id={ids("email-error")}>{ message }</p>
                }
                if provider_collects_name(config) {
                    <label class="nw-field-label" for={ids("name")}>{ words.name }{ " " }<span class="nw-optional">{ words.optional }</span></label>
                    <input id={ids("name")} class="nw-input" type="text" name="name" autocomplete="name" ref={name_ref} />
                }
                if let Some(consent) = &config.consent {
                    <p class="nw-consent">
                        { &consent.text }
                        if let Some(url) = &consent.privacy_url {
                            { " " }<a href={url.clone()} rel="noopener noreferrer" target="_blank">{ words.privacy_policy }</a>
                        }
                    </p>
                }
                // Hidden from people and from assistive technology; bots fill it.
                <div class="nw-honeypot" aria-hidden="true">
                    <label for={ids("website")}>{ words.leave_empty }</label>
                    <input id={ids("website")} type="text" name="website" tabindex="-1" autocomplete="off" ref={honeypot_ref} />
                </div>
                <button type="submit" class="nw-button" disabled={sending}>
                    { if sending { words.sending } else { words.subscribe } }
                </button>
                <p class="nw-subscribe-problem" role="status" aria-live="polite">
                    if let Some(reply) = &problem { { reply.message(language) } }
                </p>
                if problem.as_ref().is_some_and(Reply::can_retry) {
                    <button type="submit" class="nw-button nw-retry">{ words.retry }</button>
                }
            </form>
        </div>
    }
}

fn provider_collects_name(config: &SubscribeConfig) -> bool {
    config.provider.as_ref().is_some_and(|p| p.collects_name())
}
