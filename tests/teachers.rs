//! Teachers in the loop, in the storage layer: the consent level decides exactly what a slip, a
//! mail or a digest holds, tutors' notes never appear in any of them, a session without consent
//! never reaches a digest; briefs and referrals; and the bad input each refuses.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use scriptorium_core::clock::{self, Days};
use scriptorium_core::storage::briefs::{self, NewBrief};
use scriptorium_core::storage::referrals::{self, NewReferral};
use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::teacher_reports::{self, MAILTO_LIMIT};
use scriptorium_core::storage::teachers::{self, TeacherEntry};
use scriptorium_core::storage::tutors::{self, NewTutor};
use scriptorium_core::storage::{open_in_memory, settings, write, Actor};
use scriptorium_core::vocabulary::ConsentLevel;

const PRIVATE: &str = "PRIVATE tutor note: parents divorcing";

fn at(day: u32, hm: (u32, u32)) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(hm.0, hm.1, 0).unwrap()
}

struct School {
    conn: Connection,
    writers: Vec<i64>,
    tutor: i64,
    okafor: i64,
}

fn school() -> School {
    let mut conn = open_in_memory().unwrap();
    let (writers, tutor, okafor) = write(&mut conn, |tx| {
        let writers = ["Priya Natarajan", "Pedro Alvarez", "Ana Lima"]
            .iter()
            .map(|name| {
                let (first, last) = name.split_once(' ').unwrap();
                let new = NewStudent {
                    first_name: first.into(),
                    last_name: last.into(),
                    grade: Some(9),
                    ..Default::default()
                };
                students::add(tx, &new, Actor::Director, at(2, (8, 0))).map(|s| s.id)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let tutor = NewTutor { name: "Sam Rivera".into(), kind: "peer".into(), institution_id: None };
        let tutor = tutors::add(tx, &tutor, Actor::Director, at(2, (8, 0)))?.id;
        let okafor = TeacherEntry {
            name: "Ms. Okafor".into(),
            department: "English".into(),
            email: "okafor@school.example".into(),
            courses: "English 9".into(),
            ..Default::default()
        };
        let okafor = teachers::add(tx, &okafor, at(2, (8, 0)))?;
        Ok((writers, tutor, okafor))
    })
    .unwrap();
    School { conn, writers, tutor, okafor }
}

/// A session for Ms. Okafor's course on 2026-11-16, with notes, at a consent level.
fn session(school: &mut School, writer: usize, consent: ConsentLevel, next_steps: &str) -> i64 {
    let log = SessionLog {
        student_id: school.writers[writer],
        tutor_ids: vec![school.tutor],
        date: "2026-11-16".into(),
        start_time: "10:00".into(),
        end_time: "10:35".into(),
        mode: "in_person".into(),
        course: "English 9".into(),
        teacher_name: "Ms. Okafor".into(),
        assignment_type: "Research paper".into(),
        writing_stage: "Revising".into(),
        concerns: vec!["Citations".into(), "Thesis or claim".into()],
        notes: PRIVATE.into(),
        next_steps: next_steps.into(),
        consent: consent.stored().into(),
        ..Default::default()
    };
    write(&mut school.conn, |tx| sessions::log(tx, &log, Actor::Director, at(20, (9, 0)))).unwrap()
}

fn decoded(uri: &str) -> String {
    let mut out = Vec::new();
    let bytes = uri.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&uri[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_consent_level_decides_what_a_teacher_reads_and_notes_never_leave() {
    let mut school = school();
    let not_shared = session(&mut school, 0, ConsentLevel::NotShared, "Add a counterargument");
    let attendance = session(&mut school, 1, ConsentLevel::Attendance, "Add a counterargument");
    let full = session(&mut school, 2, ConsentLevel::AttendanceSummary, "Add a counterargument");
    let conn = &school.conn;

    let refused = teacher_reports::visit(conn, not_shared).unwrap_err().to_string();
    assert!(refused.starts_with("Priya Natarajan chose not to share this visit with a teacher."), "{refused}");
    assert!(teacher_reports::visit_mail(conn, not_shared).is_err());

    let only_attendance = teacher_reports::visit(conn, attendance).unwrap();
    assert_eq!(
        (
            only_attendance.date.as_str(),
            only_attendance.time_in.as_str(),
            only_attendance.time_out.as_str(),
            only_attendance.minutes
        ),
        ("2026-11-16", "10:00", "10:35", 35)
    );
    assert_eq!((only_attendance.summary, only_attendance.next_steps), (None, None));
    let mail = teacher_reports::visit_mail(conn, attendance).unwrap();
    assert_eq!(mail.to, "okafor@school.example");
    assert!(mail.body.starts_with(
        "Pedro Alvarez visited the Writing Center on 2026-11-16, 10:00–10:35 (35 minutes), with Sam Rivera."
    ));
    assert!(!mail.body.contains("Worked on") && !mail.body.contains("counterargument"), "{}", mail.body);
    // Once the school is named, the teacher reads which school's center the writer visited.
    let mut named = settings::stats_settings(conn).unwrap();
    named.school_name = "Lincoln High".into();
    settings::set_stats_settings(conn, &named).unwrap();
    let mail = teacher_reports::visit_mail(conn, attendance).unwrap();
    assert!(
        mail.subject.starts_with("Lincoln High Writing Center visit: Pedro Alvarez, 2026-11-16"),
        "{}",
        mail.subject
    );
    assert!(
        mail.body.starts_with("Pedro Alvarez visited the Lincoln High Writing Center on 2026-11-16"),
        "{}",
        mail.body
    );
    assert_eq!(teacher_reports::visit(conn, attendance).unwrap().center, "Lincoln High Writing Center");

    let with_summary = teacher_reports::visit(conn, full).unwrap();
    let summary = with_summary.summary.clone().unwrap();
    assert_eq!((summary.assignment_type.as_str(), summary.writing_stage.as_str()), ("Research paper", "Revising"));
    assert_eq!(summary.concerns, ["Citations", "Thesis or claim"]);
    let mail = teacher_reports::visit_mail(conn, full).unwrap();
    assert!(
        mail.body.contains("Worked on: Research paper for English 9, revising; citations, thesis or claim."),
        "{}",
        mail.body
    );
    assert!(mail.body.contains("Next steps: Add a counterargument"));
    let uri = mail.uri.clone().unwrap();
    assert!(
        uri.starts_with(
            "mailto:okafor@school.example?subject=Lincoln%20High%20Writing%20Center%20visit%3A%20Ana%20Lima%2C%202026-11-16&body="
        ),
        "{uri}"
    );
    assert_eq!(
        decoded(&uri),
        format!("mailto:okafor@school.example?subject={}&body={}", mail.subject, mail.body.replace('\n', "\r\n"))
    );

    // The proof of visit: date, time and tutor only, whatever was agreed.
    for session in [not_shared, attendance, full] {
        let proof = teacher_reports::proof_of_visit(conn, session).unwrap();
        assert_eq!((proof.minutes, proof.summary, proof.next_steps, proof.course.as_str()), (0, None, None, ""));
        assert_eq!(proof.tutor, "Sam Rivera");
    }

    // Notes never appear: not in any report, mail, link or digest, at any level.
    let digest = teacher_reports::digest(conn, school.okafor, NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()).unwrap();
    let mut everything = serde_json::to_string(&digest).unwrap();
    for session in [not_shared, attendance, full] {
        everything += &serde_json::to_string(&teacher_reports::proof_of_visit(conn, session).unwrap()).unwrap();
        if let Ok(report) = teacher_reports::visit(conn, session) {
            everything += &serde_json::to_string(&report).unwrap();
            let mail = teacher_reports::visit_mail(conn, session).unwrap();
            everything += &format!("{}{}{}", mail.body, mail.subject, decoded(&mail.uri.unwrap()));
        }
    }
    everything += &decoded(digest.mail.as_ref().unwrap().uri.as_ref().unwrap());
    assert!(!everything.contains("PRIVATE") && !everything.contains("divorcing"), "a note leaked");

    // The digest lists the two consenting writers, each at their level, and not Priya.
    let listed: Vec<(&str, ConsentLevel)> = digest.visits.iter().map(|v| (v.writer.as_str(), v.level)).collect();
    assert_eq!(listed, [("Pedro Alvarez", ConsentLevel::Attendance), ("Ana Lima", ConsentLevel::AttendanceSummary)]);
    let digest_text =
        serde_json::to_string(&digest).unwrap() + &decoded(digest.mail.as_ref().unwrap().uri.as_ref().unwrap());
    assert!(!digest_text.contains("Priya"), "a writer who shared nothing is never named in a digest");
    assert_eq!(digest.center, "Lincoln High Writing Center");
    assert_eq!(digest.mail.unwrap().subject, "Lincoln High Writing Center visits, week of 2026-11-16");
}

#[test]
fn a_message_too_long_for_a_mail_link_is_offered_to_copy_instead() {
    let mut school = school();
    // 1,000 characters (the most next steps can hold), each 6 characters once encoded.
    let long = "é".repeat(1000);
    let session = session(&mut school, 0, ConsentLevel::AttendanceSummary, &long);
    let mail = teacher_reports::visit_mail(&school.conn, session).unwrap();
    assert_eq!(mail.uri, None, "an encoded body over {MAILTO_LIMIT} characters");
    assert!(mail.body.contains(&long), "the text to copy is whole");
}

#[test]
fn the_director_keeps_teachers_briefs_and_referrals_with_precise_refusals() {
    let mut school = school();
    let okafor = school.okafor;
    let now = at(16, (8, 0));
    for (entry, message) in [
        (
            TeacherEntry { name: "Mr. Brown".into(), email: "brown at school".into(), ..Default::default() },
            "\"brown at school\" is not an email address.",
        ),
        (
            TeacherEntry { name: "ms. okafor".into(), ..Default::default() },
            "There is already a teacher called ms. okafor.",
        ),
        (TeacherEntry { name: " ".into(), ..Default::default() }, "Teacher name is required."),
        (
            TeacherEntry { name: "Mr. Brown".into(), department: "Basket weaving".into(), ..Default::default() },
            "Department \"Basket weaving\" is not on the school's list",
        ),
    ] {
        let err = write(&mut school.conn, |tx| teachers::add(tx, &entry, now)).unwrap_err();
        assert!(err.to_string().starts_with(message), "{err}");
    }

    let brief = |due: &str, from: &str| NewBrief {
        teacher_id: okafor,
        course: "English 9".into(),
        title: "Research paper on a local issue".into(),
        focus: "Thesis and sources".into(),
        due_date: due.into(),
        from: from.into(),
        earns_credit: true,
        ..Default::default()
    };
    let err = write(&mut school.conn, |tx| briefs::add(tx, &brief("2026-11-10", "2026-11-12"), now)).unwrap_err();
    assert_eq!(err.to_string(), "The due date 2026-11-10 is before the window starts (2026-11-12).");
    let added = write(&mut school.conn, |tx| briefs::add(tx, &brief("2026-11-27", ""), now)).unwrap();
    assert_eq!((added.from.as_str(), added.until.as_str()), ("2026-11-16", "2026-11-27"), "from today until due");

    let day = |d: u32| clock::day_number(NaiveDate::from_ymd_opt(2026, 11, d).unwrap());
    let shown = |conn: &Connection, teacher: &str, course: &str, writer: i64, d: u32| {
        briefs::for_session(conn, teacher, course, writer, day(d)).unwrap().len()
    };
    let (priya, pedro) = (school.writers[0], school.writers[1]);
    assert_eq!(shown(&school.conn, "ms. okafor", "", pedro, 17), 1, "named teacher");
    assert_eq!(shown(&school.conn, "", "english 9", pedro, 17), 1, "named course");
    assert_eq!(shown(&school.conn, "", "", pedro, 17), 0, "nothing named");
    assert_eq!(shown(&school.conn, "Ms. Okafor", "", pedro, 28), 0, "after the window");

    let referral = NewReferral {
        teacher_id: okafor,
        student_id: priya,
        brief_id: Some(added.id),
        note: "Struggling with sources".into(),
        ..Default::default()
    };
    write(&mut school.conn, |tx| referrals::add(tx, &referral, now)).unwrap();
    assert_eq!(shown(&school.conn, "", "", priya, 17), 1, "a referred writer's brief shows with nothing named");
    let open = referrals::open_for_student(&school.conn, priya, day(16)).unwrap();
    assert_eq!((open.len(), open[0].brief_title.as_deref()), (1, Some("Research paper on a local issue")));
    let future = NewReferral { teacher_id: okafor, student_id: pedro, date: "2026-12-01".into(), ..Default::default() };
    let err = write(&mut school.conn, |tx| referrals::add(tx, &future, now)).unwrap_err();
    assert_eq!(err.to_string(), "Referred on 2026-12-01 is in the future.");

    let week = Days::week(day(16));
    assert_eq!(referrals::followed_by_teacher(&school.conn, week).unwrap()[0].followed, 0);
    session(&mut school, 0, ConsentLevel::NotShared, "");
    assert!(referrals::open_for_student(&school.conn, priya, day(17)).unwrap().is_empty(), "followed by a session");
    let followed = &referrals::followed_by_teacher(&school.conn, week).unwrap()[0];
    assert_eq!((followed.teacher_name.as_str(), followed.referrals, followed.followed), ("Ms. Okafor", 1, 1));
    let listed = teachers::directory(&school.conn, week).unwrap();
    assert_eq!((listed[0].name.as_str(), listed[0].referrals, listed[0].visits), ("Ms. Okafor", 1, 1));
}

proptest::proptest! {
    /// Whatever is typed as a teacher's email, nothing panics, and what is kept is one address
    /// whose link can't carry a second recipient or header.
    #[test]
    fn a_typed_email_is_kept_only_as_one_plain_address(typed in "[a-z.@ ?&=%,;:<>\"]{0,24}|\\PC{0,30}") {
        if let Ok(kept) = scriptorium_core::text::email("Email", &typed) {
            proptest::prop_assert!(kept.is_empty() || kept.matches('@').count() == 1);
            proptest::prop_assert!(!kept.contains(|c: char| c.is_whitespace() || "?&=%,;:<>\"".contains(c)), "{kept}");
        }
    }
}

#[test]
fn a_teacher_list_imports_through_the_roster_reader_with_each_bad_row_rejected() {
    use scriptorium_core::storage::teacher_roster;
    let mut school = school();
    let csv = "Teacher Name,Dept,E-mail,Courses\n\
               Mr. Brown,Science,brown@school.example,Biology\n\
               ms. okafor,English,okafor@school.example,\"English 9, English 10\"\n\
               Ms. Chen,Math,chen at school,Algebra\n\
               Mr. Brown,Science,,\n\
               Dr. Who,Time travel,,\n";
    let preview = teacher_roster::preview(&school.conn, csv.as_bytes()).unwrap();
    assert_eq!(
        (preview.counts.added, preview.counts.updated, preview.counts.rejected),
        (1, 1, 3),
        "{:?}",
        preview.rows
    );
    let reasons: Vec<String> = preview.rows.iter().filter_map(|r| r.reason.clone()).collect();
    assert!(reasons[0].contains("\"chen at school\" is not an email address."), "{reasons:?}");
    assert!(reasons[1].contains("Mr. Brown already appears on line 2."), "{reasons:?}");
    assert!(reasons[2].starts_with("Department \"Time travel\" is not on the school's list"), "{reasons:?}");
    write(&mut school.conn, |tx| teacher_roster::import(tx, csv.as_bytes(), at(16, (8, 0)))).unwrap();
    let listed = teachers::directory(&school.conn, Days::week(0)).unwrap();
    let okafor = listed.iter().find(|t| t.id == school.okafor).unwrap();
    assert_eq!((okafor.name.as_str(), okafor.courses.as_str()), ("ms. okafor", "English 9, English 10"));
    assert!(listed.iter().any(|t| t.name == "Mr. Brown" && t.email == "brown@school.example"));
    assert_eq!(listed.len(), 2, "the rejected rows wrote nothing");
}

#[test]
fn the_desk_prepares_slips_and_mail_for_todays_sessions_only() {
    let mut school = school();
    let session = session(&mut school, 1, ConsentLevel::Attendance, "");
    let on = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    assert!(teacher_reports::logged_today(&school.conn, session, on(16)).is_ok());
    let err = teacher_reports::logged_today(&school.conn, session, on(17)).unwrap_err();
    assert_eq!(err.to_string(), "The desk prepares slips and mail for today's sessions only.");
    assert_eq!(
        teacher_reports::logged_today(&school.conn, 999, on(16)).unwrap_err().to_string(),
        "No session with id 999."
    );
}
