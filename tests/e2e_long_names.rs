//! End-to-end: the Records sessions table with the longest names a school sends, in the default
//! window. A long name must not push a row's buttons past the page's edge, where nothing could
//! reach them (the workspace does not scroll sideways).

mod support;

use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::tutors::{self, NewTutor};
use scriptorium_core::storage::{self, write, Actor};
use support::{week_fixture, App};

/// How far (in CSS pixels) the focused button ends past the edge of its card, and how far the
/// workspace itself is scrolled sideways.
async fn focused_overhang(app: &App) -> (f64, f64) {
    let script = "const button = document.activeElement;
         const card = button.closest('.card').getBoundingClientRect();
         return [button.getBoundingClientRect().right - card.right, document.querySelector('.workspace').scrollLeft];";
    let found = app.client.execute(script, vec![]).await.unwrap();
    (found[0].as_f64().unwrap(), found[1].as_f64().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_name_never_pushes_the_row_buttons_out_of_reach() {
    let dir = week_fixture::data_dir("long-names");
    {
        let mut conn = storage::open(&dir.join(storage::DATABASE_FILE)).unwrap();
        write(&mut conn, |tx| {
            let writer = NewStudent {
                student_number: Some("2024-0000123456".into()),
                first_name: "Maximiliana Anastasia".into(),
                last_name: "Wolfeschlegelsteinhausen-Bergerdorff".into(),
                preferred_name: Some("Maxi".into()),
                grade: Some(11),
                ..Default::default()
            };
            let writer = students::add(tx, &writer, Actor::Director, week_fixture::at("2026-11-01", "08:00"))?;
            let tutor = NewTutor {
                name: "Bartholomew Oluwaseun Castellanos-Vandenberghe".into(),
                kind: "peer".into(),
                ..Default::default()
            };
            let tutor = tutors::add(tx, &tutor, Actor::Director, week_fixture::at("2026-11-01", "08:00"))?;
            let log = SessionLog {
                student_id: writer.id,
                tutor_ids: vec![tutor.id],
                date: "2026-11-20".into(),
                start_time: "13:05".into(),
                end_time: "13:50".into(),
                mode: "in_person".into(),
                assignment_type: "Narrative or personal essay".into(),
                writing_stage: "Understanding the assignment".into(),
                concerns: vec!["Organization".into()],
                ..Default::default()
            };
            sessions::log(tx, &log, Actor::Director, week_fixture::at("2026-11-20", "14:00"))
        })
        .unwrap();
    }
    let mut app = App::launch_on("long-names", dir).await;
    app.unlock_director("records", "271828").await;
    app.type_into("#session-filters [name=writer]", "Wolfe").await;
    app.click("#session-filters button[type=submit]").await;
    app.wait_for_text("#sessions-table", "Wolfeschlegelsteinhausen").await;
    app.scroll_to("#sessions-table").await;
    app.screenshot("sessions-with-a-long-name").await;
    // Too wide for its card, the table scrolls inside it; Tab to Delete brings it into view.
    app.tab_to("#sessions-table tbody tr:first-child button.delete", false, 40).await;
    let (past, sideways) = focused_overhang(&app).await;
    assert!(past <= 0.0, "the focused Delete button ends {past} px past its card");
    assert_eq!(sideways, 0.0, "the page itself never scrolls sideways");
    app.screenshot("delete-in-view-once-focused").await;
    app.close().await;
}
