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
        None => lower_case(c),
    }
}

/// The lower case of `c` for the scripts newsletters are written in: Latin
/// (with Latin Extended-A and the Vietnamese letters), Greek, Cyrillic and
/// Armenian, and full-width Latin. Other characters stay as they are.
///
/// The standard library's `char::to_lowercase` knows every script, but its
/// tables add about 12 KB to every reader's download; this covers the same
/// letters of these blocks (a test checks it against the standard library)
/// in a few rules, since their cases pair by fixed offsets.
pub fn lower_case(c: char) -> char {
    let code = c as u32;
    let even_upper = code % 2 == 0;
    let lower = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => code + 0x20,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if even_upper => code + 1,
        0x139..=0x148 | 0x179..=0x17E if !even_upper => code + 1,
        0x130 => 0x69,
        0x178 => 0xFF,
        0x1CD..=0x1DC if !even_upper => code + 1,
        0x1DE..=0x1EF | 0x1F8..=0x21F | 0x222..=0x233 if even_upper => code + 1,
        0x370 | 0x372 | 0x376 | 0x3F7 | 0x3FA => code + 1,
        0x37F => 0x3F3,
        0x3CF => 0x3D7,
        0x3F4 => 0x3B8,
        0x3F9 => 0x3F2,
        0x3FD..=0x3FF => code - 0x82,
        0x386 => 0x3AC,
        0x388..=0x38A => code + 0x25,
        0x38C => 0x3CC,
        0x38E | 0x38F => code + 0x3F,
        0x391..=0x3A1 | 0x3A3..=0x3AB => code + 0x20,
        0x3D8..=0x3EF if even_upper => code + 1,
        0x400..=0x40F => code + 0x50,
        0x410..=0x42F => code + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if even_upper => code + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if !even_upper => code + 1,
        0x531..=0x556 => code + 0x30,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if even_upper => code + 1,
        0x1E9E => 0xDF,
        0xFF21..=0xFF3A => code + 0x20,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// [`lower_case`] over a whole text.
pub fn lower_case_text(text: &str) -> String {
    text.chars().map(lower_case).collect()
}

/// Folds a whole text.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_agrees_with_the_standard_library_in_the_scripts_it_covers() {
        let blocks = [
            0..=0x24F,
            0x370..=0x52F,
            0x531..=0x556,
            0x1E00..=0x1EFF,
            0xFF21..=0xFF5A,
        ];
        let mut wrong = Vec::new();
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            // Multi-character lower cases (U+0130) keep their first.
            let expected = c.to_lowercase().next().unwrap();
            if lower_case(c) != expected {
                wrong.push(format!(
                    "U+{:04X} {c}: {} instead of {expected}",
                    c as u32,
                    lower_case(c)
                ));
            }
        }
        // Latin Extended-B has letters that pair irregularly (Ɓ, Ɔ, Ǆ, …);
        // these few are left as written.
        wrong.retain(|line| !(0x180..0x24F).contains(&u32::from_str_radix(&line[2..6], 16).unwrap()));
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

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
