//! Synthetic, reproducible data for benchmarks (and later the demo): the same seed always
//! gives the same school, so numbers can be compared run to run.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use rusqlite::{Connection, Transaction};

mod appointments;
mod group_work;

use crate::error::Result;
use crate::storage::partners::{self, NewActivity, NewContact, NewInstitution};
use crate::storage::sessions::{self, SessionLog};
use crate::storage::shifts;
use crate::storage::students::{self, NewStudent};
use crate::storage::tutors::{self, NewTutor};
use crate::storage::{write, Actor};
use crate::vocabulary::{ASSIGNMENT_TYPES, CONCERNS, WRITING_STAGES};

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

const DEPARTMENTS: &[&str] =
    &["English", "History/Social Studies", "Science", "Math", "World Languages", "Arts", "CTE", "Other"];

/// Changes whenever the same seed would generate a different school (cached benchmark data).
pub const GENERATOR_VERSION: u32 = 6;

/// How big a synthetic school to make.
#[derive(Debug, Clone, Copy)]
pub struct SchoolSize {
    pub students: usize,
    pub tutors: usize,
    pub teachers: usize,
    pub sessions: usize,
    /// School years, ending with the one that starts in `last_year`.
    pub years: i32,
    pub last_year: i32,
}

impl SchoolSize {
    /// A 2,000-student school over ten school years.
    pub const DEMO: SchoolSize =
        SchoolSize { students: 2_000, tutors: 25, teachers: 60, sessions: 120_000, years: 10, last_year: 2026 };
    /// A million sessions, for stress benchmarks.
    pub const STRESS: SchoolSize =
        SchoolSize { students: 100_000, tutors: 25, teachers: 60, sessions: 1_000_000, years: 10, last_year: 2026 };
}

/// School days (Monday to Friday, late August to mid June) of the school years in `size`, with
/// the busy fortnights before grading deadlines listed twice, so twice as many sessions fall there.
fn session_days(size: &SchoolSize, until: NaiveDate) -> Vec<NaiveDate> {
    const BUSY: [((u32, u32), (u32, u32)); 4] =
        [((10, 19), (10, 31)), ((12, 7), (12, 19)), ((3, 9), (3, 20)), ((5, 18), (5, 29))];
    let mut days = Vec::new();
    for year in size.last_year - size.years + 1..=size.last_year {
        let mut day = NaiveDate::from_ymd_opt(year, 8, 25).expect("valid date");
        let end = NaiveDate::from_ymd_opt(year + 1, 6, 12).expect("valid date");
        while day <= end.min(until) {
            if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                days.push(day);
                let month_day = (day.month(), day.day());
                if BUSY.iter().any(|(from, to)| (*from..=*to).contains(&month_day)) {
                    days.push(day);
                }
            }
            day += Duration::days(1);
        }
    }
    days
}

/// Shifts on every school day: four tutors, morning to early afternoon.
fn add_shifts(tx: &Transaction, tutor_ids: &[i64], days: &[NaiveDate], rng: &mut Rng) -> Result<()> {
    let mut school_days = days.to_vec();
    school_days.dedup();
    for day in school_days {
        let mut on_shift: Vec<i64> = (0..4).map(|_| tutor_ids[rng.below(tutor_ids.len())]).collect();
        on_shift.sort_unstable();
        on_shift.dedup();
        for &tutor in &on_shift {
            let start = day.and_hms_opt(7, 30 + 5 * rng.below(6) as u32, 0).expect("valid time");
            shifts::clock_in(tx, tutor, start)?;
            shifts::clock_out(tx, tutor, start + Duration::minutes(180 + 15 * rng.below(16) as i64))?;
        }
    }
    Ok(())
}

/// Two contacts per partner and the partnership log of every school year, in both directions.
fn add_partnership(
    tx: &Transaction,
    partners: &[i64],
    size: &SchoolSize,
    rng: &mut Rng,
    now: NaiveDateTime,
) -> Result<()> {
    const KINDS: &[&str] = &[
        "visit",
        "tutor_training",
        "mentoring_meeting",
        "preservice_placement",
        "resource_shared",
        "conference_presentation",
    ];
    for &institution_id in partners {
        let mut contacts = Vec::new();
        for role in ["Director", "Coordinator"] {
            let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
            let contact = NewContact {
                institution_id,
                name,
                role: role.into(),
                is_primary: role == "Director",
                ..Default::default()
            };
            contacts.push(partners::add_contact(tx, &contact, now)?.id);
        }
        for year in size.last_year - size.years + 1..=size.last_year {
            for i in 0..8 {
                let date = NaiveDate::from_ymd_opt(year, 9, 1).expect("valid date")
                    + Duration::days(35 * i + rng.below(20) as i64);
                let activity = NewActivity {
                    institution_id,
                    contact_id: Some(contacts[rng.below(contacts.len())]),
                    date: date.to_string(),
                    kind: rng.pick(KINDS).into(),
                    direction: if i % 2 == 0 { "given" } else { "received" }.into(),
                    hours: (1 + rng.below(6)) as f64,
                    ..Default::default()
                };
                partners::add_activity(tx, &activity, now)?;
            }
        }
    }
    Ok(())
}

/// Adds a whole synthetic school: students, tutors of every kind (university tutors and
/// preservice teachers from two partners), teachers in departments, sessions on school days,
/// shifts, and the partnership log, through the same storage functions the app uses.
pub fn add_school(conn: &mut Connection, size: SchoolSize, seed: u64) -> Result<()> {
    add_school_until(conn, size, seed, NaiveDate::MAX)
}

/// The demo school: the demo size, its ten school years ending with the current one, no session
/// after `today`, a term of appointments around it, and this year's group work and feedback.
pub fn add_demo_school(conn: &mut Connection, today: NaiveDate) -> Result<()> {
    let last_year = if today.month() >= 8 { today.year() } else { today.year() - 1 };
    add_school_until(conn, SchoolSize { last_year, ..SchoolSize::DEMO }, 42, today)?;
    appointments::add_term(conn, today, 42)?;
    group_work::add_group_work(conn, today, 42)
}

fn add_school_until(conn: &mut Connection, size: SchoolSize, seed: u64, until: NaiveDate) -> Result<()> {
    let created = NaiveDate::from_ymd_opt(size.last_year - size.years, 8, 1)
        .expect("valid date")
        .and_hms_opt(8, 0, 0)
        .expect("valid time");
    add_students(conn, size.students, seed, created)?;
    let mut rng = Rng::new(seed ^ 0x5EED);
    let days = session_days(&size, until);
    let later = NaiveDate::from_ymd_opt(size.last_year + 2, 1, 1)
        .expect("valid date")
        .and_hms_opt(0, 0, 0)
        .expect("valid time");
    write(conn, |tx| {
        let partner = |name: &str, kind: &str| {
            let new = NewInstitution { name: name.into(), kind: kind.into(), notes: String::new() };
            partners::add_institution(tx, &new, created).map(|i| Some(i.id))
        };
        let university = partner("Lakeside University Writing Center", "university_writing_center")?;
        let teacher_preparation = partner("State Teacher Preparation Program", "teacher_preparation_program")?;
        let mut tutor_ids = Vec::new();
        for i in 0..size.tutors {
            let (kind, institution_id) = match i % 8 {
                0 => ("university", university),
                1 => ("preservice", teacher_preparation),
                _ => ("peer", None),
            };
            let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
            let tutor = NewTutor { name, kind: kind.into(), institution_id };
            tutor_ids.push(tutors::add(tx, &tutor, Actor::Director, created)?.id);
        }
        let teachers: Vec<(String, &str)> = (0..size.teachers)
            .map(|i| (format!("{} {}", rng.pick(LAST_NAMES), i + 1), DEPARTMENTS[i % DEPARTMENTS.len()]))
            .collect();
        let first_student: i64 = tx.query_row("SELECT min(id) FROM students", [], |r| r.get(0))?;
        // Sessions are logged as they happen, so they are stored in time order, as in a real school.
        let mut times: Vec<(NaiveDate, u32)> = (0..size.sessions)
            .map(|_| (days[rng.below(days.len())], 7 * 60 + 30 + 5 * rng.below(102) as u32)) // 07:30 to 16:00
            .collect();
        times.sort_unstable();
        for (day, start) in times {
            let minutes = 15 + 5 * rng.below(10) as u32;
            let hm = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
            let teacher = (rng.below(10) < 7).then(|| &teachers[rng.below(teachers.len())]);
            let concerns = (0..1 + rng.below(3)).map(|_| rng.pick(CONCERNS).to_owned()).collect();
            let mut tutor_ids_for_session = vec![tutor_ids[rng.below(tutor_ids.len())]];
            if rng.below(20) == 0 {
                let second = tutor_ids[rng.below(tutor_ids.len())];
                if second != tutor_ids_for_session[0] {
                    tutor_ids_for_session.push(second);
                }
            }
            let log = SessionLog {
                student_id: first_student + rng.below(size.students) as i64,
                tutor_ids: tutor_ids_for_session,
                date: day.to_string(),
                start_time: hm(start),
                end_time: hm(start + minutes),
                mode: if rng.below(8) == 0 { "online" } else { "in_person" }.into(),
                course: teacher.map_or(String::new(), |(_, department)| format!("{department} {}", 9 + rng.below(4))),
                teacher_name: teacher.map_or(String::new(), |(name, _)| name.clone()),
                teacher_department: teacher.map_or(String::new(), |(_, department)| department.to_string()),
                assignment_type: rng.pick(ASSIGNMENT_TYPES).into(),
                writing_stage: rng.pick(WRITING_STAGES).into(),
                concerns,
                confidence_before: Some(1 + rng.below(5) as i64),
                confidence_after: Some(1 + rng.below(5) as i64),
                ..Default::default()
            };
            sessions::log(tx, &log, Actor::Director, later)?;
        }
        add_shifts(tx, &tutor_ids, &days, &mut rng)?;
        add_partnership(tx, &[university, teacher_preparation].map(|p| p.expect("just added")), &size, &mut rng, later)
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

    #[test]
    fn a_small_school_has_sessions_on_school_days_only() {
        let mut conn = crate::storage::open_in_memory().unwrap();
        let size = SchoolSize { students: 50, tutors: 5, teachers: 8, sessions: 300, years: 2, last_year: 2026 };
        add_school(&mut conn, size, 1).unwrap();
        let (sessions, weekend): (i64, i64) = conn
            .query_row("SELECT count(*), sum((day + 3) % 7 >= 5) FROM sessions", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((sessions, weekend), (300, 0));
    }
}
