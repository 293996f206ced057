//! A file renamed into place survives a power cut only once the folder holding it is synced
//! too: callers sync the file's data before the rename, this syncs the folder's entry after it.
//! Backups, restores and exports all promise "the old file or the whole new one".

use std::fs::File;
use std::io;
use std::path::Path;

/// Renames `from` to `to` and syncs the folder `to` is in.
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::rename(from, to)?;
    let folder = match to.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    File::open(folder)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_into_place_and_reports_a_missing_source() {
        let dir = std::env::temp_dir().join(format!("scriptorium-durable-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (from, to) = (dir.join("a.partial"), dir.join("a.csv"));
        std::fs::write(&from, "new").unwrap();
        std::fs::write(&to, "old").unwrap();
        rename(&from, &to).unwrap();
        assert_eq!(std::fs::read_to_string(&to).unwrap(), "new");
        assert!(!from.exists());
        assert_eq!(rename(&from, &to).unwrap_err().kind(), io::ErrorKind::NotFound);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
