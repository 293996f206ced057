//! Print views on screen: what a page would print, for a screenshot to show.

use serde_json::json;

use super::App;

impl App {
    /// `window.print()` would open the print dialog: the sheet it prints is looked at instead.
    pub async fn no_print_dialog(&self) {
        self.client.execute("window.print = () => {};", vec![]).await.unwrap();
    }

    /// The page's print rules applied to the screen with `body[data-printing]` set, so a
    /// screenshot shows what would print.
    pub async fn show_print_view(&self, printing: &str) {
        self.client
            .execute(
                "document.body.dataset.printing = arguments[0];
                 for (const sheet of document.styleSheets) for (const rule of sheet.cssRules)
                   if (rule.media && rule.media.mediaText === 'print') rule.media.appendMedium('screen');",
                vec![json!(printing)],
            )
            .await
            .unwrap();
    }
}
