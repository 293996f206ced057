#![allow(dead_code)] // each bench builds the schools it needs

//! The synthetic schools benchmarks run on. They are built once (fixed seed) and kept in
//! target/bench-data/, keyed by schema and generator version, since building the
//! million-session one takes minutes.

use std::path::PathBuf;

use scriptorium_core::storage;
use scriptorium_core::synthetic::{self, SchoolSize};

pub fn school(name: &str, size: SchoolSize) -> rusqlite::Connection {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path =
        dir.join(format!("{name}-schema{}-generator{}.db", storage::SCHEMA_VERSION, synthetic::GENERATOR_VERSION));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut conn = storage::open(&partial).unwrap();
        // Building, not serving: a large cache keeps the one big transaction from spilling.
        conn.execute_batch("PRAGMA cache_size = -4000000; PRAGMA synchronous = OFF;").unwrap();
        synthetic::add_school(&mut conn, size, 42).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").unwrap();
        drop(conn);
        std::fs::rename(&partial, &path).unwrap();
    }
    let mut conn = storage::open(&path).unwrap();
    storage::write(&mut conn, storage::exports::ensure_pseudonym_secret).unwrap();
    conn
}

/// The demo school as `make run` shows it on `today`: its sessions up to then and its term of
/// appointments around it.
pub fn demo_school_on(today: chrono::NaiveDate) -> rusqlite::Connection {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "demo-on-{today}-schema{}-generator{}.db",
        storage::SCHEMA_VERSION,
        synthetic::GENERATOR_VERSION
    ));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut conn = storage::open(&partial).unwrap();
        conn.execute_batch("PRAGMA cache_size = -1000000; PRAGMA synchronous = OFF;").unwrap();
        synthetic::add_demo_school(&mut conn, today).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").unwrap();
        drop(conn);
        std::fs::rename(&partial, &path).unwrap();
    }
    storage::open(&path).unwrap()
}
