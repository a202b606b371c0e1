//! Entry point of the browser bundle built by Trunk.

#[cfg(target_arch = "wasm32")]
fn main() {
    newsletter_widget::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("newsletter-widget is a browser app: build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
