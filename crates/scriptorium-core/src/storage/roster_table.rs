//! A roster file as a table, for the student, tutor and teacher imports alike: a spreadsheet
//! read with calamine (`roster_sheet`), or text decoded and split (`roster_text`), with each
//! header matched as school systems spell it and each row's line as the director sees it.

use super::roster::RosterFile;
use super::{roster_sheet, roster_text};
use crate::error::{Error, Result};

fn header_key(header: &str) -> String {
    header.trim().to_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A roster file read as text: its headers (as written and as matched) and its non-blank rows
/// with the line a spreadsheet or text editor shows for each.
pub(super) struct Table {
    pub(super) format: String,
    headers: Vec<String>,
    keys: Vec<String>,
    pub(super) records: Vec<(usize, csv::StringRecord)>,
}

impl Table {
    pub(super) fn find(&self, names: &[&str]) -> Option<usize> {
        self.keys.iter().position(|k| names.contains(&k.as_str()))
    }

    pub(super) fn require(&self, names: &[&str], label: &str) -> Result<usize> {
        self.find(names).ok_or_else(|| {
            Error::Invalid(format!(
                "The file has no {label} column. Its columns are: {}. Expected a header such as \"{}\".",
                self.headers.join(", "),
                names[0]
            ))
        })
    }
}

/// A spreadsheet's rows as a table: the first row with any cell filled is the header, unless it
/// has a single cell over a wider row (a title), and rows keep the sheet's row numbers.
fn sheet_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    let (mut rows, format) = roster_sheet::read(bytes, sheet)?;
    if rows.len() > roster_text::MAX_ROWS + 2 {
        return Err(Error::Invalid(format!(
            "The sheet has {} rows; a roster can have at most {} rows.",
            rows.len(),
            roster_text::MAX_ROWS
        )));
    }
    let filled = |cells: &[String]| cells.iter().filter(|c| !c.trim().is_empty()).count();
    if rows.len() > 2 && filled(&rows[0].1) == 1 && filled(&rows[1].1) > 1 {
        rows.remove(0);
    }
    let mut rows = rows.into_iter();
    let Some((_, headers)) = rows.next() else {
        return Err(Error::Invalid("The sheet is empty.".into()));
    };
    let keys = headers.iter().map(|h| header_key(h)).collect();
    let records = rows.map(|(line, cells)| (line, csv::StringRecord::from(cells))).collect();
    Ok(Table { format, headers, keys, records })
}

/// Reads a roster export: a spreadsheet, or text (see `roster_text` for the encodings and
/// separators it takes); refuses it whole if it can't be read.
pub(super) fn read_table(file: RosterFile) -> Result<Table> {
    let bytes = file.bytes;
    if roster_sheet::is_spreadsheet(bytes) {
        roster_text::check_size(bytes.len() as u64)?;
        return sheet_table(bytes, file.sheet);
    }
    let (text, format, skipped) = roster_text::normalize(bytes)?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).delimiter(format.delimiter).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::Invalid(format!("The file's header row cannot be read: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let keys = headers.iter().map(|h| header_key(h)).collect();
    let mut records = Vec::new();
    // Line numbers as a text editor shows them, counted from each record's byte offset.
    let (mut line, mut counted_to) = (1 + skipped, 0);
    for record in reader.records() {
        let record = record.map_err(|e| Error::Invalid(format!("The file cannot be read as CSV: {e}")))?;
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).max(counted_to);
        // With CRLF endings the reported start can sit on the previous line's terminator.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += text.as_bytes()[counted_to..start].iter().filter(|b| **b == b'\n').count();
        counted_to = start;
        if !record.iter().all(|cell| cell.trim().is_empty()) {
            records.push((line, record));
        }
    }
    Ok(Table { format: format.describe(), headers, keys, records })
}
