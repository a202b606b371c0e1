//! Case- and accent-insensitive matching for search.
//!
//! Folding maps each character to exactly one character, so a match found in
//! the folded text sits at the same character positions in the original,
//! which is what highlighting needs. Accents are removed for the Latin-1 and
//! Latin Extended-A letters (à, é, ñ, ø, ł, ő, š, …); other scripts are only
//! lower-cased. A full Unicode decomposition table would cost every reader
//! tens of kilobytes for little gain in a newsletter's languages.

/// Base letters of U+00C0..=U+00FF, one per character.
const LATIN_1: &str = "aaaaaaæceeeeiiiidnooooo×ouuuuyþßaaaaaaæceeeeiiiidnooooo÷ouuuuyþy";
/// Base letters of U+0100..=U+017F, one per character.
const LATIN_EXTENDED_A: &str =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiĳĳjjkkĸllllllllllnnnnnnŉŋŋooooooœœrrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Folds one character: lower case, without accent.
pub fn fold_char(c: char) -> char {
    let code = c as u32;
    let table = match code {
        0xC0..=0xFF => Some((LATIN_1, code - 0xC0)),
        0x100..=0x17F => Some((LATIN_EXTENDED_A, code - 0x100)),
        _ => None,
    };
    match table {
        Some((table, index)) => table.chars().nth(index as usize).unwrap_or(c),
        None if c.is_ascii() => c.to_ascii_lowercase(),
        // Keep one character per character; the rare multi-character lower
        // cases (such as U+0130) keep their first.
        None => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Folds a whole text.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_hold_one_character_per_code_point() {
        assert_eq!(LATIN_1.chars().count(), 0x40);
        assert_eq!(LATIN_EXTENDED_A.chars().count(), 0x80);
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(
            fold("Café CRÈME Ångström Łódź Šťastný"),
            "cafe creme angstrom lodz stastny"
        );
        assert_eq!(fold("ΑΘΗΝΑ Москва 東京"), "αθηνα москва 東京");
    }

    #[test]
    fn keeps_one_character_per_character() {
        for text in ["İstanbul", "Straße", "ÆØÅ", "naïve"] {
            assert_eq!(fold(text).chars().count(), text.chars().count(), "{text}");
        }
    }
}
