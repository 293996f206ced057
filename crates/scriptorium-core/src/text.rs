//! Rules for the free text people type. Every stored string passes through here, so the
//! limits and messages are the same everywhere and bad input is refused before any write.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// A trimmed, non-empty value of at most `max_chars` characters without control characters.
pub fn required(label: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = optional(label, value, max_chars)?;
    if value.is_empty() {
        return Err(Error::Invalid(format!("{label} is required.")));
    }
    Ok(value)
}

/// Like [`required`], but an empty value is allowed. Line breaks are allowed only in
/// multi-line fields, which use [`multiline`].
pub fn optional(label: &str, value: &str, max_chars: usize) -> Result<String> {
    checked(label, value, max_chars, false)
}

/// Free notes: line breaks and tabs allowed, other control characters refused.
pub fn multiline(label: &str, value: &str, max_chars: usize) -> Result<String> {
    checked(label, value, max_chars, true)
}

fn checked(label: &str, value: &str, max_chars: usize, allow_breaks: bool) -> Result<String> {
    let value = value.trim();
    let len = value.chars().count();
    if len > max_chars {
        return Err(Error::Invalid(format!("{label} is too long: {len} characters, at most {max_chars}.")));
    }
    let allowed = |c: char| allow_breaks && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(Error::Invalid(format!("{label} contains a control character; remove it and try again.")));
    }
    Ok(value.to_owned())
}

/// An optional email address: one `@` between a name and a dotted domain, no spaces and none of
/// the characters that would break a mail link or header.
pub fn email(label: &str, value: &str) -> Result<String> {
    let value = optional(label, value, 200)?;
    if value.is_empty() {
        return Ok(value);
    }
    let plain =
        |part: &str| !part.is_empty() && !part.chars().any(|c| c.is_whitespace() || "<>()[]\\,;:\"@?&=#%".contains(c));
    let shaped = match value.split_once('@') {
        Some((name, domain)) => {
            plain(name) && plain(domain) && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        }
        None => false,
    };
    if !shaped {
        return Err(Error::Invalid(format!("\"{value}\" is not an email address.")));
    }
    Ok(value)
}

/// Lower-cased and stripped of accents, so "José" is found by typing "jose".
pub fn fold(value: &str) -> String {
    // Plain ASCII decomposes to itself: most names skip the Unicode tables.
    if value.is_ascii() {
        return value.to_ascii_lowercase();
    }
    value.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_trims_and_refuses_empty() {
        assert_eq!(required("First name", "  Ana ", 10).unwrap(), "Ana");
        let err = required("First name", "   ", 10).unwrap_err();
        assert_eq!(err.to_string(), "First name is required.");
    }

    #[test]
    fn overlong_and_control_characters_are_refused() {
        let err = optional("Notes", &"x".repeat(11), 10).unwrap_err();
        assert_eq!(err.to_string(), "Notes is too long: 11 characters, at most 10.");
        assert!(optional("Name", "a\u{0}b", 10).is_err());
        assert!(optional("Name", "a\nb", 10).is_err());
        assert_eq!(multiline("Notes", "a\nb", 10).unwrap(), "a\nb");
    }

    #[test]
    fn an_email_is_a_name_an_at_and_a_dotted_domain() {
        assert_eq!(email("Email", " ms.okafor@school.example ").unwrap(), "ms.okafor@school.example");
        assert_eq!(email("Email", "").unwrap(), "");
        for wrong in [
            "okafor",
            "okafor@school",
            "@school.example",
            "a b@school.example",
            "a@b@c.example",
            "a@school.example?cc=x",
            "a@.example",
        ] {
            assert_eq!(email("Email", wrong).unwrap_err().to_string(), format!("\"{wrong}\" is not an email address."));
        }
    }

    #[test]
    fn fold_removes_case_and_accents() {
        assert_eq!(fold("José Ñúñez"), "jose nunez");
        assert_eq!(fold("ÅSA"), "asa");
        assert_eq!(fold("李"), "李");
        // The ASCII shortcut gives what the Unicode path gives, for every ASCII character.
        let ascii: String = (0_u8..128).map(char::from).collect();
        let unicode_path: String = ascii
            .nfkd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect();
        assert_eq!(fold(&ascii), unicode_path);
    }
}
