//! What the director PIN or passphrase must be: 6 or more digits, or 10 or more characters, and
//! not one a student tutor could guess in a few tries (the most common six-digit PINs, repeats,
//! runs and short patterns).

use crate::error::{Error, Result};

/// The most common six-digit PINs in leaked and surveyed sets, beyond the patterns refused below.
const COMMON_PINS: [&str; 100] = [
    "123456", "654321", "111111", "000000", "123123", "666666", "121212", "112233", "789456", "159753", "777777",
    "555555", "222222", "123321", "999999", "987654", "101010", "131313", "696969", "888888", "333333", "444444",
    "147258", "258369", "456789", "147852", "159357", "012345", "123654", "321654", "102030", "112211", "456123",
    "741852", "963852", "852456", "753951", "357159", "232323", "252525", "123789", "789123", "369258", "147369",
    "121314", "202020", "010203", "100200", "110110", "123000", "000123", "520520", "520131", "131420", "521521",
    "168168", "886886", "668668", "888999", "111222", "112112", "223344", "998877", "778899", "445566", "101112",
    "090909", "080808", "050505", "030303", "070707", "060606", "040404", "212121", "343434", "454545", "565656",
    "676767", "787878", "898989", "909090", "135790", "246810", "098765", "876543", "765432", "234567", "345678",
    "111000", "000111", "100100", "200200", "123412", "121121", "147147", "258258", "369369", "741741", "951753",
    "753159",
];

/// Passphrases as common as a common PIN.
const COMMON_PASSPHRASES: [&str; 6] =
    ["password12", "password123", "qwertyuiop", "1234567890", "scriptorium", "writingcenter"];

const SHORTEST_PIN: usize = 6;
const SHORTEST_PASSPHRASE: usize = 10;
const LONGEST: usize = 128;

/// Accepts a new PIN or passphrase, or says why not (never echoing it).
pub fn check(pin: &str) -> Result<()> {
    let length = pin.chars().count();
    if length > LONGEST {
        return Err(Error::Invalid(format!("The PIN or passphrase can have at most {LONGEST} characters.")));
    }
    let all_digits = !pin.is_empty() && pin.chars().all(|c| c.is_ascii_digit());
    if all_digits {
        if length < SHORTEST_PIN {
            return Err(Error::Invalid(format!(
                "A PIN needs at least {SHORTEST_PIN} digits (or use a passphrase of {SHORTEST_PASSPHRASE} or more characters)."
            )));
        }
        if COMMON_PINS.contains(&pin) || is_trivial(pin.as_bytes()) {
            return Err(Error::Invalid(
                "That PIN is one of the first anyone would try (a common PIN, a repeat or a run of digits). Choose another.".into(),
            ));
        }
        return Ok(());
    }
    if length < SHORTEST_PASSPHRASE {
        return Err(Error::Invalid(format!(
            "A passphrase needs at least {SHORTEST_PASSPHRASE} characters (or use a PIN of {SHORTEST_PIN} or more digits)."
        )));
    }
    let lowered = pin.to_lowercase();
    if COMMON_PASSPHRASES.iter().any(|common| lowered == *common) || is_trivial(lowered.as_bytes()) {
        return Err(Error::Invalid("That passphrase is one of the first anyone would try. Choose another.".into()));
    }
    Ok(())
}

/// One short pattern repeated (111111, 121212, 123123, aaaaaaaaaa), or a run up or down by one
/// (234567, 987654, 890123).
fn is_trivial(text: &[u8]) -> bool {
    let repeats =
        (1..=3).any(|period| text.len() > period && text.iter().enumerate().all(|(i, c)| *c == text[i % period]));
    let run = |step: i16| {
        text.windows(2).all(|pair| {
            let (a, b) = (i16::from(pair[0]), i16::from(pair[1]));
            b - a == step
                || (pair[0].is_ascii_digit()
                    && pair[1].is_ascii_digit()
                    && (b - a).rem_euclid(10) == step.rem_euclid(10))
        })
    };
    repeats || run(1) || run(-1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_trivial_pins_are_refused_with_the_rule() {
        for (pin, message) in [
            ("4711", "A PIN needs at least 6 digits"),
            ("12345", "A PIN needs at least 6 digits"),
            ("123456", "That PIN is one of the first anyone would try"),
            ("147258", "That PIN is one of the first anyone would try"),
            ("424242", "That PIN is one of the first anyone would try"),
            ("737373", "That PIN is one of the first anyone would try"),
            ("890123", "That PIN is one of the first anyone would try"),
            ("210987", "That PIN is one of the first anyone would try"),
            ("4040404040", "That PIN is one of the first anyone would try"),
            ("horse", "A passphrase needs at least 10 characters"),
            ("QwertyUiop", "That passphrase is one of the first anyone would try"),
            ("zzzzzzzzzzzz", "That passphrase is one of the first anyone would try"),
            ("abcdefghijk", "That passphrase is one of the first anyone would try"),
            ("", "A passphrase needs at least 10 characters"),
        ] {
            let err = check(pin).unwrap_err().to_string();
            assert!(err.starts_with(message), "{pin:?}: {err}");
            assert!(pin.is_empty() || !err.contains(pin), "the refusal never repeats the PIN: {err}");
        }
        assert!(check(&"x".repeat(129)).is_err());
    }

    #[test]
    fn uncommon_pins_and_passphrases_are_accepted() {
        for pin in ["271828", "8406193", "correct horse", "the lamp at 4 pm", "Ünïcödé phrase"] {
            assert!(check(pin).is_ok(), "{pin:?}");
        }
    }

    #[test]
    fn the_list_has_a_hundred_distinct_six_digit_pins() {
        let distinct: std::collections::HashSet<_> = COMMON_PINS.iter().collect();
        assert_eq!(distinct.len(), 100);
        assert!(COMMON_PINS.iter().all(|pin| pin.len() == 6 && pin.bytes().all(|b| b.is_ascii_digit())));
    }
}
