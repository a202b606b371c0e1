//! The widget's own words and dates, in the reader's language.
//!
//! English and French ship; other locales fall back to English. Messages
//! about a feed's problems stay in English: they are for publishers, and the
//! `newsletter validate` command prints the same ones.

use crate::feed::date::Date;

/// A language the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
    French,
}

impl Language {
    /// The language of a BCP 47 tag such as `fr-CA`; English when unknown.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") {
            Language::French
        } else {
            Language::English
        }
    }

    /// The tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }

    /// The fixed words of the interface.
    pub fn words(self) -> &'static Words {
        match self {
            Language::English => &ENGLISH,
            Language::French => &FRENCH,
        }
    }

    /// A date written for people: "4 December 2025", "4 décembre 2025".
    pub fn date(self, date: Date) -> String {
        let months = match self {
            Language::English => &ENGLISH_MONTHS,
            Language::French => &FRENCH_MONTHS,
        };
        let day = if self == Language::French && date.day == 1 {
            "1er".to_owned()
        } else {
            date.day.to_string()
        };
        format!("{day} {} {}", months[usize::from(date.month) - 1], date.year)
    }

    /// "1 story", "20 stories".
    pub fn stories(self, count: usize) -> String {
        match (self, count) {
            (Language::English, 1) => "1 story".to_owned(),
            (Language::English, n) => format!("{n} stories"),
            (Language::French, n @ (0 | 1)) => format!("{n} article"),
            (Language::French, n) => format!("{n} articles"),
        }
    }

    /// "7 of 20 stories".
    pub fn shown_of(self, shown: usize, total: usize) -> String {
        match self {
            Language::English => format!("{shown} of {}", self.stories(total)),
            Language::French => format!("{shown} sur {}", self.stories(total)),
        }
    }

    /// The button that renders the next page of cards.
    pub fn show_more(self, remaining: usize) -> String {
        match self {
            Language::English => format!("Show more stories ({remaining} more)"),
            Language::French => format!("Afficher plus d’articles ({remaining} de plus)"),
        }
    }

    /// The button that shows the topic chips beyond the first ones.
    pub fn more_topics(self, hidden: usize) -> String {
        match self {
            Language::English => format!("More topics ({hidden} more)"),
            Language::French => format!("Plus de thèmes ({hidden} de plus)"),
        }
    }

    /// The button that lifts a publisher's `limit`.
    pub fn show_all(self, remaining: usize) -> String {
        match self {
            Language::English => format!("Show all stories ({remaining} more)"),
            Language::French => format!("Afficher tous les articles ({remaining} de plus)"),
        }
    }

    /// A provider's failure with an HTTP status: it did not accept the
    /// request (4xx without words of its own), is having trouble (5xx), or
    /// answered something else.
    pub fn http_failure(self, status: u16) -> String {
        match (self, status) {
            (Language::English, 400..=499) => format!("The newsletter service did not accept the request (HTTP {status}). Please try again later."),
            (Language::English, 500..=599) => format!("The newsletter service is having trouble (HTTP {status}). Please try again later."),
            (Language::English, _) => format!("The newsletter service gave an unexpected answer (HTTP {status}). Please try again later."),
            (Language::French, 400..=499) => format!("Le service d’envoi de la lettre n’a pas accepté la demande (HTTP {status}). Veuillez réessayer plus tard."),
            (Language::French, 500..=599) => format!("Le service d’envoi de la lettre rencontre un problème (HTTP {status}). Veuillez réessayer plus tard."),
            (Language::French, _) => format!("Le service d’envoi de la lettre a donné une réponse inattendue (HTTP {status}). Veuillez réessayer plus tard."),
        }
    }

    /// The heading of the list of skipped stories.
    pub fn skipped(self, count: usize) -> String {
        match (self, count) {
            (Language::English, 1) => "1 story in this issue could not be shown:".to_owned(),
            (Language::English, n) => format!("{n} stories in this issue could not be shown:"),
            (Language::French, 1) => "1 article de ce numéro n’a pas pu être affiché :".to_owned(),
            (Language::French, n) => format!("{n} articles de ce numéro n’ont pas pu être affichés :"),
        }
    }
}

/// Fixed interface words.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    pub this_week: &'static str,
    pub in_this_issue: &'static str,
    pub before_you_go: &'static str,
    pub this_issue: &'static str,
    pub find_stories: &'static str,
    pub search_stories: &'static str,
    pub topics: &'static str,
    pub all_topics: &'static str,
    pub fewer_topics: &'static str,
    pub no_match: &'static str,
    pub clear_filters: &'static str,
    pub clear_all: &'static str,
    pub no_stories_yet: &'static str,
    pub sources: &'static str,
    pub read_original: &'static str,
    pub loading: &'static str,
    pub could_not_show: &'static str,
    pub try_again: &'static str,
    pub issues: &'static str,
    pub older_issue: &'static str,
    pub newer_issue: &'static str,
    pub choose_issue: &'static str,
    pub no_issues_yet: &'static str,
    /// A long story's fold, and the button that opens every one.
    pub read_more: &'static str,
    pub show_less: &'static str,
    pub expand_all: &'static str,
    pub collapse_all: &'static str,
    /// The subscribe box and form.
    pub subscribe: &'static str,
    pub sign_up_closed: &'static str,
    pub email_address: &'static str,
    pub name: &'static str,
    pub optional: &'static str,
    pub privacy_policy: &'static str,
    pub leave_empty: &'static str,
    pub sending: &'static str,
    pub retry: &'static str,
    /// Why an address is refused before anything is sent.
    pub email_empty: &'static str,
    pub email_invalid: &'static str,
    /// What a provider's answer means for the reader.
    pub subscribed_confirm: &'static str,
    pub subscribed: &'static str,
    pub already_subscribed: &'static str,
    pub handed_over_form: &'static str,
    pub handed_over_mailto: &'static str,
    pub network_failed: &'static str,
    pub timed_out: &'static str,
    pub refused_silently: &'static str,
    pub unexpected_answer: &'static str,
}

const ENGLISH: Words = Words {
    this_week: "This week",
    in_this_issue: "In this issue",
    before_you_go: "Before you go",
    this_issue: "This issue",
    find_stories: "Find stories",
    search_stories: "Search stories",
    topics: "Topics",
    all_topics: "All topics",
    fewer_topics: "Fewer topics",
    no_match: "No stories match these filters.",
    clear_filters: "Clear filters",
    clear_all: "Clear all",
    no_stories_yet: "This issue has no stories yet.",
    sources: "Sources",
    read_original: "Read the original",
    loading: "Loading the newsletter…",
    could_not_show: "This issue could not be shown",
    try_again: "Try again",
    issues: "Issues",
    older_issue: "← Older issue",
    newer_issue: "Newer issue →",
    choose_issue: "Choose an issue",
    no_issues_yet: "This newsletter has no issues yet.",
    read_more: "Read more",
    show_less: "Show less",
    expand_all: "Expand all stories",
    collapse_all: "Collapse all stories",
    subscribe: "Subscribe",
    sign_up_closed: "Sign-up is not open yet.",
    email_address: "Email address",
    name: "Name",
    optional: "(optional)",
    privacy_policy: "Privacy policy",
    leave_empty: "Leave this empty",
    sending: "Sending…",
    retry: "Retry",
    email_empty: "Enter your email address.",
    email_invalid: "Enter an email address like name@example.com.",
    subscribed_confirm: "Check your inbox to confirm your subscription.",
    subscribed: "You're subscribed. Thank you!",
    already_subscribed: "You're already subscribed. Thank you!",
    handed_over_form: "Almost done: finish subscribing in the new tab.",
    handed_over_mailto: "Your email app opens with a message ready: send it to subscribe.",
    network_failed: "Could not reach the newsletter service. Check your connection and try again.",
    timed_out: "The newsletter service did not answer in time. Please try again.",
    refused_silently: "The newsletter service refused the subscription without saying why. Please try again later.",
    unexpected_answer: "The newsletter service gave an unexpected answer. Please try again later.",
};

const FRENCH: Words = Words {
    this_week: "Cette semaine",
    in_this_issue: "Dans ce numéro",
    before_you_go: "Avant de partir",
    this_issue: "Ce numéro",
    find_stories: "Trouver des articles",
    search_stories: "Rechercher des articles",
    topics: "Thèmes",
    all_topics: "Tous les thèmes",
    fewer_topics: "Moins de thèmes",
    no_match: "Aucun article ne correspond à ces filtres.",
    clear_filters: "Effacer les filtres",
    clear_all: "Tout effacer",
    no_stories_yet: "Ce numéro ne contient pas encore d’articles.",
    sources: "Sources",
    read_original: "Lire l’original",
    loading: "Chargement de la lettre…",
    could_not_show: "Ce numéro n’a pas pu être affiché",
    try_again: "Réessayer",
    issues: "Numéros",
    older_issue: "← Numéro précédent",
    newer_issue: "Numéro suivant →",
    choose_issue: "Choisir un numéro",
    no_issues_yet: "Cette lettre n’a pas encore de numéro.",
    read_more: "Lire la suite",
    show_less: "Réduire",
    expand_all: "Déplier tous les articles",
    collapse_all: "Replier tous les articles",
    subscribe: "S’abonner",
    sign_up_closed: "Les inscriptions ne sont pas encore ouvertes.",
    email_address: "Adresse e-mail",
    name: "Nom",
    optional: "(facultatif)",
    privacy_policy: "Politique de confidentialité",
    leave_empty: "Laissez ce champ vide",
    sending: "Envoi…",
    retry: "Réessayer",
    email_empty: "Saisissez votre adresse e-mail.",
    email_invalid: "Saisissez une adresse e-mail comme nom@exemple.fr.",
    subscribed_confirm: "Consultez votre boîte de réception pour confirmer votre abonnement.",
    subscribed: "Vous êtes abonné. Merci !",
    already_subscribed: "Vous êtes déjà abonné. Merci !",
    handed_over_form: "Presque fini : terminez votre inscription dans le nouvel onglet.",
    handed_over_mailto: "Votre messagerie s’ouvre avec un message prêt : envoyez-le pour vous abonner.",
    network_failed: "Impossible de joindre le service d’envoi de la lettre. Vérifiez votre connexion et réessayez.",
    timed_out: "Le service d’envoi de la lettre n’a pas répondu à temps. Veuillez réessayer.",
    refused_silently:
        "Le service d’envoi de la lettre a refusé l’inscription sans dire pourquoi. Veuillez réessayer plus tard.",
    unexpected_answer: "Le service d’envoi de la lettre a donné une réponse inattendue. Veuillez réessayer plus tard.",
};

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_language_of_a_tag() {
        assert_eq!(Language::from_tag("fr-CA"), Language::French);
        assert_eq!(Language::from_tag("FR"), Language::French);
        assert_eq!(Language::from_tag("de"), Language::English);
        assert_eq!(Language::from_tag(""), Language::English);
    }

    #[test]
    fn writes_dates_and_counts_in_each_language() {
        let date = Date::parse_ymd("2025-12-04").unwrap();
        assert_eq!(Language::English.date(date), "4 December 2025");
        assert_eq!(
            Language::English.date(Date::parse_ymd("2024-02-29").unwrap()),
            "29 February 2024"
        );
        assert_eq!(Language::French.date(date), "4 décembre 2025");
        assert_eq!(
            Language::French.date(Date::parse_ymd("2025-08-01").unwrap()),
            "1er août 2025"
        );
        assert_eq!(Language::English.shown_of(7, 20), "7 of 20 stories");
        assert_eq!(Language::English.stories(1), "1 story");
        assert_eq!(Language::French.shown_of(1, 1), "1 sur 1 article");
        assert_eq!(
            Language::French.skipped(2),
            "2 articles de ce numéro n’ont pas pu être affichés :"
        );
    }
}
