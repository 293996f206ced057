//! Adding many rows at once: the table's secondary indexes are dropped for the load and built
//! again after it, which sorts each index once instead of placing a hundred thousand entries one
//! at a time. It runs inside the caller's transaction, so a failed load brings them back too.

use rusqlite::Transaction;

use crate::error::Result;

/// Rebuilding pays off from this many new rows, and only when they are at least as many as the
/// table already holds (a rebuild sorts every row, old ones included).
const REBUILD_FROM_ROWS: usize = 10_000;

/// Runs `load`, which adds `adding` rows to `table`, with the table's secondary indexes built
/// after it when that is cheaper. Unique constraints' own indexes stay and keep guarding.
pub fn load_rows<T>(tx: &Transaction, table: &str, adding: usize, load: impl FnOnce() -> Result<T>) -> Result<T> {
    let held: i64 = tx.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| r.get(0))?;
    if adding < REBUILD_FROM_ROWS || (adding as i64) < held {
        return load();
    }
    let indexes: Vec<(String, String)> = tx
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL")?
        .query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    let loaded = load()?;
    for (_, definition) in &indexes {
        tx.execute_batch(definition)?;
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(conn: &rusqlite::Connection) -> Vec<String> {
        conn.prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'students' AND sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn a_large_load_leaves_the_same_indexes_and_a_failed_one_restores_them() {
        let mut conn = crate::storage::open_in_memory().unwrap();
        let before = schema(&conn);
        assert!(before.iter().any(|sql| sql.contains("students_by_last")));
        let insert = |tx: &Transaction, n: usize| -> Result<()> {
            for i in 0..n {
                tx.execute(
                    "INSERT INTO students (student_number, first_name, last_name, first_key, last_key, grade, created_at, updated_at)
                     VALUES (?1, 'A', 'B', 'a', 'b', 9, 'x', 'x')",
                    [format!("{i}")],
                )?;
            }
            Ok(())
        };
        crate::storage::write(&mut conn, |tx| {
            load_rows(tx, "students", REBUILD_FROM_ROWS, || insert(tx, REBUILD_FROM_ROWS))
        })
        .unwrap();
        assert_eq!(schema(&conn), before);
        let plan: String = conn
            .query_row("EXPLAIN QUERY PLAN SELECT id FROM students WHERE last_key = 'b'", [], |r| r.get(3))
            .unwrap();
        assert!(plan.contains("students_by_last"), "{plan}");

        // A load that fails (a duplicate student number) rolls the dropped indexes back with it.
        let failed = crate::storage::write(&mut conn, |tx| {
            load_rows(tx, "students", 2 * REBUILD_FROM_ROWS, || insert(tx, 2 * REBUILD_FROM_ROWS))
        });
        assert!(failed.is_err());
        assert_eq!(schema(&conn), before);
    }
}
