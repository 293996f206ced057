//! Tauri commands: thin adapters from the window to the storage layer. Each one takes state,
//! calls the core and returns `Result<T, Error>`; they are `async` so the window never waits
//! on the disk. Director-only commands call `DirectorLock::check` first.

pub mod app;
pub mod backups;
pub mod desk;
pub mod director;
pub mod partners;
pub mod records;
pub mod reports;
pub mod roster;
pub mod stats;
pub mod students;
pub mod tutors;
