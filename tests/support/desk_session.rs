//! The desk's whole path to a logged session, as a tutor walks it: sign the writer in, start
//! the session, end it and fill the log form (saved by the caller, who may look at it first).

use chrono::{Duration, Local};

use super::{App, ENTER, ESCAPE, TAB};

impl App {
    /// Signs `writer` in, starts and ends their session and fills the form, naming `teacher` and
    /// choosing `consent`; returns the sign-in card's text.
    pub async fn fill_session_form(&self, writer: &str, teacher: &str, consent: &str) -> String {
        self.wait_for_focus("writer-search").await;
        self.press(writer).await;
        self.wait_for_text("#writer-results", writer).await;
        self.press(ENTER).await;
        let card = self.wait_for_text("#signin-card", &format!("{writer} is signed in")).await;
        self.press(ESCAPE).await;
        self.click("#queue-waiting li[data-visit-id] .start").await;
        self.wait_for("#queue-waiting .start-form select").await;
        self.press(ENTER).await;
        self.wait_for_text("#queue-in-session", writer).await;
        self.click("#queue-in-session .end").await;
        self.wait_for("#log-dialog[open]").await;
        let now = Local::now().naive_local();
        let start = (now - Duration::minutes(25)).max(now.date().and_hms_opt(0, 0, 0).unwrap());
        self.replace_text("#log-form [name=startTime]", &start.format("%H:%M").to_string()).await;
        self.replace_text("#log-form [name=endTime]", &now.format("%H:%M").to_string()).await;
        self.type_into("#log-form [name=teacherName]", teacher).await;
        self.press(TAB).await;
        self.find("#log-form [name=assignmentType]").await.select_by_label("Research paper").await.unwrap();
        self.find("#log-form [name=writingStage]").await.select_by_label("Revising").await.unwrap();
        self.click("#log-form input[value='Citations']").await;
        self.type_into("#log-form [name=notes]", "PRIVATE: worried about home").await;
        self.type_into("#log-form [name=nextSteps]", "Add two sources").await;
        self.scroll_to(&format!("#log-form input[name=consent][value={consent}]")).await;
        self.click(&format!("#log-form input[name=consent][value={consent}]")).await;
        card
    }
}
