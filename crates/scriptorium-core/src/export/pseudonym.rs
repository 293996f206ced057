//! Pseudonymous writer codes for partner files: HMAC-SHA256 keyed with a secret that never leaves
//! this machine. Nobody without the secret can turn a code back into a student. Under a recorded
//! data-sharing agreement a writer keeps one code in every file for that partner; otherwise each
//! file has codes of its own, so files can't be joined on them.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What a code is stable across.
pub enum CodeScope {
    /// Every file for this partner (a data-sharing agreement is recorded).
    Partner(i64),
    /// One file: a random key drawn for it and then forgotten.
    File([u8; 16]),
}

pub fn writer_code(secret: &[u8], scope: &CodeScope, student_id: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    match scope {
        CodeScope::Partner(partner_id) => mac.update(format!("partner:{partner_id}").as_bytes()),
        CodeScope::File(key) => {
            mac.update(b"file:");
            mac.update(key);
        }
    }
    mac.update(format!("/writer:{student_id}").as_bytes());
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02X}")).collect();
    format!("W-{hex}")
}

/// A number that sorts as the code's text does (its hex digits read as one number).
pub fn code_order(code: &str) -> u64 {
    u64::from_str_radix(code.trim_start_matches("W-"), 16).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_per_partner_and_differ_across_partners_files_and_secrets() {
        let secret = b"a secret of this machine";
        let partner = |id| CodeScope::Partner(id);
        assert_eq!(writer_code(secret, &partner(1), 42), writer_code(secret, &partner(1), 42));
        assert_ne!(writer_code(secret, &partner(1), 42), writer_code(secret, &partner(2), 42));
        assert_ne!(writer_code(secret, &partner(1), 42), writer_code(secret, &partner(1), 43));
        assert_ne!(writer_code(secret, &partner(1), 42), writer_code(b"another machine", &partner(1), 42));
        let file = |byte| CodeScope::File([byte; 16]);
        assert_eq!(writer_code(secret, &file(7), 42), writer_code(secret, &file(7), 42));
        assert_ne!(writer_code(secret, &file(7), 42), writer_code(secret, &file(8), 42));
        assert_ne!(writer_code(secret, &file(7), 42), writer_code(secret, &partner(1), 42));
        assert_eq!(writer_code(secret, &partner(1), 42).len(), 14);
        let mut codes: Vec<String> = (0..50).map(|id| writer_code(secret, &partner(1), id)).collect();
        let mut by_number = codes.clone();
        codes.sort();
        by_number.sort_by_key(|code| code_order(code));
        assert_eq!(codes, by_number, "the number sorts as the text");
    }
}
