//! The smallest Yew app worth the name: state, an event, a keyed list.

use yew::prelude::*;

#[function_component(Counter)]
fn counter() -> Html {
    let count = use_state(|| 0u32);
    let more = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    html! {
        <main>
            <button type="button" onclick={more}>{ "More" }</button>
            <ul>{ for (0..*count).map(|i| html! { <li key={i}>{ i }</li> }) }</ul>
        </main>
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<Counter>::new().render();
}
