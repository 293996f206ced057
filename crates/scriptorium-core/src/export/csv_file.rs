//! Writing a CSV report safely: UTF-8 with a BOM (so Excel reads accents right), every text field
//! quoted by the `csv` crate (so no cell is taken for a number or a date it isn't), a guard
//! against formula injection, a file only this user can read, and a temporary file renamed into
//! place so a crash never leaves half a report.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A cell Excel or LibreOffice would run as a formula gets a leading `'` (OWASP, CWE-1236),
/// including the fullwidth signs some spreadsheets also accept.
pub fn guard(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0' | '＝' | '＋' | '－' | '＠') => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// A report being written: rows go to a hidden partial file that `finish` renames into place.
/// Dropped unfinished (an error on the way), the partial file is removed.
pub struct CsvFile {
    writer: Option<csv::Writer<BufWriter<File>>>,
    partial: PathBuf,
    path: PathBuf,
    rows: usize,
}

fn csv_error(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e))
}

impl CsvFile {
    pub fn create(path: &Path, header: &[&str]) -> Result<CsvFile> {
        let name = path.file_name().ok_or_else(|| Error::Invalid(format!("{} is not a file name.", path.display())))?;
        let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
        let mut file = BufWriter::with_capacity(1 << 18, crate::private_files::create_file(&partial)?);
        let mut report = CsvFile { writer: None, partial, path: path.to_owned(), rows: 0 };
        file.write_all("\u{feff}".as_bytes())?;
        report.writer = Some(csv::WriterBuilder::new().quote_style(csv::QuoteStyle::NonNumeric).from_writer(file));
        report.write_cells(header)?;
        Ok(report)
    }

    /// Writes one data row, each cell formula-guarded.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        self.write_cells(cells)?;
        self.rows += 1;
        Ok(())
    }

    fn write_cells<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        let writer = self.writer.as_mut().expect("open until finished");
        for cell in cells {
            writer.write_field(guard(cell.as_ref()).as_bytes()).map_err(csv_error)?;
        }
        writer.write_record(None::<&[u8]>).map_err(csv_error)
    }

    /// Flushes, syncs and renames the file into place; returns the number of data rows.
    pub fn finish(mut self) -> Result<usize> {
        let writer = self.writer.take().expect("open until finished");
        let file = writer.into_inner().map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
        file.into_inner().map_err(|e| Error::Io(e.into_error()))?.sync_all()?;
        crate::durable::rename(&self.partial, &self.path)?;
        Ok(self.rows)
    }
}

impl Drop for CsvFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

/// Writes `header` and `rows` to `path`; returns the number of data rows.
pub fn write(path: &Path, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<usize> {
    let mut file = CsvFile::create(path, header)?;
    for row in rows {
        file.row(&row)?;
    }
    file.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_others_kept() {
        for hostile in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\0x", "＝1+1", "＋1", "－2", "＠SUM(A1)"] {
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
        assert_eq!(text, "\u{feff}\"Text\",\"Formula\"\n\"a, \"\"quoted\"\"\",\"'=cmd\"\n");
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
