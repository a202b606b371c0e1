//! Carries out a subscription the domain built: a `fetch`, a JSONP script, a
//! form posted into a new tab, or a `mailto:` link. Nothing is decided here.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::html_parser::BrowserHtml;

use newsletter_core::subscribe::{
    is_mailchimp_jsonp, jsonp_callback_name, read_fetch_reply, read_mailchimp_reply, Provider, Reply, Submission,
};

/// Sends `submission` and waits at most `timeout_ms` for the answer.
/// Submissions that get no answer (form posts, `mailto:`) resolve at once
/// with `None`.
pub async fn send(provider: &Provider, submission: Submission, timeout_ms: u32, double_opt_in: bool) -> Option<Reply> {
    match submission {
        Submission::Fetch { url, body, headers } => {
            Some(fetch(provider, &url, body, &headers, timeout_ms, double_opt_in).await)
        }
        Submission::Jsonp { url } => Some(jsonp(&url, timeout_ms).await),
        Submission::FormPost { action, fields } => {
            post_form(&action, &fields);
            None
        }
        Submission::Mailto { href } => {
            if let Some(window) = web_sys::window() {
                let _ = window.location().set_href(&href);
            }
            None
        }
    }
}

async fn fetch(
    provider: &Provider,
    url: &str,
    body: String,
    headers: &[(String, String)],
    timeout_ms: u32,
    double_opt_in: bool,
) -> Reply {
    let Ok(controller) = web_sys::AbortController::new() else {
        return Reply::network_failed();
    };
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        set_timeout(timeout_ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    // No cookies or credentials go to the provider.
    let mut request = Request::post(url)
        .credentials(web_sys::RequestCredentials::Omit)
        .abort_signal(Some(&controller.signal()));
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let result = match request.body(body) {
        Ok(request) => match request.send().await {
            Ok(response) => {
                let status = response.status();
                match response.text().await {
                    Ok(text) => Ok((status, text)),
                    Err(_) => Err(()),
                }
            }
            Err(_) => Err(()),
        },
        Err(_) => Err(()),
    };
    clear_timeout(timer);
    match result {
        Ok((status, text)) => read_fetch_reply(provider, status, &text, double_opt_in, &BrowserHtml),
        Err(()) if timed_out.get() => Reply::timed_out(),
        Err(()) => Reply::network_failed(),
    }
}

/// A fresh, unguessable name for one JSONP answer, from the browser's
/// cryptographic random source.
fn fresh_callback_name(window: &web_sys::Window) -> Option<String> {
    let mut random = [0_u8; 16];
    window
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut random)
        .ok()?;
    Some(jsonp_callback_name(&random))
}

/// Mailchimp answers only JSONP: a script that calls a global function.
/// That script runs with the host page's rights, so it is added only for
/// Mailchimp's own host, checked again here, and the script element and the
/// callback are removed once the answer or the timeout has come.
async fn jsonp(url: &str, timeout_ms: u32) -> Reply {
    let Some(window) = web_sys::window() else {
        return Reply::network_failed();
    };
    if !is_mailchimp_jsonp(url) {
        let refused = format!("newsletter-widget: refused to load {url} as a script: JSONP goes only to Mailchimp's own form host (https://NAME.usN.list-manage.com/subscribe/post-json).");
        web_sys::console::error_1(&refused.into());
        return Reply::network_failed();
    }
    let (Some(document), Some(name)) = (window.document(), fresh_callback_name(&window)) else {
        return Reply::network_failed();
    };
    let Ok(script) = document
        .create_element("script")
        .map(|s| s.unchecked_into::<web_sys::HtmlScriptElement>())
    else {
        return Reply::network_failed();
    };
    let key = JsValue::from_str(&name);
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let on_answer = Closure::once_into_js(move |answer: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &answer);
        });
        let _ = js_sys::Reflect::set(&window, &key, &on_answer);
        let on_error = {
            let reject = reject.clone();
            Closure::once_into_js(move || {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("network"));
            })
        };
        script.set_onerror(Some(on_error.unchecked_ref()));
        let _ = set_timeout(timeout_ms, move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("timeout"));
        });
    });
    // Through the Trusted Types policy, for strict host pages.
    let _ = js_sys::Reflect::set(
        &script,
        &"src".into(),
        &super::trusted::script_url(&format!("{url}&c={name}")),
    );
    let appended = document.head().map(|head| head.append_child(&script));
    // Whether a script may still be on its way: only after a timeout.
    let (reply, may_still_run) = match (appended, JsFuture::from(promise).await) {
        (Some(Ok(_)), Ok(answer)) => {
            let field = |key: &str| {
                js_sys::Reflect::get(&answer, &JsValue::from_str(key))
                    .ok()
                    .and_then(|v| v.as_string())
            };
            let reply = read_mailchimp_reply(
                &field("result").unwrap_or_default(),
                &field("msg").unwrap_or_default(),
                &BrowserHtml,
            );
            (reply, false)
        }
        (_, Err(reason)) if reason.as_string().as_deref() == Some("timeout") => (Reply::timed_out(), true),
        _ => (Reply::network_failed(), false),
    };
    script.remove();
    if !may_still_run {
        let _ = js_sys::Reflect::delete_property(&window, &key);
    } else {
        // A removed script that is still on its way runs all the same: it
        // must find a function, not throw on the host page. That function
        // removes itself when called.
        let late_key = key.clone();
        let late_window = window.clone();
        let stub = Closure::once_into_js(move |_: JsValue| {
            let _ = js_sys::Reflect::delete_property(&late_window, &late_key);
        });
        let _ = js_sys::Reflect::set(&window, &key, &stub);
    }
    reply
}

/// Posts `fields` to `action` in a new tab, as the provider's own embed form
/// would; its page shows confirmation or a CAPTCHA.
fn post_form(action: &str, fields: &[(String, String)]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(form) = document
        .create_element("form")
        .map(|f| f.unchecked_into::<web_sys::HtmlFormElement>())
    else {
        return;
    };
    form.set_method("post");
    form.set_action(action);
    form.set_target("_blank");
    let _ = form.set_attribute("hidden", "");
    for (name, value) in fields {
        if let Ok(input) = document.create_element("input") {
            let _ = input.set_attribute("type", "hidden");
            let _ = input.set_attribute("name", name);
            let _ = input.set_attribute("value", value);
            let _ = form.append_child(&input);
        }
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(&form);
        let _ = form.submit();
        form.remove();
    }
}

fn set_timeout(ms: u32, action: impl FnOnce() + 'static) -> i32 {
    let callback = Closure::once_into_js(action);
    web_sys::window()
        .and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                ms.min(i32::MAX as u32) as i32,
            )
            .ok()
        })
        .unwrap_or(0)
}

fn clear_timeout(handle: i32) {
    if let Some(window) = web_sys::window() {
        window.clear_timeout_with_handle(handle);
    }
}
