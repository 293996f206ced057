//! A roster saved as a spreadsheet (.xlsx, .xls, .ods), read with calamine: the first sheet
//! or the one the director picks, each cell as the spreadsheet shows it. A student number
//! stored as a number (100234.0) reads as 100234, and a date as YYYY-MM-DD.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};

use crate::error::{Error, Result};

/// Zip (xlsx, ods) or the old compound document (xls): the files calamine opens.
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

fn shown(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(when) => match when.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.date().to_string(),
            Some(at) => at.format("%Y-%m-%d %H:%M").to_string(),
            None => when.as_f64().to_string(),
        },
    }
}

/// A workbook's sheets, for the director to pick from before a preview; none for a text file.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>> {
    if !is_spreadsheet(bytes) {
        return Ok(Vec::new());
    }
    let workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| Error::Invalid(format!("The spreadsheet cannot be read: {e}.")))?;
    Ok(workbook.sheet_names())
}

/// A sheet's row: its number as the spreadsheet shows it, and its cells.
pub type SheetRow = (usize, Vec<String>);

/// The sheet's non-empty rows (the first sheet unless another is named) and how the file was
/// read: `Excel sheet "Students"`.
pub fn read(bytes: &[u8], sheet: Option<&str>) -> Result<(Vec<SheetRow>, String)> {
    let unreadable = |e: calamine::Error| Error::Invalid(format!("The spreadsheet cannot be read: {e}."));
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let names = workbook.sheet_names();
    let chosen = match sheet {
        None => names.first().cloned().ok_or_else(|| Error::Invalid("The spreadsheet has no sheets.".into()))?,
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).cloned().ok_or_else(|| {
            Error::Invalid(format!(
                "The spreadsheet has no sheet called \"{wanted}\". Its sheets are: {}.",
                names.join(", ")
            ))
        })?,
    };
    let others = match names.iter().position(|n| *n == chosen) {
        Some(0) if names.len() > 1 => format!(" (the first of {} sheets)", names.len()),
        Some(i) if names.len() > 1 => format!(" (sheet {} of {})", i + 1, names.len()),
        _ => String::new(),
    };
    let kind = match workbook {
        Sheets::Ods(_) => "OpenDocument",
        _ => "Excel",
    };
    let range = workbook.worksheet_range(&chosen).map_err(unreadable)?;
    let top = range.start().map_or(0, |(row, _)| row as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| (top + i + 1, cells.iter().map(shown).collect::<Vec<_>>()))
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok((rows, format!("{kind} sheet \"{chosen}\"{others}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_the_spreadsheet_shows_them() {
        assert_eq!(shown(&Data::Float(100234.0)), "100234");
        assert_eq!(shown(&Data::Float(9.5)), "9.5");
        assert_eq!(shown(&Data::Int(12)), "12");
        assert_eq!(shown(&Data::String(" Ana ".into())), " Ana ");
        assert_eq!(shown(&Data::Bool(true)), "TRUE");
        assert_eq!(shown(&Data::Empty), "");
        assert!(is_spreadsheet(b"PK\x03\x04rest") && !is_spreadsheet(b"Student ID,Name"));
    }
}
