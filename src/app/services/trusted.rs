//! The one door HTML and script addresses go through into the page: the
//! Trusted Types policy `newsletter-widget`, created only where the browser
//! has Trusted Types. Host pages that enforce them
//! (`require-trusted-types-for 'script'; trusted-types newsletter-widget`)
//! then accept the widget's markup, and pages that do not see plain strings.
//!
//! The policy lets values through unchanged: the markup comes from the
//! core's writers (`render::markup`, `render::rich`), which escape every text
//! and write only allow-listed elements, and the only script address is
//! Mailchimp's, checked by `is_mailchimp_jsonp` right before.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The name host pages list in their `trusted-types` directive.
pub const POLICY_NAME: &str = "newsletter-widget";

thread_local! {
    static POLICY: Option<JsValue> = create_policy();
}

fn create_policy() -> Option<JsValue> {
    let window = web_sys::window()?;
    let factory = js_sys::Reflect::get(&window, &"trustedTypes".into())
        .ok()
        .filter(|f| f.is_object())?;
    let create = js_sys::Reflect::get(&factory, &"createPolicy".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    // Closures, not `new Function`: a strict page allows no eval.
    let pass = Closure::<dyn Fn(String) -> String>::new(|value: String| value).into_js_value();
    let rules = js_sys::Object::new();
    for key in ["createHTML", "createScriptURL"] {
        let _ = js_sys::Reflect::set(&rules, &key.into(), &pass);
    }
    match create.call2(&factory, &POLICY_NAME.into(), &rules) {
        Ok(policy) => Some(policy),
        Err(error) => {
            web_sys::console::error_2(
                &"newsletter-widget: could not create its Trusted Types policy".into(),
                &error,
            );
            None
        }
    }
}

/// `value` as the policy's `method` makes it, or as a plain string.
fn through(method: &str, value: &str) -> JsValue {
    POLICY.with(|policy| {
        policy
            .as_ref()
            .and_then(|policy| {
                let make = js_sys::Reflect::get(policy, &method.into())
                    .ok()?
                    .dyn_into::<js_sys::Function>()
                    .ok()?;
                make.call1(policy, &value.into()).ok()
            })
            .unwrap_or_else(|| value.into())
    })
}

/// Markup as `TrustedHTML` where the browser has Trusted Types.
pub fn html(markup: &str) -> JsValue {
    through("createHTML", markup)
}

/// A script's address as `TrustedScriptURL` where the browser has them.
pub fn script_url(url: &str) -> JsValue {
    through("createScriptURL", url)
}

/// Parses `markup` in the context of `range` into a fragment.
pub fn fragment(range: &web_sys::Range, markup: &str) -> Option<web_sys::DocumentFragment> {
    let parse = js_sys::Reflect::get(range, &"createContextualFragment".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    parse.call1(range, &html(markup)).ok()?.dyn_into().ok()
}
