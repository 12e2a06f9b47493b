//! Text as search compares it: lower case, accents and other marks gone,
//! cut into words at anything that is not a letter or a digit. "Médico",
//! "MEDICO" and "medico" are one word; "l'aide" is two ("l", "aide").
//!
//! The folding table covers Latin-1 and Latin Extended-A, which holds every
//! accented letter of Spanish, Portuguese, French and Haitian Creole;
//! combining marks (a text written decomposed) are dropped. Other scripts
//! are lower-cased and kept as they are.

/// Folds one character onto `out`.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let folded: &str = match c as u32 {
        0xC0..=0xC5 | 0xE0..=0xE5 | 0x100..=0x105 => "a",
        0xC6 | 0xE6 => "ae",
        0xC7 | 0xE7 | 0x106..=0x10D => "c",
        0xD0 | 0xF0 | 0x10E..=0x111 => "d",
        0xC8..=0xCB | 0xE8..=0xEB | 0x112..=0x11B => "e",
        0x11C..=0x123 => "g",
        0x124..=0x127 => "h",
        0xCC..=0xCF | 0xEC..=0xEF | 0x128..=0x131 => "i",
        0x132 | 0x133 => "ij",
        0x134 | 0x135 => "j",
        0x136..=0x138 => "k",
        0x139..=0x142 => "l",
        0xD1 | 0xF1 | 0x143..=0x14B => "n",
        0xD2..=0xD6 | 0xD8 | 0xF2..=0xF6 | 0xF8 | 0x14C..=0x151 => "o",
        0x152 | 0x153 => "oe",
        0x154..=0x159 => "r",
        0x15A..=0x161 | 0x17F => "s",
        0xDF => "ss",
        0x162..=0x167 => "t",
        0xDE | 0xFE => "th",
        0xD9..=0xDC | 0xF9..=0xFC | 0x168..=0x173 => "u",
        0x174 | 0x175 => "w",
        0xDD | 0xFD | 0xFF | 0x176..=0x178 => "y",
        0x179..=0x17E => "z",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(folded);
}

/// Combining marks: skipped, so a decomposed "é" folds like a composed one.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Calls `word` with each folded word of `text`, in order. `buffer` is
/// reused between words (and between calls, by callers that fold a lot).
pub(crate) fn for_each_word(text: &str, buffer: &mut String, mut word: impl FnMut(&str)) {
    buffer.clear();
    for c in text.chars() {
        if c.is_alphanumeric() {
            fold_char(c, buffer);
        } else if is_mark(c) {
            continue;
        } else if !buffer.is_empty() {
            word(buffer);
            buffer.clear();
        }
    }
    if !buffer.is_empty() {
        word(buffer);
        buffer.clear();
    }
}

/// The folded words of `text`.
#[cfg(any(test, feature = "internals"))]
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, &mut String::new(), |w| out.push(w.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_marks_fold_away() {
        assert_eq!(words("Médico"), ["medico"]);
        assert_eq!(words("CLÍNICA Médica"), ["clinica", "medica"]);
        // "é" written as e + U+0301.
        assert_eq!(words("Me\u{301}dico"), ["medico"]);
        assert_eq!(words("Saúde, Kreyòl; Ayiti!"), ["saude", "kreyol", "ayiti"]);
        assert_eq!(words("Œuvre Straße São"), ["oeuvre", "strasse", "sao"]);
        assert_eq!(words("Niño ÇA"), ["nino", "ca"]);
    }

    #[test]
    fn anything_but_letters_and_digits_splits_words() {
        assert_eq!(words("l'aide m'ap"), ["l", "aide", "m", "ap"]);
        assert_eq!(words("\"shelter OR *"), ["shelter", "or"]);
        assert_eq!(words("24/7 line-up"), ["24", "7", "line", "up"]);
        assert!(words("  ... ** \"\" ").is_empty());
        assert!(words("").is_empty());
    }

    #[test]
    fn other_scripts_are_lower_cased_and_kept() {
        assert_eq!(words("Ελλάδα МОСКВА"), ["ελλάδα", "москва"]);
    }
}
