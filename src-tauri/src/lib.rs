//! Scriptorium: the daily operations of a secondary school peer writing center, offline on one
//! machine. This crate is the window's shell: it builds the app and adapts commands; the rules
//! live in `scriptorium-core`.

mod commands;

use std::path::{Path, PathBuf};

use scriptorium_core::{clock, db, demo, director_lock, error, DATA_DIR_ENV};
use tauri::Manager;

/// Where this run keeps its data, known before the app starts: the database opens while GTK and
/// WebKit start, and the single-instance name follows the folder.
enum DataDir {
    /// This user's data folder: `$XDG_DATA_HOME/<identifier>` (usually
    /// `~/.local/share/org.scriptorium.writingcenter`), where Tauri's app data folder is.
    Default(PathBuf),
    Chosen(PathBuf),
    /// A throwaway copy of the demo school, removed on exit.
    Demo(PathBuf),
}

impl DataDir {
    fn choose(identifier: &str) -> error::Result<DataDir> {
        if std::env::args().any(|arg| arg == demo::DEMO_FLAG) {
            return Ok(DataDir::Demo(demo::prepare(clock::now().date())?));
        }
        Ok(match std::env::var_os(DATA_DIR_ENV) {
            Some(dir) if !dir.is_empty() => DataDir::Chosen(PathBuf::from(dir)),
            _ => DataDir::Default(
                dirs::data_dir()
                    .ok_or_else(|| std::io::Error::other("this user has no data folder (HOME is not set)"))?
                    .join(identifier),
            ),
        })
    }

    fn path(&self) -> &Path {
        match self {
            DataDir::Default(dir) | DataDir::Chosen(dir) | DataDir::Demo(dir) => dir,
        }
    }

    /// One running app per data folder: the app's own single-instance name for the default
    /// folder, one derived from the folder otherwise (tests, demos, a second school).
    #[cfg(target_os = "linux")]
    fn single_instance_id(&self) -> Option<String> {
        let (DataDir::Chosen(dir) | DataDir::Demo(dir)) = self else { return None };
        Some(single_instance_name(dir))
    }
}

/// The D-Bus name that keeps one app per data folder. It must be the same for the same folder
/// in every build, so it is FNV-1a of the path's bytes (a fixed algorithm), not `DefaultHasher`,
/// which Rust may change between versions.
#[cfg(target_os = "linux")]
fn single_instance_name(dir: &Path) -> String {
    let hash =
        dir.as_os_str().as_encoded_bytes().iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    format!("org.scriptorium.writingcenter.data{hash:016x}")
}

/// Takes today's backup shortly after startup and checks again every hour, so a machine left
/// running for days still gets one a day. The first one waits until the window is up: on a
/// two-core machine the copy and its check (~0.4 s of CPU for a ten-year school) would otherwise
/// compete with WebKit starting. A failure is reported on stderr and shows in Settings as a
/// missing day.
fn keep_daily_backups(app: tauri::AppHandle) {
    const AFTER_STARTUP: std::time::Duration = std::time::Duration::from_secs(5);
    std::thread::spawn(move || {
        std::thread::sleep(AFTER_STARTUP);
        loop {
            if let Err(err) = app.state::<db::Db>().daily_backup(clock::now().date()) {
                eprintln!("Scriptorium: the automatic backup failed: {err}");
            }
            std::thread::sleep(std::time::Duration::from_secs(60 * 60));
        }
    });
}

/// Forms and tables need no GPU compositing. Without it WebKit paints on the CPU and keeps no
/// compositing layers or GL buffers (software OpenGL on machines without a usable GPU): measured
/// on the demo school, total memory fell from 322 to 222 MiB and the slowest `invoke` round trips
/// from 15 to 6 ms. Set before GTK starts, and only if the person running the app has not chosen
/// otherwise.
#[cfg(target_os = "linux")]
fn render_without_compositing() {
    set_env_unless_chosen("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
}

/// The page's scripts are small and mostly wait on `invoke`, so JavaScriptCore's interpreter is
/// enough. Its JIT tiers kept compiled code and compiler memory in the web process: without them
/// the demo school's web process used 12 MB less after 1,000 sign-ins and logs, launch and
/// `invoke` times did not get slower (docs/BENCHMARKS.md), and the page has no memory that is
/// both writable and executable.
#[cfg(target_os = "linux")]
fn interpret_javascript_without_jit() {
    set_env_unless_chosen("JSC_useJIT", "0");
}

/// glibc gives threads that allocate their own malloc arenas (up to eight per core), and memory
/// freed across them is seldom returned: over 6,000 simulated sign-ins and logs the app grew by
/// ~1.8 MiB per 1,000 and kept growing; with one arena it grows ~0.7 MB per 1,000 and levels off
/// (docs/BENCHMARKS.md), and the `invoke` latency did not change: a desk app's few threads
/// hardly contend. WebKit's processes, which the app starts, get the same cap through the
/// environment unless the person running the app set one.
#[cfg(target_os = "linux")]
fn use_one_malloc_arena() {
    #[cfg(target_env = "gnu")]
    // SAFETY: mallopt only changes allocator tuning; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
    set_env_unless_chosen("MALLOC_ARENA_MAX", "1");
}

/// Sets a variable for this process and the WebKit processes it starts, unless the person running
/// the app set it already. Only before other threads exist: the environment is not thread-safe.
#[cfg(target_os = "linux")]
fn set_env_unless_chosen(name: &str, value: &str) {
    if std::env::var_os(name).is_none() {
        std::env::set_var(name, value);
    }
}

pub fn run() {
    // WebKitGTK and glibc settings: WebView2 (Windows) and WKWebView (macOS) take none of them.
    #[cfg(target_os = "linux")]
    {
        use_one_malloc_arena();
        render_without_compositing();
        interpret_javascript_without_jit();
    }
    let context = tauri::generate_context!();
    let data_dir = match DataDir::choose(&context.config().identifier) {
        Ok(data_dir) => data_dir,
        Err(err) => {
            eprintln!("Scriptorium could not prepare its data folder: {err}");
            std::process::exit(1);
        }
    };
    let db = db::Db::open(data_dir.path());
    let single_instance = tauri_plugin_single_instance::Builder::new().callback(|app, _args, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.set_focus();
        }
    });
    // On Linux one app per data folder (a D-Bus name); Windows and macOS keep one per computer.
    #[cfg(target_os = "linux")]
    let single_instance = match data_dir.single_instance_id() {
        Some(id) => single_instance.dbus_id(id),
        None => single_instance,
    };
    let demo_dir = match &data_dir {
        DataDir::Demo(dir) => Some(dir.clone()),
        _ => None,
    };
    tauri::Builder::default()
        .plugin(single_instance.build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(db)
        .manage(director_lock::DirectorLock::default())
        .setup(|app| {
            keep_daily_backups(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::startup_check,
            commands::app::first_run_checklist,
            commands::appointments::bell_periods,
            commands::appointments::appointments_on,
            commands::appointments::book_appointment,
            commands::appointments::book_appointment_as_director,
            commands::appointments::cancel_appointment,
            commands::appointments::mark_appointment_missed,
            commands::appointments::appointment_week,
            commands::appointments::add_to_waitlist,
            commands::appointments::waitlist_on,
            commands::appointments::withdraw_from_waitlist,
            commands::appointments::availability_exceptions,
            commands::appointments::add_availability_exception,
            commands::appointments::remove_availability_exception,
            commands::appointments::list_terms,
            commands::appointments::add_term,
            commands::appointments::close_term_day,
            commands::appointments::tutor_availability,
            commands::appointments::set_tutor_availability,
            commands::appointments::appointment_rules,
            commands::appointments::set_appointment_rules,
            commands::backups::list_backups,
            commands::backups::newest_good_backup,
            commands::backups::inspect_backup,
            commands::backups::restore_backup,
            commands::backups::backup_now,
            commands::director::director_status,
            commands::director::set_director_pin,
            commands::director::change_director_pin,
            commands::director::reset_director_pin,
            commands::director::unlock_director,
            commands::director::lock_director,
            commands::director::set_auto_lock_minutes,
            commands::stats::weekly_dashboard,
            commands::stats::stats_settings,
            commands::stats::save_stats_settings,
            commands::records::add_past_session,
            commands::records::list_sessions,
            commands::records::session_for_edit,
            commands::records::correct_session,
            commands::records::delete_session,
            commands::records::record_history,
            commands::roster::preview_roster,
            commands::roster::import_roster,
            commands::roster::preview_tutor_roster,
            commands::roster::import_tutor_roster,
            commands::roster::preview_teacher_roster,
            commands::roster::roster_sheets,
            commands::roster::import_teacher_roster,
            commands::partners::list_institutions,
            commands::partners::add_institution,
            commands::partners::list_contacts,
            commands::partners::add_contact,
            commands::partners::list_activities,
            commands::partners::add_activity,
            commands::partners::follow_ups_this_week,
            commands::partners::data_sharing_agreement,
            commands::partners::record_data_sharing_agreement,
            commands::partners::end_data_sharing_agreement,
            commands::departments::list_departments,
            commands::departments::add_department,
            commands::departments::remove_department,
            commands::reports::export_folder,
            commands::reports::preview_deidentified_sessions,
            commands::reports::export_deidentified_sessions,
            commands::reports::export_activities,
            commands::reports::export_weekly_summary,
            commands::reports::export_service_hours,
            commands::reports::export_identified_sessions,
            commands::reports::school_year_so_far,
            commands::reports::suppression_threshold,
            commands::reports::set_suppression_threshold,
            commands::students::add_student,
            commands::students::list_students,
            commands::students::set_student_active,
            commands::students::list_visits,
            commands::desk::search_writers,
            commands::desk::sign_in,
            commands::desk::sign_in_by_number,
            commands::desk::quick_add_and_sign_in,
            commands::desk::set_visit_request,
            commands::desk::desk_queue,
            commands::desk::start_session,
            commands::desk::mark_left,
            commands::desk::log_session,
            commands::tutors::list_tutors,
            commands::tutors::add_tutor,
            commands::tutors::set_tutor_institution,
            commands::tutors::clock_in,
            commands::tutors::clock_out,
            commands::tutors::auto_closed_shifts,
            commands::tutors::set_shift_end,
            commands::tutors::list_teachers,
            commands::group_work::list_events,
            commands::group_work::add_event,
            commands::group_work::correct_event,
            commands::group_work::delete_event,
            commands::group_work::log_tutor_hours,
            commands::group_work::add_tutor_hours,
            commands::group_work::waiting_tutor_hours,
            commands::group_work::approve_tutor_hours,
            commands::group_work::decline_tutor_hours,
            commands::group_work::service_record,
            commands::group_work::peer_service_records,
            commands::group_work::feedback_asked,
            commands::group_work::set_feedback_asked,
            commands::group_work::record_feedback,
            commands::teachers::teacher_directory,
            commands::teachers::add_teacher,
            commands::teachers::update_teacher,
            commands::teachers::teacher_briefs,
            commands::teachers::add_brief,
            commands::teachers::teacher_referrals,
            commands::teachers::add_referral,
            commands::teachers::briefs_for_session,
            commands::teachers::visit_slip,
            commands::teachers::send_visit_to_teacher,
            commands::teachers::teacher_digest,
            commands::teachers::send_teacher_digest,
            commands::tutors::vocabulary,
        ])
        .build(context)
        .expect("Scriptorium could not start its window")
        .run(move |_, event| {
            if let (tauri::RunEvent::Exit, Some(dir)) = (event, &demo_dir) {
                demo::remove(dir);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn the_single_instance_name_is_fixed_for_a_folder() {
        // FNV-1a's published test vectors: "" and "a".
        assert_eq!(single_instance_name(Path::new("")), "org.scriptorium.writingcenter.datacbf29ce484222325");
        assert_eq!(single_instance_name(Path::new("a")), "org.scriptorium.writingcenter.dataaf63dc4c8601ec8c");
        assert_ne!(single_instance_name(Path::new("/srv/a")), single_instance_name(Path::new("/srv/b")));
    }
}
