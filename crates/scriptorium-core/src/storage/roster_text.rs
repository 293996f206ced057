//! A roster file's bytes as text a CSV reader can take, whatever the school's system or
//! spreadsheet wrote: UTF-8 with or without a byte-order mark, UTF-16 with one, or else
//! Windows-1252; commas, semicolons, tabs or pipes (sniffed from the first lines, and an
//! ambiguous file refused with the candidates named); CR, LF or CRLF line endings; and a title
//! row above the header. Oversize files are refused before any of this.

use std::io::ErrorKind;
use std::path::Path;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::{Error, Result};

/// The largest roster file read: a whole district's export is a few megabytes.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
/// The most rows a roster may have.
pub const MAX_ROWS: usize = 500_000;

/// How the file was read, for the preview: "CSV with semicolons, Windows-1252".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub delimiter: u8,
    pub encoding: &'static str,
}

impl Format {
    pub fn describe(&self) -> String {
        let separated = match self.delimiter {
            b';' => "semicolons",
            b'\t' => "tabs",
            b'|' => "pipes",
            _ => "commas",
        };
        format!("CSV with {separated}, {}", self.encoding)
    }
}

const CANDIDATES: [(u8, &str); 4] = [(b',', "commas"), (b';', "semicolons"), (b'\t', "tabs"), (b'|', "pipes")];

/// The bytes as text, and the encoding's name.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (UTF_16LE.decode_without_bom_handling(rest).0.into_owned(), "UTF-16");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (UTF_16BE.decode_without_bom_handling(rest).0.into_owned(), "UTF-16");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        // Excel's plain "CSV" and most older exports on Windows.
        Err(_) => (WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), "Windows-1252"),
    }
}

/// Times `delimiter` separates fields on `line`, not counting any inside double quotes.
fn fields_split(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            !quoted && b == delimiter
        })
        .count()
}

/// The delimiter the header and the first rows agree on. A candidate counts when it splits the
/// header, and splits every sampled row at least once and never more often than the header (a
/// row may lack trailing empty cells, but has no more fields than the header).
fn sniff(lines: &[&str]) -> Result<u8> {
    let (header, rows) = lines.split_first().expect("at least one line");
    let fitting: Vec<(u8, &str)> = CANDIDATES
        .iter()
        .copied()
        .filter(|&(d, _)| {
            let columns = fields_split(header, d);
            columns > 0 && rows.iter().all(|row| fields_split(row, d) <= columns && fields_split(row, d) > 0)
        })
        .collect();
    match fitting.as_slice() {
        [] => Ok(b','),
        [(only, _)] => Ok(*only),
        several => {
            // One splitting the header into clearly more columns than the rest wins.
            let mut by_columns: Vec<(usize, u8, &str)> =
                several.iter().map(|&(d, name)| (fields_split(header, d), d, name)).collect();
            by_columns.sort_by_key(|column| std::cmp::Reverse(column.0));
            if by_columns[0].0 >= 2 * by_columns[1].0 {
                return Ok(by_columns[0].1);
            }
            let names: Vec<&str> = several.iter().map(|(_, name)| *name).collect();
            Err(Error::Invalid(format!(
                "The file's columns could be separated by {}: save it again with one separator (commas are safest).",
                names.join(" or ")
            )))
        }
    }
}

/// Refuses a file over `MAX_BYTES`, naming its size and the limit.
pub fn check_size(len: u64) -> Result<()> {
    if len <= MAX_BYTES as u64 {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "The file is {:.1} MB; a roster can be at most {} MB.",
        len as f64 / (1024.0 * 1024.0),
        MAX_BYTES / (1024 * 1024)
    )))
}

/// Reads the roster file the director chose, refusing one over the limit before reading it.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let unreadable = |e: std::io::Error| match e.kind() {
        ErrorKind::NotFound => Error::Invalid(format!("The file \"{name}\" is no longer there: choose it again.")),
        ErrorKind::PermissionDenied => {
            Error::Invalid(format!("Scriptorium may not read \"{name}\": check its permissions."))
        }
        _ => Error::Invalid(format!("The file \"{name}\" cannot be read: {e}.")),
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if metadata.is_dir() {
        return Err(Error::Invalid(format!("\"{name}\" is a folder: choose the roster file inside it.")));
    }
    check_size(metadata.len())?;
    std::fs::read(path).map_err(unreadable)
}

/// The roster as CSV text with one kind of line ending and the title row (if any) gone, how it
/// was read, and how many lines were skipped above the header.
pub fn normalize(bytes: &[u8]) -> Result<(String, Format, usize)> {
    check_size(bytes.len() as u64)?;
    let (text, encoding) = decode(bytes);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    if lines > MAX_ROWS + 2 {
        return Err(Error::Invalid(format!("The file has {lines} lines; a roster can have at most {MAX_ROWS} rows.")));
    }
    let sample: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(21).collect();
    if sample.is_empty() {
        return Err(Error::Invalid("The file is empty.".into()));
    }
    // A title row ("Roster export, Fall 2026") above the header: a first line no candidate
    // splits, over a second line that is split.
    let titled = sample.len() > 2
        && CANDIDATES.iter().all(|&(d, _)| fields_split(sample[0], d) == 0)
        && CANDIDATES.iter().any(|&(d, _)| fields_split(sample[1], d) > 0);
    let delimiter = sniff(&sample[usize::from(titled)..])?;
    let (body, skipped) = if titled {
        let title_end = text.find(sample[0]).map_or(0, |at| at + sample[0].len());
        let header_start = title_end + (text[title_end..].len() - text[title_end..].trim_start_matches('\n').len());
        (text[header_start..].to_owned(), text[..header_start].matches('\n').count())
    } else {
        (text, 0)
    };
    Ok((body, Format { delimiter, encoding }, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> (String, String, usize) {
        let (text, format, skipped) = normalize(bytes).unwrap();
        (text, format.describe(), skipped)
    }

    #[test]
    fn separators_are_sniffed_and_quoted_ones_ignored() {
        assert_eq!(read(b"Student ID;Last Name;First Name\n1;Lima;\"Ana; Maria\"\n").1, "CSV with semicolons, UTF-8");
        assert_eq!(read(b"Student ID\tLast Name\n1\tLima\n").1, "CSV with tabs, UTF-8");
        assert_eq!(read(b"Student ID|Last Name\n1|Lima\n").1, "CSV with pipes, UTF-8");
        assert_eq!(read(b"Student ID,Last Name\n1,\"Lima, Jr.\"\n").1, "CSV with commas, UTF-8");
        let err = normalize(b"a,b;c\n1,2;3\n").unwrap_err().to_string();
        assert_eq!(err, "The file's columns could be separated by commas or semicolons: save it again with one separator (commas are safest).");
    }

    #[test]
    fn encodings_line_endings_and_a_title_row() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Name\tGrade\r\nJosé\t9\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(read(&utf16), ("Name\tGrade\nJosé\t9\n".into(), "CSV with tabs, UTF-16".into(), 0));
        assert_eq!(read(b"Name,Grade\rJos\xe9,9\r").0, "Name,Grade\nJosé,9\n");
        assert_eq!(read(b"Name,Grade\rJos\xe9,9\r").1, "CSV with commas, Windows-1252");
        assert_eq!(read(b"\xEF\xBB\xBFName,Grade\n").0, "Name,Grade\n");
        let titled = read(b"Roster export Fall 2026\n\nName,Grade\nAna,9\nBo,10\n");
        assert_eq!((titled.0.as_str(), titled.2), ("Name,Grade\nAna,9\nBo,10\n", 2));
    }

    #[test]
    fn a_chosen_file_is_read_or_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let roster = dir.path().join("roster.csv");
        std::fs::write(&roster, "Name,Grade\n").unwrap();
        assert_eq!(read_file(&roster).unwrap(), b"Name,Grade\n");
        let gone = read_file(&dir.path().join("gone.csv")).unwrap_err().to_string();
        assert_eq!(gone, "The file \"gone.csv\" is no longer there: choose it again.");
        assert!(read_file(dir.path()).unwrap_err().to_string().contains("is a folder"));
        // Over the limit: refused from its size alone (a sparse file, never read).
        let huge = dir.path().join("huge.csv");
        std::fs::File::create(&huge).unwrap().set_len(MAX_BYTES as u64 + 1).unwrap();
        assert_eq!(read_file(&huge).unwrap_err().to_string(), "The file is 50.0 MB; a roster can be at most 50 MB.");
    }

    #[test]
    fn oversize_files_are_refused_before_reading() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(normalize(&big).unwrap_err().to_string(), "The file is 50.0 MB; a roster can be at most 50 MB.");
        let many = "n\n".repeat(MAX_ROWS + 5);
        assert!(normalize(many.as_bytes())
            .unwrap_err()
            .to_string()
            .ends_with("a roster can have at most 500000 rows."));
    }
}
