//! Screenshots of the window, each audited for accessibility first.

use std::path::Path;

use super::App;

impl App {
    /// Audits the page for accessibility (`axe.rs`), then saves a screenshot of the window to
    /// target/e2e/<test>-<n>-<label>.png.
    pub async fn screenshot(&mut self, label: &str) {
        self.assert_accessible(label).await;
        // Two animation frames, so the shot shows the frame just rendered. Then, since the app
        // renders without compositing, WebKit takes the shot after its next paint, and a still page
        // (no caret blinking) never paints again: a transparent pixel repaints until the shot is in.
        self.client
            .execute_async(
                "const done = arguments[0];
                 const pixel = document.createElement('div');
                 pixel.id = 'screenshot-repaint';
                 pixel.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none';
                 document.body.append(pixel);
                 let tick = 0;
                 pixel.dataset.timer = setInterval(() => {
                   pixel.style.backgroundColor = (tick ^= 1) ? 'rgba(255,255,255,0)' : 'rgba(0,0,0,0)';
                 }, 20);
                 requestAnimationFrame(() => requestAnimationFrame(done));",
                vec![],
            )
            .await
            .unwrap();
        let png = self.client.screenshot().await.unwrap();
        self.client
            .execute(
                // Gone if the page reloaded meanwhile (a restore does), and its timer with it.
                "const pixel = document.getElementById('screenshot-repaint');
                 if (pixel) { clearInterval(Number(pixel.dataset.timer)); pixel.remove(); }",
                vec![],
            )
            .await
            .unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
        std::fs::create_dir_all(&dir).unwrap();
        self.shots += 1;
        std::fs::write(dir.join(format!("{}-{:02}-{label}.png", self.name, self.shots)), png).unwrap();
    }
}
