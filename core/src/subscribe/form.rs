//! The subscribe form's states and how the reader's actions and the
//! provider's answers move it along: a pure reducer, so every state a
//! reader can see is tested natively. The browser layer only carries out
//! the submission it is handed.

use crate::locale::Language;
use crate::subscribe::{EmailProblem, Reply, Subscriber};

/// Where the form stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FormPhase {
    /// Waiting for the reader.
    #[default]
    Editing,
    /// The email field is wrong; nothing was sent.
    Invalid(EmailProblem),
    /// On its way: the button is busy and cannot send twice.
    Sending,
    /// The provider answered: subscribed or already subscribed.
    Done(String),
    /// Handed to another tab or the email app.
    HandedOver(&'static str),
    /// The provider refused or failed; the reader may fix and send again.
    Problem(Reply),
}

/// What the reader typed when pressing Subscribe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed<'a> {
    pub email: &'a str,
    pub name: &'a str,
    /// The hidden field only bots fill.
    pub honeypot: &'a str,
}

impl FormPhase {
    /// The reader pressed Subscribe: the next state, and the subscriber to
    /// send when there is something to send. A bot (the honeypot filled)
    /// is told it worked and nothing is sent; a second press while sending
    /// changes nothing.
    pub fn submit(
        &self,
        typed: &Typed<'_>,
        double_opt_in: bool,
        language: Language,
    ) -> (FormPhase, Option<Subscriber>) {
        if *self == FormPhase::Sending {
            return (FormPhase::Sending, None);
        }
        let subscriber = match Subscriber::new(typed.email, typed.name) {
            Ok(subscriber) => subscriber,
            Err(problem) => return (FormPhase::Invalid(problem), None),
        };
        if !typed.honeypot.is_empty() {
            let pretend = Reply::Subscribed { confirm: double_opt_in };
            return (FormPhase::Done(pretend.message(language)), None);
        }
        (FormPhase::Sending, Some(subscriber))
    }

    /// The submission ended: the provider's `reply`, or, for a submission
    /// that gets none, what the reader is told it was handed over to.
    pub fn answered(reply: Option<Reply>, handed_over: Option<&'static str>, language: Language) -> FormPhase {
        match (reply, handed_over) {
            (Some(reply @ (Reply::Subscribed { .. } | Reply::AlreadySubscribed)), _) => {
                FormPhase::Done(reply.message(language))
            }
            (Some(reply), _) => FormPhase::Problem(reply),
            (None, Some(message)) => FormPhase::HandedOver(message),
            (None, None) => FormPhase::Editing,
        }
    }

    /// The reader edits the email field: an error about it goes away.
    pub fn edited(&self) -> FormPhase {
        match self {
            FormPhase::Invalid(_) => FormPhase::Editing,
            other => other.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Language = Language::English;

    fn typed<'a>(email: &'a str, honeypot: &'a str) -> Typed<'a> {
        Typed {
            email,
            name: " Ada  Lovelace ",
            honeypot,
        }
    }

    #[test]
    fn a_wrong_address_is_marked_and_nothing_is_sent() {
        let (phase, sent) = FormPhase::Editing.submit(&typed("not-an-email", ""), true, EN);
        assert_eq!(phase, FormPhase::Invalid(EmailProblem::Invalid));
        assert_eq!(sent, None);
        assert_eq!(
            FormPhase::Editing.submit(&typed(" ", ""), true, EN).0,
            FormPhase::Invalid(EmailProblem::Empty)
        );
        assert_eq!(phase.edited(), FormPhase::Editing);
    }

    #[test]
    fn a_good_address_is_sent_once_while_sending() {
        let (phase, sent) = FormPhase::Problem(Reply::timed_out()).submit(&typed("ada@example.org", ""), true, EN);
        assert_eq!(phase, FormPhase::Sending);
        let sent = sent.unwrap();
        assert_eq!(
            (sent.email.as_str(), sent.name.as_deref()),
            ("ada@example.org", Some("Ada Lovelace"))
        );
        assert_eq!(
            FormPhase::Sending.submit(&typed("ada@example.org", ""), true, EN),
            (FormPhase::Sending, None)
        );
        assert_eq!(FormPhase::Sending.edited(), FormPhase::Sending);
    }

    #[test]
    fn a_bot_is_told_it_worked_and_nothing_is_sent() {
        let (phase, sent) = FormPhase::Editing.submit(&typed("bot@example.org", "http://spam"), false, EN);
        assert_eq!(phase, FormPhase::Done(Reply::Subscribed { confirm: false }.message(EN)));
        assert_eq!(sent, None);
    }

    #[test]
    fn answers_end_in_done_problem_or_handed_over() {
        let done = FormPhase::answered(Some(Reply::AlreadySubscribed), None, EN);
        assert_eq!(done, FormPhase::Done(Reply::AlreadySubscribed.message(EN)));
        let failed = FormPhase::answered(Some(Reply::timed_out()), None, EN);
        assert_eq!(failed, FormPhase::Problem(Reply::timed_out()));
        let words = Language::French.words();
        let handed = FormPhase::answered(None, Some(words.handed_over_mailto), Language::French);
        assert_eq!(handed, FormPhase::HandedOver(words.handed_over_mailto));
        assert_eq!(FormPhase::answered(None, None, EN), FormPhase::Editing);
    }
}
