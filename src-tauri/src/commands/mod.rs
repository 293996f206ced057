//! Tauri commands: thin adapters from the window to the storage layer. Each one takes state,
//! calls the core and returns `Result<T, Error>`; they are `async` so the window never waits
//! on the disk. Director-only commands call `DirectorLock::check` first.

pub mod app;
pub mod appointments;
pub mod backups;
pub mod departments;
pub mod desk;
pub mod director;
pub mod group_work;
pub mod partners;
pub mod records;
pub mod reports;
pub mod roster;
pub mod stats;
pub mod students;
pub mod teachers;
pub mod tutors;

/// A page of a long list as the window asks for it, kept within bounds: 1 to 1,000 rows, from
/// row 0 on.
fn page_bounds(limit: i64, offset: i64) -> (i64, i64) {
    (limit.clamp(1, 1000), offset.max(0))
}
