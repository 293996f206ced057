//! Scriptorium's core: everything the app knows about a writing center, with no window. Storage
//! (all SQL), partner exports, the clock, text rules, the vocabulary, the database handle, the
//! director-lock rules and the synthetic school live here; the Tauri shell in `src-tauri` only
//! adapts commands to these functions, and tests and benches build on this crate alone.

pub mod clock;
pub mod db;
pub mod demo;
pub mod director_lock;
mod durable;
pub mod error;
pub mod export;
pub mod pin_strength;
pub mod private_files;
pub mod storage;
pub mod synthetic;
pub mod text;
pub mod vocabulary;

/// Overrides the data directory (tests, scripts, a second school on one machine).
pub const DATA_DIR_ENV: &str = "SCRIPTORIUM_DATA_DIR";
