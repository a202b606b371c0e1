//! The widget's own words and dates, in the reader's language.
//!
//! English, French, German and Spanish ship; other locales fall back to
//! English. The reader's language is the one the page or the element asks
//! for, else the feed's ([`Language::for_reader`]). Messages
//! about a feed's problems stay in English: they are for publishers, and the
//! `newsletter validate` command prints the same ones.

use crate::feed::date::Date;

/// A language the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
    French,
    German,
    Spanish,
}

impl Language {
    /// The language of a BCP 47 tag such as `fr-CA`; English when unknown.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "fr" => Language::French,
            "de" => Language::German,
            "es" => Language::Spanish,
            _ => Language::English,
        }
    }

    /// The language a reader speaks: the one the page or the element asks
    /// for (`?locale=`, `locale="…"`), else the feed's `language`, else
    /// English. A tag asked for but unknown is English too: the publisher
    /// chose, and the feed does not overrule them.
    pub fn for_reader(asked: Option<&str>, feed: Option<&str>) -> Language {
        match asked.map(str::trim).filter(|tag| !tag.is_empty()) {
            Some(tag) => Language::from_tag(tag),
            None => Language::from_tag(feed.unwrap_or_default()),
        }
    }

    /// The tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::German => "de",
            Language::Spanish => "es",
        }
    }

    /// The fixed words of the interface.
    pub fn words(self) -> &'static Words {
        match self {
            Language::English => &ENGLISH,
            Language::French => &FRENCH,
            Language::German => &GERMAN,
            Language::Spanish => &SPANISH,
        }
    }

    /// A date written for people: "4 December 2025", "4 décembre 2025",
    /// "4. Dezember 2025", "4 de diciembre de 2025".
    pub fn date(self, date: Date) -> String {
        let months = match self {
            Language::English => &ENGLISH_MONTHS,
            Language::French => &FRENCH_MONTHS,
            Language::German => &GERMAN_MONTHS,
            Language::Spanish => &SPANISH_MONTHS,
        };
        let (day, month, year) = (date.day, months[usize::from(date.month) - 1], date.year);
        match self {
            Language::French if day == 1 => format!("1er {month} {year}"),
            Language::English | Language::French => format!("{day} {month} {year}"),
            Language::German => format!("{day}. {month} {year}"),
            Language::Spanish => format!("{day} de {month} de {year}"),
        }
    }

    /// "1 story", "20 stories".
    pub fn stories(self, count: usize) -> String {
        match (self, count) {
            (Language::English, 1) => "1 story".to_owned(),
            (Language::English, n) => format!("{n} stories"),
            (Language::French, n @ (0 | 1)) => format!("{n} article"),
            (Language::French, n) => format!("{n} articles"),
            (Language::German, 1) => "1 Beitrag".to_owned(),
            (Language::German, n) => format!("{n} Beiträge"),
            (Language::Spanish, 1) => "1 noticia".to_owned(),
            (Language::Spanish, n) => format!("{n} noticias"),
        }
    }

    /// "7 of 20 stories".
    pub fn shown_of(self, shown: usize, total: usize) -> String {
        match (self, total) {
            (Language::English, _) => format!("{shown} of {}", self.stories(total)),
            (Language::French, _) => format!("{shown} sur {}", self.stories(total)),
            // "von" takes the dative: "7 von 20 Beiträgen".
            (Language::German, 1) => format!("{shown} von 1 Beitrag"),
            (Language::German, n) => format!("{shown} von {n} Beiträgen"),
            (Language::Spanish, _) => format!("{shown} de {}", self.stories(total)),
        }
    }

    /// "12 stories in all issues".
    pub fn found_in_archive(self, count: usize) -> String {
        let stories = self.stories(count);
        match self {
            Language::English => format!("{stories} in all issues"),
            Language::French => format!("{stories} dans tous les numéros"),
            Language::German => format!("{stories} in allen Ausgaben"),
            Language::Spanish => format!("{stories} en todos los números"),
        }
    }

    /// The button that renders the next page of cards.
    pub fn show_more(self, remaining: usize) -> String {
        match self {
            Language::English => format!("Show more stories ({remaining} more)"),
            Language::French => format!("Afficher plus d’articles ({remaining} de plus)"),
            Language::German => format!("Weitere Beiträge anzeigen ({remaining} weitere)"),
            Language::Spanish => format!("Mostrar más noticias ({remaining} más)"),
        }
    }

    /// The button that shows the topic chips beyond the first ones.
    pub fn more_topics(self, hidden: usize) -> String {
        match self {
            Language::English => format!("More topics ({hidden} more)"),
            Language::French => format!("Plus de thèmes ({hidden} de plus)"),
            Language::German => format!("Weitere Themen ({hidden} weitere)"),
            Language::Spanish => format!("Más temas ({hidden} más)"),
        }
    }

    /// The button that lifts a publisher's `limit`.
    pub fn show_all(self, remaining: usize) -> String {
        match self {
            Language::English => format!("Show all stories ({remaining} more)"),
            Language::French => format!("Afficher tous les articles ({remaining} de plus)"),
            Language::German => format!("Alle Beiträge anzeigen ({remaining} weitere)"),
            Language::Spanish => format!("Mostrar todas las noticias ({remaining} más)"),
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
            (Language::German, 400..=499) => format!("Der Newsletter-Dienst hat die Anfrage nicht angenommen (HTTP {status}). Bitte versuchen Sie es später erneut."),
            (Language::German, 500..=599) => format!("Der Newsletter-Dienst hat gerade Probleme (HTTP {status}). Bitte versuchen Sie es später erneut."),
            (Language::German, _) => format!("Der Newsletter-Dienst hat unerwartet geantwortet (HTTP {status}). Bitte versuchen Sie es später erneut."),
            (Language::Spanish, 400..=499) => format!("El servicio del boletín no aceptó la solicitud (HTTP {status}). Inténtalo de nuevo más tarde."),
            (Language::Spanish, 500..=599) => format!("El servicio del boletín tiene problemas (HTTP {status}). Inténtalo de nuevo más tarde."),
            (Language::Spanish, _) => format!("El servicio del boletín dio una respuesta inesperada (HTTP {status}). Inténtalo de nuevo más tarde."),
        }
    }

    /// The heading of the list of skipped stories.
    pub fn skipped(self, count: usize) -> String {
        match (self, count) {
            (Language::English, 1) => "1 story in this issue could not be shown:".to_owned(),
            (Language::English, n) => format!("{n} stories in this issue could not be shown:"),
            (Language::French, 1) => "1 article de ce numéro n’a pas pu être affiché :".to_owned(),
            (Language::French, n) => format!("{n} articles de ce numéro n’ont pas pu être affichés :"),
            (Language::German, 1) => "1 Beitrag dieser Ausgabe konnte nicht angezeigt werden:".to_owned(),
            (Language::German, n) => format!("{n} Beiträge dieser Ausgabe konnten nicht angezeigt werden:"),
            (Language::Spanish, 1) => "1 noticia de este número no se pudo mostrar:".to_owned(),
            (Language::Spanish, n) => format!("{n} noticias de este número no se pudieron mostrar:"),
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
    /// The chips' group, which says how topics combine.
    pub topics_any_of: &'static str,
    /// The list of a card's topic tags, each a button that filters.
    pub filter_by_topic: &'static str,
    /// A card's link to itself, and what the reader hears after.
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub copy_failed: &'static str,
    /// A linked story shown although the filters would hide it.
    pub linked_story_hidden: &'static str,
    pub show_all_stories: &'static str,
    /// Sources without addresses, on one line: "Sources:".
    pub sources_label: &'static str,
    /// The intro's fold.
    pub read_intro: &'static str,
    /// The neighbouring issues at the end of one.
    pub more_issues: &'static str,
    /// The scope switch beside the search box, and its second choice (the
    /// first is `this_issue`).
    pub search_in: &'static str,
    pub all_issues: &'static str,
    /// Search across issues: its results, waiting, the prompt before any
    /// word or topic, paging, and the inline message when its index fails.
    pub archive_results: &'static str,
    pub searching_archive: &'static str,
    pub archive_prompt: &'static str,
    pub more_results: &'static str,
    pub archive_unavailable: &'static str,
    /// In an embed, on the issue a result opened: back to those results.
    pub back_to_results: &'static str,
}

static ENGLISH: Words = Words {
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
    topics_any_of: "Topics (any of)",
    filter_by_topic: "Show stories on",
    copy_link: "Copy link",
    link_copied: "Link copied",
    copy_failed: "The link could not be copied",
    linked_story_hidden: "Your filters hide the linked story; it is shown first.",
    show_all_stories: "Show all stories",
    sources_label: "Sources:",
    read_intro: "Read the intro",
    more_issues: "More issues",
    search_in: "Search in",
    all_issues: "All issues",
    archive_results: "Results from all issues",
    searching_archive: "Searching all issues…",
    archive_prompt: "Search every issue: type a word, or choose a topic.",
    more_results: "More results",
    archive_unavailable: "Search across issues is unavailable. Search in this issue still works.",
    back_to_results: "Back to results",
};

static FRENCH: Words = Words {
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
    topics_any_of: "Thèmes (au moins un)",
    filter_by_topic: "Voir les articles sur",
    copy_link: "Copier le lien",
    link_copied: "Lien copié",
    copy_failed: "Le lien n’a pas pu être copié",
    linked_story_hidden: "Vos filtres masquent l’article du lien ; il est affiché en premier.",
    show_all_stories: "Afficher tous les articles",
    sources_label: "Sources :",
    read_intro: "Lire l’introduction",
    more_issues: "Autres numéros",
    search_in: "Chercher dans",
    all_issues: "Tous les numéros",
    archive_results: "Résultats de tous les numéros",
    searching_archive: "Recherche dans tous les numéros…",
    archive_prompt: "Chercher dans tous les numéros : tapez un mot, ou choisissez un thème.",
    more_results: "Plus de résultats",
    archive_unavailable:
        "La recherche dans tous les numéros n’est pas disponible. La recherche dans ce numéro fonctionne toujours.",
    back_to_results: "Retour aux résultats",
};

static GERMAN: Words = Words {
    this_week: "Diese Woche",
    in_this_issue: "In dieser Ausgabe",
    before_you_go: "Zum Schluss",
    this_issue: "Diese Ausgabe",
    find_stories: "Beiträge finden",
    search_stories: "Beiträge durchsuchen",
    topics: "Themen",
    all_topics: "Alle Themen",
    fewer_topics: "Weniger Themen",
    no_match: "Keine Beiträge passen zu diesen Filtern.",
    clear_filters: "Filter zurücksetzen",
    clear_all: "Alles zurücksetzen",
    no_stories_yet: "Diese Ausgabe hat noch keine Beiträge.",
    sources: "Quellen",
    read_original: "Zum Original",
    loading: "Newsletter wird geladen…",
    could_not_show: "Diese Ausgabe konnte nicht angezeigt werden",
    try_again: "Erneut versuchen",
    issues: "Ausgaben",
    older_issue: "← Ältere Ausgabe",
    newer_issue: "Neuere Ausgabe →",
    choose_issue: "Ausgabe wählen",
    no_issues_yet: "Dieser Newsletter hat noch keine Ausgaben.",
    read_more: "Weiterlesen",
    show_less: "Weniger anzeigen",
    expand_all: "Alle Beiträge aufklappen",
    collapse_all: "Alle Beiträge zuklappen",
    subscribe: "Abonnieren",
    sign_up_closed: "Die Anmeldung ist noch nicht geöffnet.",
    email_address: "E-Mail-Adresse",
    name: "Name",
    optional: "(optional)",
    privacy_policy: "Datenschutzerklärung",
    leave_empty: "Dieses Feld leer lassen",
    sending: "Wird gesendet…",
    retry: "Erneut versuchen",
    email_empty: "Geben Sie Ihre E-Mail-Adresse ein.",
    email_invalid: "Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.",
    subscribed_confirm: "Bitte bestätigen Sie Ihr Abonnement über die E-Mail in Ihrem Posteingang.",
    subscribed: "Sie haben abonniert. Vielen Dank!",
    already_subscribed: "Sie haben bereits abonniert. Vielen Dank!",
    handed_over_form: "Fast geschafft: Schließen Sie die Anmeldung im neuen Tab ab.",
    handed_over_mailto:
        "Ihr E-Mail-Programm öffnet sich mit einer fertigen Nachricht: Senden Sie sie, um zu abonnieren.",
    network_failed:
        "Der Newsletter-Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    timed_out: "Der Newsletter-Dienst hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es erneut.",
    refused_silently:
        "Der Newsletter-Dienst hat die Anmeldung ohne Begründung abgelehnt. Bitte versuchen Sie es später erneut.",
    unexpected_answer: "Der Newsletter-Dienst hat unerwartet geantwortet. Bitte versuchen Sie es später erneut.",
    topics_any_of: "Themen (beliebige)",
    filter_by_topic: "Beiträge zeigen zu",
    copy_link: "Link kopieren",
    link_copied: "Link kopiert",
    copy_failed: "Der Link konnte nicht kopiert werden",
    linked_story_hidden: "Ihre Filter verbergen den verlinkten Beitrag; er steht hier zuerst.",
    show_all_stories: "Alle Beiträge zeigen",
    sources_label: "Quellen:",
    read_intro: "Einleitung lesen",
    more_issues: "Weitere Ausgaben",
    search_in: "Suchen in",
    all_issues: "Alle Ausgaben",
    archive_results: "Ergebnisse aus allen Ausgaben",
    searching_archive: "Alle Ausgaben werden durchsucht …",
    archive_prompt: "Alle Ausgaben durchsuchen: ein Wort eingeben oder ein Thema wählen.",
    more_results: "Weitere Ergebnisse",
    archive_unavailable:
        "Die Suche in allen Ausgaben ist nicht verfügbar. Die Suche in dieser Ausgabe funktioniert weiterhin.",
    back_to_results: "Zurück zu den Ergebnissen",
};

static SPANISH: Words = Words {
    this_week: "Esta semana",
    in_this_issue: "En este número",
    before_you_go: "Antes de irte",
    this_issue: "Este número",
    find_stories: "Buscar noticias",
    search_stories: "Buscar en las noticias",
    topics: "Temas",
    all_topics: "Todos los temas",
    fewer_topics: "Menos temas",
    no_match: "Ninguna noticia coincide con estos filtros.",
    clear_filters: "Quitar los filtros",
    clear_all: "Quitar todo",
    no_stories_yet: "Este número aún no tiene noticias.",
    sources: "Fuentes",
    read_original: "Leer el original",
    loading: "Cargando el boletín…",
    could_not_show: "No se pudo mostrar este número",
    try_again: "Reintentar",
    issues: "Números",
    older_issue: "← Número anterior",
    newer_issue: "Número siguiente →",
    choose_issue: "Elegir un número",
    no_issues_yet: "Este boletín aún no tiene números.",
    read_more: "Leer más",
    show_less: "Mostrar menos",
    expand_all: "Desplegar todas las noticias",
    collapse_all: "Plegar todas las noticias",
    subscribe: "Suscribirse",
    sign_up_closed: "Las suscripciones aún no están abiertas.",
    email_address: "Correo electrónico",
    name: "Nombre",
    optional: "(opcional)",
    privacy_policy: "Política de privacidad",
    leave_empty: "Deja este campo vacío",
    sending: "Enviando…",
    retry: "Reintentar",
    email_empty: "Escribe tu correo electrónico.",
    email_invalid: "Escribe un correo como nombre@ejemplo.es.",
    subscribed_confirm: "Revisa tu bandeja de entrada para confirmar la suscripción.",
    subscribed: "Ya estás suscrito. ¡Gracias!",
    already_subscribed: "Ya estabas suscrito. ¡Gracias!",
    handed_over_form: "Casi listo: termina la suscripción en la nueva pestaña.",
    handed_over_mailto: "Tu aplicación de correo se abre con un mensaje listo: envíalo para suscribirte.",
    network_failed: "No se pudo contactar con el servicio del boletín. Revisa tu conexión e inténtalo de nuevo.",
    timed_out: "El servicio del boletín no respondió a tiempo. Inténtalo de nuevo.",
    refused_silently: "El servicio del boletín rechazó la suscripción sin decir por qué. Inténtalo de nuevo más tarde.",
    unexpected_answer: "El servicio del boletín dio una respuesta inesperada. Inténtalo de nuevo más tarde.",
    topics_any_of: "Temas (cualquiera)",
    filter_by_topic: "Ver noticias sobre",
    copy_link: "Copiar enlace",
    link_copied: "Enlace copiado",
    copy_failed: "No se pudo copiar el enlace",
    linked_story_hidden: "Tus filtros ocultan la noticia enlazada; se muestra primero.",
    show_all_stories: "Mostrar todas las noticias",
    sources_label: "Fuentes:",
    read_intro: "Leer la introducción",
    more_issues: "Más números",
    search_in: "Buscar en",
    all_issues: "Todos los números",
    archive_results: "Resultados de todos los números",
    searching_archive: "Buscando en todos los números…",
    archive_prompt: "Busca en todos los números: escribe una palabra o elige un tema.",
    more_results: "Más resultados",
    archive_unavailable:
        "La búsqueda en todos los números no está disponible. La búsqueda en este número sigue funcionando.",
    back_to_results: "Volver a los resultados",
};

static ENGLISH_MONTHS: [&str; 12] = [
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
static FRENCH_MONTHS: [&str; 12] = [
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

static GERMAN_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
static SPANISH_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_language_of_a_tag() {
        assert_eq!(Language::from_tag("fr-CA"), Language::French);
        assert_eq!(Language::from_tag("FR"), Language::French);
        assert_eq!(Language::from_tag("de"), Language::German);
        assert_eq!(Language::from_tag("de-DE"), Language::German);
        assert_eq!(Language::from_tag("es_MX"), Language::Spanish);
        assert_eq!(Language::from_tag("pt-BR"), Language::English);
        assert_eq!(Language::from_tag(""), Language::English);
    }

    #[test]
    fn the_reader_follows_the_feed_unless_the_page_asks() {
        assert_eq!(Language::for_reader(None, Some("de-DE")), Language::German);
        assert_eq!(Language::for_reader(Some(" "), Some("es")), Language::Spanish);
        assert_eq!(Language::for_reader(None, Some("xx-YY")), Language::English);
        assert_eq!(Language::for_reader(None, None), Language::English);
        assert_eq!(Language::for_reader(Some("fr"), Some("de")), Language::French);
        // Asked for, but unknown: English, not the feed's.
        assert_eq!(Language::for_reader(Some("pt"), Some("de")), Language::English);
    }

    #[test]
    fn german_and_spanish_write_dates_plurals_and_counts() {
        let date = Date::parse_ymd("2025-12-04").unwrap();
        assert_eq!(Language::German.date(date), "4. Dezember 2025");
        assert_eq!(
            Language::German.date(Date::parse_ymd("2026-03-01").unwrap()),
            "1. März 2026"
        );
        assert_eq!(Language::Spanish.date(date), "4 de diciembre de 2025");
        assert_eq!(
            Language::Spanish.date(Date::parse_ymd("2025-08-01").unwrap()),
            "1 de agosto de 2025"
        );
        assert_eq!(Language::German.stories(1), "1 Beitrag");
        assert_eq!(Language::German.stories(0), "0 Beiträge");
        assert_eq!(Language::German.stories(20), "20 Beiträge");
        assert_eq!(Language::German.shown_of(7, 20), "7 von 20 Beiträgen");
        assert_eq!(Language::German.shown_of(1, 1), "1 von 1 Beitrag");
        assert_eq!(Language::Spanish.stories(1), "1 noticia");
        assert_eq!(Language::Spanish.stories(0), "0 noticias");
        assert_eq!(Language::Spanish.shown_of(7, 20), "7 de 20 noticias");
        assert_eq!(
            Language::German.skipped(1),
            "1 Beitrag dieser Ausgabe konnte nicht angezeigt werden:"
        );
        assert_eq!(
            Language::Spanish.skipped(3),
            "3 noticias de este número no se pudieron mostrar:"
        );
        assert_eq!(Language::Spanish.show_more(5), "Mostrar más noticias (5 más)");
        assert!(Language::German.http_failure(503).contains("HTTP 503"));
    }

    #[test]
    fn search_across_issues_counts_in_every_language() {
        assert_eq!(Language::English.found_in_archive(1), "1 story in all issues");
        assert_eq!(
            Language::French.found_in_archive(12),
            "12 articles dans tous les numéros"
        );
        assert_eq!(Language::German.found_in_archive(2), "2 Beiträge in allen Ausgaben");
        assert_eq!(Language::Spanish.found_in_archive(0), "0 noticias en todos los números");
        for lang in [Language::English, Language::French, Language::German, Language::Spanish] {
            assert_ne!(lang.words().this_issue, lang.words().all_issues);
        }
    }

    #[test]
    fn every_language_has_its_own_words() {
        let languages = [Language::English, Language::French, Language::German, Language::Spanish];
        for language in languages {
            assert_eq!(Language::from_tag(language.tag()), language);
            for other in languages.iter().filter(|&&other| other != language) {
                let (mine, theirs) = (language.words(), other.words());
                // The words a reader meets first differ from every other language's.
                for (a, b) in [
                    (mine.read_more, theirs.read_more),
                    (mine.copy_link, theirs.copy_link),
                    (mine.this_week, theirs.this_week),
                    (mine.read_intro, theirs.read_intro),
                    (mine.topics_any_of, theirs.topics_any_of),
                    (mine.back_to_results, theirs.back_to_results),
                ] {
                    assert_ne!(a, b, "{language:?} and {other:?}");
                }
            }
        }
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
