//! Rosters saved as spreadsheets: an Excel workbook (rust_xlsxwriter) and an OpenDocument
//! sheet (zipped by hand as LibreOffice saves it), both written in the test, imported with
//! numbers read as the spreadsheet shows them and the sheet's own row numbers.

use chrono::NaiveDate;
use rusqlite::Connection;
use scriptorium_core::storage::roster::{self, RosterFile};
use scriptorium_core::storage::students;
use scriptorium_core::storage::{open_in_memory, write, Actor};

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 8, 20).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

fn student_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM students", [], |r| r.get(0)).unwrap()
}

/// A roster as the school's spreadsheet has it: a title row, numbers stored as numbers, accents.
fn roster_workbook(sheets: &[&str]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for name in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        sheet.write_string(0, 0, "Roster export, Fall 2026").unwrap();
        for (col, header) in ["Student_Number", "First_Name", "Last_Name", "Grade_Level", "Enrolled"].iter().enumerate()
        {
            sheet.write_string(1, col as u16, *header).unwrap();
        }
        for (row, (number, first, last, grade)) in
            [(100234.0, "José", "Pérez", 9.0), (100235.0, "Ánh", "Nguyễn", 10.0)].into_iter().enumerate()
        {
            let row = row as u32 + 2;
            sheet.write_number(row, 0, number).unwrap();
            sheet.write_string(row, 1, first).unwrap();
            sheet.write_string(row, 2, last).unwrap();
            sheet.write_number(row, 3, grade).unwrap();
            let enrolled = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 8, 24).unwrap();
            let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
            sheet.write_datetime_with_format(row, 4, &enrolled, &format).unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn an_excel_roster_imports_from_its_first_sheet_with_numbers_read_as_shown() {
    let mut conn = open_in_memory().unwrap();
    let bytes = roster_workbook(&["Students", "Teachers"]);
    let preview = roster::preview(&conn, &bytes, false).unwrap();
    assert_eq!(preview.format, "Excel sheet \"Students\" (the first of 2 sheets)");
    assert_eq!((preview.counts.added, preview.counts.rejected), (2, 0), "{:?}", preview.rows);
    assert_eq!(preview.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 4], "the sheet's own row numbers");
    write(&mut conn, |tx| roster::import(tx, &bytes, false, Actor::Director, now())).unwrap();
    let jose = students::find_by_number(&conn, "100234").unwrap().expect("100234.0 reads as 100234");
    assert_eq!((jose.first_name.as_str(), jose.last_name.as_str(), jose.grade), ("José", "Pérez", Some(9)));
    assert_eq!(students::find_by_number(&conn, "100235").unwrap().unwrap().last_name, "Nguyễn");

    // Another sheet, named; a name the workbook lacks is refused with the ones it has.
    let second = RosterFile { bytes: &bytes, sheet: Some("Teachers") };
    let preview = roster::preview(&conn, second, false).unwrap();
    assert_eq!(preview.format, "Excel sheet \"Teachers\" (sheet 2 of 2)");
    assert_eq!(scriptorium_core::storage::roster_sheet::sheet_names(&bytes).unwrap(), ["Students", "Teachers"]);
    assert!(scriptorium_core::storage::roster_sheet::sheet_names(b"Name,Grade\n").unwrap().is_empty());
    let missing = RosterFile { bytes: &bytes, sheet: Some("Staff") };
    let err = roster::preview(&conn, missing, false).unwrap_err().to_string();
    assert_eq!(err, "The spreadsheet has no sheet called \"Staff\". Its sheets are: Students, Teachers.");

    let mut broken = bytes.clone();
    broken.truncate(bytes.len() / 2);
    let err = roster::preview(&conn, &broken, false).unwrap_err().to_string();
    assert!(err.starts_with("The spreadsheet cannot be read:"), "{err}");
}

/// An OpenDocument spreadsheet as LibreOffice saves one, built in code: the uncompressed
/// mimetype first, the manifest, and the sheet in content.xml. Numbers are stored as floats.
fn roster_ods(sheet: &str, rows: &[[&str; 4]]) -> Vec<u8> {
    use std::io::Write;
    let cell = |value: &str| match value.parse::<f64>() {
        Ok(number) => format!(
            r#"<table:table-cell office:value-type="float" office:value="{number:.1}"><text:p>{value}</text:p></table:table-cell>"#
        ),
        Err(_) => {
            format!(r#"<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>"#)
        }
    };
    let table_rows: String =
        rows.iter().map(|row| format!("<table:table-row>{}</table:table-row>", row.map(cell).concat())).collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="{sheet}">{table_rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_opendocument_roster_imports_with_numbers_read_as_shown() {
    let mut conn = open_in_memory().unwrap();
    let bytes = roster_ods(
        "Élèves",
        &[
            ["Stu ID", "First_Name", "Last_Name", "Grade_Level"],
            ["200117", "Zoë", "Brontë-Ørsted", "11"],
            ["200118", "Mateus", "Gonçalves", "15"],
        ],
    );
    let preview = roster::preview(&conn, &bytes, false).unwrap();
    assert_eq!(preview.format, "OpenDocument sheet \"Élèves\"");
    assert_eq!((preview.counts.added, preview.counts.rejected), (1, 1), "{:?}", preview.rows);
    assert_eq!(preview.rows[0].reason.as_deref(), Some("Grade must be between 6 and 12, not 15."));
    assert_eq!(preview.rows[0].line, 3, "the sheet's own row number");
    write(&mut conn, |tx| roster::import(tx, &bytes, false, Actor::Director, now())).unwrap();
    let zoe = students::find_by_number(&conn, "200117").unwrap().expect("200117.0 reads as 200117");
    assert_eq!((zoe.first_name.as_str(), zoe.last_name.as_str(), zoe.grade), ("Zoë", "Brontë-Ørsted", Some(11)));
    assert_eq!(student_count(&conn), 1, "the rejected row is not imported");
}
