//! Records about minors stay readable by this user only: the data folder is 0700 and every file
//! the app writes there or exports (database, backups, reports) is 0600, whatever the umask.
//! Elsewhere than Unix the system's defaults apply.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

/// Creates `dir` (and its parents) if needed, and makes `dir` itself private.
pub fn create_folder(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    Ok(())
}

/// Creates (or empties) a file that only this user can read and write.
pub fn create_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let file = options.open(path)?;
    restrict(path)?; // an existing file keeps its mode when opened: set it
    Ok(file)
}

/// Makes an existing file private; a missing one is left missing.
pub fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        other => other?,
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn folders_and_files_are_private_even_when_they_existed() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("data");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        create_folder(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);

        let file = dir.join("report.csv");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        create_file(&file).unwrap();
        assert_eq!((mode(&file), std::fs::read(&file).unwrap().len()), (0o600, 0));
        restrict(&dir.join("missing")).unwrap();
    }
}
