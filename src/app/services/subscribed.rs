//! Subscriptions that went through on this page. A page shows the subscribe
//! box twice (and a host page may embed several widgets of one newsletter);
//! once one box has signed the reader up, the others say so instead of
//! offering the form again. Kept in memory for the page's life only:
//! nothing about the reader is stored.

use std::cell::RefCell;

use yew::Callback;

thread_local! {
    /// (the provider, as its settings read, what its box said).
    static DONE: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    /// Boxes to tell, by a number each one keeps to leave.
    static LISTENERS: RefCell<Vec<(u32, Callback<()>)>> = const { RefCell::new(Vec::new()) };
    static NEXT: RefCell<u32> = const { RefCell::new(0) };
}

/// What a box of `provider` said when it signed the reader up, if one did.
pub fn outcome(provider: &str) -> Option<String> {
    DONE.with(|done| {
        done.borrow()
            .iter()
            .find(|(key, _)| key == provider)
            .map(|(_, message)| message.clone())
    })
}

/// Records that a box of `provider` signed the reader up, and tells the others.
pub fn announce(provider: String, message: String) {
    DONE.with(|done| done.borrow_mut().push((provider, message)));
    let listeners: Vec<Callback<()>> = LISTENERS.with(|l| l.borrow().iter().map(|(_, c)| c.clone()).collect());
    for listener in listeners {
        listener.emit(());
    }
}

/// Calls `on_change` after every [`announce`]; returns the number that
/// [`leave`] takes.
pub fn listen(on_change: Callback<()>) -> u32 {
    let id = NEXT.with(|next| {
        let mut next = next.borrow_mut();
        *next += 1;
        *next
    });
    LISTENERS.with(|l| l.borrow_mut().push((id, on_change)));
    id
}

/// Stops telling the box that [`listen`] gave `id`.
pub fn leave(id: u32) {
    LISTENERS.with(|l| l.borrow_mut().retain(|(listener, _)| *listener != id));
}
