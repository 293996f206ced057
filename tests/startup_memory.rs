//! Startup time, memory, and commit latency as a person feels them, on the release build with
//! the demo school (run by `make measure`; ignored in `make test`, which uses the debug build):
//! - launch to first meaningful paint: from the app process starting to the first view's heading
//!   in the window (target ≤ 700 ms);
//! - total memory: PSS of the app and its WebKit processes after startup and after an hour-like
//!   loop of 1,000 sign-ins, starts and session logs through `invoke` (target ≤ 250 MB, no growth);
//! - sign-in and session-log commits through `invoke`, p50 / p99 (target p99 ≤ 5 ms).

mod support;

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fantoccini::wd::TimeoutConfiguration;
use serde_json::json;
use support::App;

/// The app's process and every process under it (WebKit's web and network processes).
fn process_tree(root: u32) -> Vec<u32> {
    let parent_of = |pid: u32| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        stat.rsplit(") ").next()?.split(' ').nth(1)?.parse().ok()
    };
    let all: Vec<u32> =
        std::fs::read_dir("/proc").unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect();
    let mut tree = vec![root];
    let mut grew = true;
    while grew {
        grew = false;
        for &pid in &all {
            if !tree.contains(&pid) && parent_of(pid).is_some_and(|parent| tree.contains(&parent)) {
                tree.push(pid);
                grew = true;
            }
        }
    }
    tree
}

fn pss_mib(pids: &[u32]) -> f64 {
    let kib: u64 = pids
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok())
        .flat_map(|text| {
            text.lines()
                .filter_map(|line| line.strip_prefix("Pss:")?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum();
    kib as f64 / 1024.0
}

/// The running app's pid: the process whose executable is the binary under test.
fn app_pid(binary: &Path) -> u32 {
    let binary = binary.canonicalize().unwrap();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| {
            let pid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
            (std::fs::read_link(format!("/proc/{pid}/exe")).ok()? == binary).then_some(pid)
        })
        .max()
        .expect("the app is running")
}

/// When the process started, in milliseconds since the epoch.
fn started_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let ticks: f64 = stat.rsplit(") ").next().unwrap().split(' ').nth(19).unwrap().parse().unwrap();
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").unwrap().split(' ').next().unwrap().parse().unwrap();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64();
    (now - uptime + ticks / 100.0) * 1000.0
}

const LOOP: &str = r#"
const [count, done] = arguments;
(async () => {
const { invoke } = window.__TAURI__.core;
const tutors = await invoke('list_tutors');
const tutor = tutors[0];
if (!tutor.onShiftSince) await invoke('clock_in', { tutorId: tutor.id });
const pad = (n) => String(n).padStart(2, '0');
const signIn = [], log = [];
for (let i = 0; i < count; i++) {
  let t = performance.now();
  const signed = await invoke('sign_in', { studentId: 1 + (i % 2000) });
  signIn.push(performance.now() - t);
  await invoke('start_session', { visitId: signed.visit.id, tutorId: tutor.id });
  const end = new Date(), start = new Date(end.getTime() - 30 * 60000);
  const day = `${end.getFullYear()}-${pad(end.getMonth() + 1)}-${pad(end.getDate())}`;
  t = performance.now();
  await invoke('log_session', { log: {
    studentId: signed.visit.studentId, visitId: signed.visit.id, tutorIds: [tutor.id], date: day,
    startTime: `${pad(start.getHours())}:${pad(start.getMinutes())}`, endTime: `${pad(end.getHours())}:${pad(end.getMinutes())}`,
    mode: 'in_person', assignmentType: 'Other', writingStage: 'Drafting', concerns: ['Organization'],
    notes: `Loop session ${i}`, nextSteps: 'Revise the second paragraph.' } });
  log.push(performance.now() - t);
  // Now and then the window changes view, as the desk does all day.
  if (i % 100 === 99) { location.hash = i % 200 === 99 ? '#/stats' : '#/desk'; await new Promise((r) => setTimeout(r, 50)); }
}
done({ signIn, log });
})().catch((error) => done({ error: String(error && error.message || error) }));
"#;

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)]
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "measures the release build: run with `make measure`"]
async fn startup_memory_and_commit_latency() {
    let binary = support::app_binary();
    let dir = std::env::temp_dir().join(format!("scriptorium-measure-{}", std::process::id()));
    // The first demo launch of the day builds the demo school; measure the next one.
    App::launch_with("measure-warm-up", dir.clone(), &["--demo"], &[]).await.close().await;

    let app = App::launch_with("measure", dir, &["--demo"], &[]).await;
    let pid = app_pid(&binary);
    let painted = loop {
        let found: bool = serde_json::from_value(
            app.client.execute("return !!document.querySelector('#view > h1')", vec![]).await.unwrap(),
        )
        .unwrap();
        if found {
            break SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let paint_ms = painted - started_ms(pid);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after_start = pss_mib(&process_tree(pid));

    app.client.update_timeouts(TimeoutConfiguration::new(Some(Duration::from_secs(600)), None, None)).await.unwrap();
    let result = app.client.execute_async(LOOP, vec![json!(1000)]).await.unwrap();
    assert!(result.get("error").is_none(), "the loop failed: {result}");
    let mut sign_in: Vec<f64> = serde_json::from_value(result["signIn"].clone()).unwrap();
    let mut log: Vec<f64> = serde_json::from_value(result["log"].clone()).unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after_loop = pss_mib(&process_tree(pid));

    println!("measure: launch to first meaningful paint {paint_ms:.0} ms (target ≤ 700 ms)");
    println!("measure: total PSS after startup {after_start:.0} MiB, after 1,000 sign-ins and logs {after_loop:.0} MiB (target ≤ 250 MiB, no growth)");
    println!(
        "measure: sign-in through invoke p50 {:.2} ms, p99 {:.2} ms; session log p50 {:.2} ms, p99 {:.2} ms (target p99 ≤ 5 ms)",
        percentile(&mut sign_in, 0.5),
        percentile(&mut sign_in, 0.99),
        percentile(&mut log, 0.5),
        percentile(&mut log, 0.99)
    );
    app.close().await;
}
