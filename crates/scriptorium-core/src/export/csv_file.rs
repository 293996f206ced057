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

/// Appends one cell as the `csv` crate writes it with `QuoteStyle::NonNumeric` (checked against
/// it in the tests): a number bare, anything else formula-guarded and quoted, quotes doubled.
/// Encoding by hand lets a million-row report cache the cells that repeat.
pub fn encode_cell(cell: &str, out: &mut Vec<u8>) {
    let cell = guard(cell);
    if cell.parse::<f64>().is_ok() || cell.parse::<i128>().is_ok() {
        out.extend_from_slice(cell.as_bytes());
        return;
    }
    out.push(b'"');
    for piece in cell.as_bytes().split_inclusive(|b| *b == b'"') {
        out.extend_from_slice(piece);
        if piece.last() == Some(&b'"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// Appends a whole record: cells, commas, and the line's end.
pub fn encode_row<S: AsRef<str>>(cells: &[S], out: &mut Vec<u8>) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        encode_cell(cell.as_ref(), out);
    }
    out.push(b'\n');
}

/// A report being written: rows go to a hidden partial file that `finish` renames into place.
/// Dropped unfinished (an error on the way), the partial file is removed.
pub struct CsvFile {
    file: Option<BufWriter<File>>,
    line: Vec<u8>,
    partial: PathBuf,
    path: PathBuf,
    rows: usize,
}

impl CsvFile {
    pub fn create(path: &Path, header: &[&str]) -> Result<CsvFile> {
        let name = path.file_name().ok_or_else(|| Error::Invalid(format!("{} is not a file name.", path.display())))?;
        let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
        let mut file = BufWriter::with_capacity(1 << 18, crate::private_files::create_file(&partial)?);
        file.write_all("\u{feff}".as_bytes())?;
        let mut report = CsvFile { file: Some(file), line: Vec::new(), partial, path: path.to_owned(), rows: 0 };
        report.line.clear();
        encode_row(header, &mut report.line);
        report.file.as_mut().expect("open until finished").write_all(&report.line)?;
        Ok(report)
    }

    /// Writes one data row, each cell formula-guarded.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        self.line.clear();
        encode_row(cells, &mut self.line);
        self.file.as_mut().expect("open until finished").write_all(&self.line)?;
        self.rows += 1;
        Ok(())
    }

    /// Writes one data row already encoded with `encode_cell` / `encode_row`, line end included.
    pub fn encoded_row(&mut self, row: &[u8]) -> Result<()> {
        self.file.as_mut().expect("open until finished").write_all(row)?;
        self.rows += 1;
        Ok(())
    }

    /// Flushes, syncs and renames the file into place; returns the number of data rows.
    pub fn finish(mut self) -> Result<usize> {
        let file = self.file.take().expect("open until finished");
        file.into_inner().map_err(|e| Error::Io(e.into_error()))?.sync_all()?;
        crate::durable::rename(&self.partial, &self.path)?;
        Ok(self.rows)
    }
}

impl Drop for CsvFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
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

    #[test]
    fn cells_are_encoded_exactly_as_the_csv_crate_writes_them() {
        let cells = [
            "",
            "plain",
            "a, \"quoted\"",
            "\"",
            "line\nbreak",
            "cr\rx",
            "=cmd",
            "-2",
            "12",
            "-7",
            "3.5",
            "1e5",
            "NaN",
            "inf",
            "W-0A1B2C3D4E5F",
            "2026-W47",
            "16-30",
            "9-10",
            "Ünïcödé",
            "＝1",
            "  padded  ",
            "'already",
            "007",
        ];
        let mut mine = Vec::new();
        encode_row(&cells, &mut mine);
        let mut reference = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::NonNumeric).from_writer(Vec::new());
        reference.write_record(cells.iter().map(|cell| guard(cell).into_owned())).unwrap();
        let reference = reference.into_inner().unwrap();
        assert_eq!(String::from_utf8(mine).unwrap(), String::from_utf8(reference).unwrap());
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("scriptorium-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
