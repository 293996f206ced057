//! Writing a CSV report safely: UTF-8 with a BOM (so Excel reads accents right), RFC 4180
//! quoting by the `csv` crate, a guard against formula injection, and a temporary file renamed
//! into place so a crash never leaves half a report.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// A cell Excel or LibreOffice would run as a formula gets a leading `'` (OWASP, CWE-1236).
pub fn guard(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// Writes `header` and `rows` to `path`; returns the number of data rows.
pub fn write(path: &Path, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<usize> {
    let name = path.file_name().ok_or_else(|| Error::Invalid(format!("{} is not a file name.", path.display())))?;
    let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let written = (|| -> Result<usize> {
        let mut file = BufWriter::new(File::create(&partial)?);
        file.write_all("\u{feff}".as_bytes())?;
        let mut writer = csv::Writer::from_writer(file);
        let csv_error = |e: csv::Error| Error::Io(std::io::Error::other(e));
        writer.write_record(header).map_err(csv_error)?;
        let mut count = 0;
        for row in rows {
            writer.write_record(row.iter().map(|cell| guard(cell))).map_err(csv_error)?;
            count += 1;
        }
        let file = writer.into_inner().map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
        file.into_inner().map_err(|e| Error::Io(e.into_error()))?.sync_all()?;
        Ok(count)
    })();
    match written {
        Ok(count) => {
            std::fs::rename(&partial, path)?;
            Ok(count)
        }
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            Err(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_others_kept() {
        for hostile in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\0x"] {
            assert_eq!(guard(hostile), format!("'{hostile}"));
        }
        assert_eq!(guard("Grade 10"), "Grade 10");
        assert_eq!(guard(""), "");
    }

    #[test]
    fn a_report_is_complete_with_a_bom_or_not_there_at_all() {
        let dir = tempfile_dir();
        let path = dir.join("report.csv");
        let rows = vec![vec!["a, \"quoted\"".to_string(), "=cmd".to_string()]];
        assert_eq!(write(&path, &["Text", "Formula"], rows).unwrap(), 1);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "\u{feff}Text,Formula\n\"a, \"\"quoted\"\"\",'=cmd\n");
        assert!(!dir.join(".report.csv.partial").exists());
        let missing = dir.join("no-such-folder").join("report.csv");
        assert!(write(&missing, &["x"], Vec::<Vec<String>>::new()).is_err());
        assert!(!missing.exists());
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("scriptorium-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
