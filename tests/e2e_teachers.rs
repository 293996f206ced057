//! End-to-end: teachers in the loop through the window. The director adds a teacher (a wrong
//! email refused) and a brief (a due date before its window refused); at the desk the brief
//! shows beside the session form when the writer names the teacher; the session is logged with
//! "attendance, summary and next steps" consent; "Send to teacher" produces the mail link (read
//! from the test hook's file instead of a mail program) and an audit line; the visit slip
//! prints; the week's digest lists the writer who agreed and not the one who didn't; and a
//! teacher list imports with its bad row rejected.

mod support;

use chrono::{Duration, Local};
use serde_json::json;
use support::{week_fixture, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_teacher_a_brief_a_consented_visit_sent_and_printed_and_a_digest_of_who_agreed() {
    let dir = week_fixture::data_dir("teachers");
    {
        use scriptorium_core::storage::{self, settings, shifts, write};
        let mut conn = storage::open(&dir.join(storage::DATABASE_FILE)).unwrap();
        // Today's shift, even just after midnight (an earlier day's shift is closed at startup).
        let now = Local::now().naive_local();
        let clocked_in = (now - Duration::minutes(30)).max(now.date().and_hms_opt(0, 0, 0).unwrap());
        write(&mut conn, |tx| {
            let _ = shifts::clock_in(tx, 1, clocked_in);
            // A named school: what a teacher receives says which school's center it is from.
            let mut school = settings::stats_settings(tx)?;
            school.school_name = "Lincoln High".into();
            settings::set_stats_settings(tx, &school)
        })
        .unwrap();
    }
    let mail_log = dir.join("mailto.log");
    let mut app =
        App::launch_with("teachers", dir, &[], &[("SCRIPTORIUM_MAILTO_LOG", mail_log.to_str().unwrap())]).await;
    let today = Local::now().date_naive();

    // Records → Teachers: a teacher (a wrong email refused first) and a brief.
    app.unlock_director("records", "271828").await;
    app.scroll_to("#add-teacher").await;
    app.type_into("#add-teacher [name=name]", "Ms. Okafor").await;
    app.find("#add-teacher [name=department]").await.select_by_label("English").await.unwrap();
    app.type_into("#add-teacher [name=email]", "okafor at school").await;
    app.type_into("#add-teacher [name=courses]", "English 9").await;
    app.click("#add-teacher button[type=submit]").await;
    app.wait_for_text("#add-teacher .form-message", "\"okafor at school\" is not an email address.").await;
    app.replace_text("#add-teacher [name=email]", "okafor@school.example").await;
    app.click("#add-teacher button[type=submit]").await;
    app.wait_for_text("#teachers-table", "okafor@school.example").await;
    app.click("button[aria-label='Open Ms. Okafor']").await;
    app.wait_for("#add-brief").await;
    app.scroll_to("#add-brief").await;
    app.type_into("#add-brief [name=course]", "English 9").await;
    app.type_into("#add-brief [name=title]", "Research paper on a local issue").await;
    app.type_into("#add-brief [name=dueDate]", &(today - Duration::days(1)).to_string()).await;
    app.type_into("#add-brief [name=focus]", "Thesis and at least three sources").await;
    app.click("#add-brief [name=earnsCredit]").await;
    app.click("#add-brief button[type=submit]").await;
    app.wait_for_text("#add-brief .form-message", "is before the window starts").await;
    app.replace_text("#add-brief [name=dueDate]", &(today + Duration::days(10)).to_string()).await;
    app.click("#add-brief button[type=submit]").await;
    app.wait_for_text("#teacher-briefs", "Research paper on a local issue").await;
    app.screenshot("teacher-and-brief").await;
    // Ms. Okafor refers A with that brief.
    app.wait_for("#add-referral").await;
    app.scroll_to("#add-referral").await;
    app.type_into("#add-referral [name=writer]", "A Fixture").await;
    app.wait_for_text("#add-referral [name=studentId]", "Fixture, A").await;
    app.find("#add-referral [name=briefId]").await.select_by_label("Research paper on a local issue").await.unwrap();
    app.type_into("#add-referral [name=note]", "Needs help with sources").await;
    app.click("#add-referral button[type=submit]").await;
    app.wait_for_text("#teacher-referrals", "A Fixture").await;

    // The desk: A names Ms. Okafor and the brief shows; the writer agrees to share a summary.
    app.go("desk").await;
    let card = app.fill_session_form("A Fixture", "Ms. Okafor", "attendance_summary").await;
    assert!(card.contains("Referred by Ms. Okafor") && card.contains("Needs help with sources"), "{card}");
    let brief = app.wait_for_text("#log-briefs", "Research paper on a local issue").await;
    assert!(brief.contains("Thesis and at least three sources") && brief.contains("earns credit"), "{brief}");
    app.scroll_to("#log-briefs").await;
    app.screenshot("brief-beside-the-form").await;
    app.click("#log-save").await;
    app.wait_for_text("#desk-message", "Session with A Fixture logged.").await;
    app.wait_for("#visit-slip-panel").await;

    // Send to teacher: the mail link, and the audit line.
    app.click("#send-to-teacher").await;
    app.wait_for_text("#desk-message", "A message to okafor@school.example opened in the mail program.").await;
    let uri = std::fs::read_to_string(&mail_log).unwrap();
    assert!(
        uri.starts_with(
            "mailto:okafor@school.example?subject=Lincoln%20High%20Writing%20Center%20visit%3A%20A%20Fixture%2C%20"
        ),
        "{uri}"
    );
    assert!(uri.contains("Next%20steps%3A%20Add%20two%20sources") && uri.contains("Research%20paper"), "{uri}");
    assert!(!uri.contains("PRIVATE") && !uri.contains("worried"), "notes never leave: {uri}");
    let audited: i64 = app
        .database()
        .query_row("SELECT count(*) FROM audit_log WHERE action = 'prepare_for_teacher'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, 1);

    // The visit slip, as it prints.
    app.no_print_dialog().await;
    app.click("#print-visit-slip").await;
    app.wait_for("#print-area #visit-slip").await;
    app.show_print_view("sheet").await;
    let slip = app.wait_for_text("#visit-slip", "Lincoln High Writing Center visit slip").await;
    assert!(slip.contains("A Fixture") && slip.contains("Add two sources") && !slip.contains("PRIVATE"), "{slip}");
    app.screenshot("printed-visit-slip").await;
    app.client.refresh().await.unwrap();

    // B shares nothing; the digest lists A only.
    app.fill_session_form("B Fixture", "Ms. Okafor", "not_shared").await;
    app.click("#log-save").await;
    app.wait_for_text("#desk-message", "Session with B Fixture logged.").await;
    app.click("#send-to-teacher").await;
    app.wait_for_text("#desk-message", "B Fixture chose not to share this visit with a teacher.").await;
    app.unlock_director("records", "271828").await;
    app.wait_for("button[aria-label='Open Ms. Okafor']").await;
    app.click("button[aria-label='Open Ms. Okafor']").await;
    app.wait_for("#teacher-digest").await;
    app.scroll_to("#teacher-digest").await;
    app.no_print_dialog().await;
    app.click("#print-digest").await;
    app.wait_for_text("#teacher-digest .form-message", "1 shared visit in the week of").await;
    app.wait_for("#print-area #digest-sheet").await;
    app.show_print_view("sheet").await;
    let digest = app.wait_for_text("#digest-sheet", "Lincoln High Writing Center visits for Ms. Okafor").await;
    assert!(digest.contains("A Fixture") && !digest.contains("B Fixture") && !digest.contains("PRIVATE"), "{digest}");
    app.screenshot("printed-digest").await;
    // A teacher list imports the same way as the rosters: a wrong email is rejected with its line.
    let list = app.data_dir.join("teachers.csv");
    std::fs::write(&list, "Name,Department,Email,Courses\nMr. Diaz,Science,diaz@school.example,Biology\nMs. Chen,Math,chen at school,Algebra\n").unwrap();
    app.client.refresh().await.unwrap();
    app.wait_for("#teacher-roster-choose").await;
    app.scroll_to("#teacher-roster").await;
    app.choose_file("#teacher-roster-choose", &list).await;
    app.click("#teacher-roster-preview").await;
    app.wait_for_text("#teacher-roster-counts", "Preview: 1 to add · 0 to update · 0 unchanged · 1 rejected.").await;
    app.wait_for_text("#teacher-roster-rows", "\"chen at school\" is not an email address.").await;
    app.click("#teacher-roster-import").await;
    app.wait_for_text("#teacher-roster-summary", "Imported: 1 added").await;
    app.wait_for_text("#teachers-table", "diaz@school.example").await;
    app.scroll_to("#teacher-roster").await;
    app.screenshot("teacher-list-imported").await;
    std::fs::remove_file(&list).unwrap();
    let consents = app.invoke("vocabulary", json!({})).await.unwrap()["consentLevels"].as_array().unwrap().len();
    assert_eq!(consents, 3);
    app.close().await;
}
