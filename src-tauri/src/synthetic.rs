//! Synthetic, reproducible data for benchmarks (and later the demo): the same seed always
//! gives the same school, so numbers can be compared run to run.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use crate::error::Result;
use crate::storage::students::{self, NewStudent};
use crate::storage::{write, Actor};

const FIRST_NAMES: &[&str] = &[
    "Aaliyah",
    "Aarav",
    "Abigail",
    "Adrián",
    "Aiko",
    "Alejandro",
    "Amara",
    "Ana",
    "Andre",
    "Ava",
    "Bao",
    "Beatriz",
    "Caleb",
    "Camila",
    "Chen",
    "Chloe",
    "Daniel",
    "Dmitri",
    "Elena",
    "Elijah",
    "Emma",
    "Eun-ji",
    "Fatima",
    "Gabriel",
    "Grace",
    "Hana",
    "Hiroshi",
    "Ibrahim",
    "Isabella",
    "Jamal",
    "Javier",
    "Jin",
    "José",
    "Kai",
    "Kofi",
    "Layla",
    "Leila",
    "Liam",
    "Lucía",
    "Malik",
    "Mariana",
    "Marcus",
    "Mateo",
    "Maya",
    "Mei",
    "Mohammed",
    "Nadia",
    "Noah",
    "Nia",
    "Olivia",
    "Omar",
    "Priya",
    "Rafael",
    "Ravi",
    "Sofia",
    "Søren",
    "Tariq",
    "Thandiwe",
    "Valentina",
    "Zoë",
];

const LAST_NAMES: &[&str] = &[
    "Abara",
    "Adeyemi",
    "Álvarez",
    "Anderson",
    "Bakr",
    "Brown",
    "Castillo",
    "Chen",
    "Cohen",
    "Davis",
    "Díaz",
    "Dubois",
    "Evans",
    "Fernández",
    "García",
    "Gómez",
    "Gupta",
    "Haddad",
    "Hernández",
    "Ito",
    "Jackson",
    "Johnson",
    "Kim",
    "Kowalski",
    "Lee",
    "Lopez",
    "Martínez",
    "Mensah",
    "Miller",
    "Moore",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Okafor",
    "Olsen",
    "Patel",
    "Pérez",
    "Petrov",
    "Ramírez",
    "Reyes",
    "Rodríguez",
    "Rossi",
    "Sánchez",
    "Schmidt",
    "Shah",
    "Silva",
    "Singh",
    "Smith",
    "Suzuki",
    "Tanaka",
    "Taylor",
    "Thomas",
    "Torres",
    "Tran",
    "Walker",
    "Wang",
    "Williams",
    "Wilson",
    "Yilmaz",
    "Zhang",
];

/// SplitMix64: tiny, fast, and fully determined by its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// `count` students of grades 9–12 with student numbers 100000, 100001, ...
pub fn students(count: usize, seed: u64) -> Vec<NewStudent> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| NewStudent {
            student_number: Some((100_000 + i).to_string()),
            first_name: rng.pick(FIRST_NAMES).to_owned(),
            last_name: rng.pick(LAST_NAMES).to_owned(),
            preferred_name: None,
            grade: Some(9 + rng.below(4) as i64),
            graduation_year: None,
            multilingual: rng.below(5) == 0,
        })
        .collect()
}

/// Adds `count` synthetic students in one transaction.
pub fn add_students(conn: &mut Connection, count: usize, seed: u64, now: NaiveDateTime) -> Result<()> {
    let roster = students(count, seed);
    write(conn, |tx| {
        for student in &roster {
            students::add(tx, student, Actor::Director, now)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_roster() {
        let names = |seed| students(50, seed).into_iter().map(|s| s.first_name + &s.last_name).collect::<Vec<_>>();
        assert_eq!(names(7), names(7));
        assert_ne!(names(7), names(8));
    }
}
