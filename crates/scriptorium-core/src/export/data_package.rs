//! A partner report as a Frictionless Data Package: one zip with the report's CSV (and the
//! README the de-identified file comes with) and a `datapackage.json` that describes every
//! column with a Table Schema: its type, whether it is required, its allowed values, the marker
//! a hidden count reads, and the disclosure rules the file was written under. A university
//! loading many schools' files validates them with standard tools instead of reading each README.
//!
//! The zip is written like every report: to a hidden partial file renamed into place, so the
//! director finds the whole package or nothing.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime, Timelike};
use serde_json::{json, Map, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::reports::{DeidentifiedFile, Exported};
use crate::error::{Error, Result};

/// The descriptor's file name inside the package, as the standard names it.
pub const DESCRIPTOR: &str = "datapackage.json";

/// A Table Schema field type, as a CSV cell must read to be valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    String,
    /// A whole number, e.g. "12".
    Integer,
    /// A decimal number, e.g. "1.50".
    Number,
    /// YYYY-MM-DD.
    Date,
}

impl FieldType {
    fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Date => "date",
        }
    }
}

/// One column of a report, described for the partner's tools.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub kind: FieldType,
    pub description: String,
    pub required: bool,
    /// The only values the column takes (empty: any value of its type).
    pub allowed: Vec<String>,
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
    /// A regular expression every value matches.
    pub pattern: Option<&'static str>,
}

impl Field {
    pub fn new(name: impl Into<String>, kind: FieldType, description: impl Into<String>) -> Field {
        Field {
            name: name.into(),
            kind,
            description: description.into(),
            required: false,
            allowed: Vec::new(),
            minimum: None,
            maximum: None,
            pattern: None,
        }
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn one_of<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Field {
        self.allowed = values.into_iter().map(Into::into).collect();
        self
    }

    pub fn between(mut self, minimum: i64, maximum: Option<i64>) -> Field {
        self.minimum = Some(minimum);
        self.maximum = maximum;
        self
    }

    pub fn matching(mut self, pattern: &'static str) -> Field {
        self.pattern = Some(pattern);
        self
    }

    fn descriptor(&self) -> Value {
        let mut constraints = Map::new();
        if self.required {
            constraints.insert("required".into(), json!(true));
        }
        if !self.allowed.is_empty() {
            constraints.insert("enum".into(), json!(self.allowed));
        }
        if let Some(minimum) = self.minimum {
            constraints.insert("minimum".into(), json!(minimum));
        }
        if let Some(maximum) = self.maximum {
            constraints.insert("maximum".into(), json!(maximum));
        }
        if let Some(pattern) = self.pattern {
            constraints.insert("pattern".into(), json!(pattern));
        }
        let mut field = json!({ "name": self.name, "type": self.kind.name(), "description": self.description });
        if !constraints.is_empty() {
            field["constraints"] = Value::Object(constraints);
        }
        field
    }
}

/// One report's CSV file as the package describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The resource's name: lower case, digits and hyphens.
    pub name: &'static str,
    pub title: String,
    pub description: String,
    pub fields: Vec<Field>,
    /// Cell texts that mean "no value": always the empty cell, and the suppression marker in a
    /// file that hides small counts.
    pub missing_values: Vec<&'static str>,
    /// How the file keeps any writer from being singled out, for the partner to rely on.
    pub disclosure: Option<Value>,
}

/// What the package holds beside the tables: a text file such as the de-identified README.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub name: &'static str,
    pub path: PathBuf,
    pub title: &'static str,
}

/// A report's result, told where it ended up once its files are in a package.
pub trait Packaged {
    fn packaged_at(&mut self, package: &Path);
}

impl Packaged for Exported {
    fn packaged_at(&mut self, package: &Path) {
        self.path = package.display().to_string();
    }
}

impl Packaged for DeidentifiedFile {
    fn packaged_at(&mut self, package: &Path) {
        let readme = Path::new(&self.readme).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.path = package.display().to_string();
        self.readme = format!("{readme}, inside it");
    }
}

/// The table a report wrote and the documents beside it.
pub type Described = (Table, Vec<Document>);

/// The descriptor for `table` stored as `csv_name`, with `documents` beside it.
pub fn descriptor(table: &Table, csv_name: &str, documents: &[(Document, String)], created: NaiveDateTime) -> Value {
    let mut table_resource = json!({
        "name": table.name,
        "path": csv_name,
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": { "delimiter": ",", "lineTerminator": "\n", "quoteChar": "\"", "doubleQuote": true, "header": true },
        "schema": {
            "fields": table.fields.iter().map(Field::descriptor).collect::<Vec<_>>(),
            "missingValues": table.missing_values,
        },
    });
    if let Some(disclosure) = &table.disclosure {
        table_resource["disclosure"] = disclosure.clone();
    }
    let mut resources = vec![table_resource];
    resources.extend(documents.iter().map(|(document, file_name)| {
        json!({
            "name": document.name,
            "path": file_name,
            "profile": "data-resource",
            "title": document.title,
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
        })
    }));
    json!({
        "profile": "tabular-data-package",
        "name": format!("scriptorium-{}", table.name),
        "title": table.title,
        "created": created.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "resources": resources,
    })
}

/// Writes `write`'s report as a package at `target` (a .zip): the CSV is written into a private
/// working folder beside the target, then zipped with the descriptor `describe` makes from the
/// report's result (and any `documents` the report left in that folder). The working folder is
/// removed whatever happens.
pub fn save<T: Packaged>(
    target: &Path,
    csv_name: &str,
    write: impl FnOnce(&Path) -> Result<T>,
    describe: impl FnOnce(&T) -> Result<Described>,
    created: NaiveDateTime,
) -> Result<T> {
    let name = target.file_name().ok_or_else(|| Error::Invalid(format!("{} is not a file name.", target.display())))?;
    let working = target.with_file_name(format!(".{}.parts", name.to_string_lossy()));
    let partial = target.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    crate::private_files::create_folder(&working)?;
    let saved = (|| {
        let written = write(&working.join(csv_name))?;
        let (table, documents) = describe(&written)?;
        let documents: Vec<(Document, String)> = documents
            .into_iter()
            .map(|document| {
                let file_name = document.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                (document, file_name)
            })
            .collect();
        let descriptor = descriptor(&table, csv_name, &documents, created);
        let mut files = vec![csv_name.to_owned()];
        files.extend(documents.iter().map(|(_, file_name)| file_name.clone()));
        zip_files(&partial, &working, &files, &descriptor, created)?;
        crate::durable::rename(&partial, target)?;
        let mut written = written;
        written.packaged_at(target);
        Ok(written)
    })();
    if saved.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    let _ = std::fs::remove_dir_all(&working);
    saved
}

fn zip_files(
    zip_path: &Path,
    folder: &Path,
    files: &[String],
    descriptor: &Value,
    created: NaiveDateTime,
) -> Result<()> {
    let zip_error = |e: zip::result::ZipError| Error::Io(std::io::Error::other(e));
    let out = BufWriter::new(crate::private_files::create_file(zip_path)?);
    let mut zip = ZipWriter::new(out);
    let stamp = zip::DateTime::from_date_and_time(
        created.year().clamp(1980, 2107) as u16,
        created.month() as u8,
        created.day() as u8,
        created.hour() as u8,
        created.minute() as u8,
        created.second() as u8,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o600);
    zip.start_file(DESCRIPTOR, options).map_err(zip_error)?;
    zip.write_all(serde_json::to_string_pretty(descriptor).map_err(|e| Error::Io(e.into()))?.as_bytes())?;
    for file_name in files {
        zip.start_file(file_name.as_str(), options).map_err(zip_error)?;
        std::io::copy(&mut File::open(folder.join(file_name))?, &mut zip)?;
    }
    let out = zip.finish().map_err(zip_error)?;
    out.into_inner().map_err(|e| Error::Io(e.into_error()))?.sync_all()?;
    Ok(())
}
