//! A partner's check of a data package, written from the Frictionless specifications (Data
//! Package, Tabular Data Resource, Table Schema) and not from Scriptorium's code: every tabular
//! file's header matches its schema's fields, and every cell its field's type, `required`,
//! `enum`, `minimum`/`maximum` and `pattern`, with the schema's `missingValues` read as "no value".

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use serde_json::Value;

/// A package opened and checked: its descriptor, and each tabular resource's name and rows.
pub struct CheckedPackage {
    pub descriptor: Value,
    pub tables: Vec<(String, Vec<Vec<String>>)>,
    pub files: Vec<String>,
}

/// Opens the zip at `path` and checks it whole; panics with every problem found.
pub fn check_package(path: &Path) -> CheckedPackage {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut files = HashMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        files.insert(entry.name().to_owned(), bytes);
    }
    let descriptor: Value = serde_json::from_slice(files.get("datapackage.json").expect("a datapackage.json")).unwrap();
    let mut problems = Vec::new();
    let mut tables = Vec::new();
    if descriptor["profile"] != "tabular-data-package" {
        problems.push(format!("package profile is {}", descriptor["profile"]));
    }
    let resources = descriptor["resources"].as_array().expect("resources");
    let names_ok = regex::Regex::new(r"^[a-z0-9._-]+$").unwrap();
    for resource in resources {
        let name = resource["name"].as_str().unwrap_or_default().to_owned();
        if !names_ok.is_match(&name) {
            problems.push(format!("resource name {name:?} is not lower-case letters, digits, '.', '-', '_'"));
        }
        let Some(bytes) = resource["path"].as_str().and_then(|p| files.get(p)) else {
            problems.push(format!("{name}: its path {} is not in the zip", resource["path"]));
            continue;
        };
        if resource["profile"] != "tabular-data-resource" {
            continue;
        }
        let rows = check_table(&name, resource, bytes, &mut problems);
        tables.push((name, rows));
    }
    assert!(problems.is_empty(), "{} problems in {}:\n{}", problems.len(), path.display(), problems.join("\n"));
    CheckedPackage { descriptor, tables, files: files.into_keys().collect() }
}

fn check_table(name: &str, resource: &Value, bytes: &[u8], problems: &mut Vec<String>) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("utf-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let dialect = &resource["dialect"];
    let delimiter = dialect["delimiter"].as_str().unwrap_or(",").as_bytes()[0];
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).from_reader(text.as_bytes());
    let mut records = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<String>>());
    let header = records.next().unwrap_or_default();
    let schema = &resource["schema"];
    let fields = schema["fields"].as_array().expect("schema fields");
    let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap_or_default()).collect();
    if header != names {
        problems.push(format!("{name}: header {header:?} is not the schema's fields {names:?}"));
    }
    let missing: Vec<&str> = match schema["missingValues"].as_array() {
        Some(values) => values.iter().filter_map(Value::as_str).collect(),
        None => vec![""],
    };
    let rows: Vec<Vec<String>> = records.collect();
    for (i, row) in rows.iter().enumerate() {
        let line = i + 2;
        if row.len() != fields.len() {
            problems.push(format!("{name} line {line}: {} cells for {} fields", row.len(), fields.len()));
            continue;
        }
        for (cell, field) in row.iter().zip(fields) {
            if let Err(problem) = check_cell(cell, field, &missing) {
                problems.push(format!("{name} line {line}, {}: {problem}", field["name"]));
            }
        }
    }
    rows
}

fn check_cell(cell: &str, field: &Value, missing: &[&str]) -> Result<(), String> {
    let constraints = &field["constraints"];
    if missing.contains(&cell) {
        return match constraints["required"].as_bool() {
            Some(true) => Err(format!("{cell:?} is no value, and the field is required")),
            _ => Ok(()),
        };
    }
    let number = match field["type"].as_str() {
        Some("string") => None,
        Some("integer") => Some(cell.parse::<i64>().map_err(|_| format!("{cell:?} is not an integer"))? as f64),
        Some("number") => Some(
            cell.parse::<f64>().ok().filter(|n| n.is_finite()).ok_or_else(|| format!("{cell:?} is not a number"))?,
        ),
        Some("date") => {
            chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").map_err(|_| format!("{cell:?} is not a date"))?;
            None
        }
        other => return Err(format!("type {other:?} is not one this check knows")),
    };
    if let Some(allowed) = constraints["enum"].as_array() {
        if !allowed.iter().any(|value| value.as_str() == Some(cell)) {
            return Err(format!("{cell:?} is not one of {allowed:?}"));
        }
    }
    if let (Some(n), Some(minimum)) = (number, constraints["minimum"].as_f64()) {
        if n < minimum {
            return Err(format!("{cell} is under the minimum {minimum}"));
        }
    }
    if let (Some(n), Some(maximum)) = (number, constraints["maximum"].as_f64()) {
        if n > maximum {
            return Err(format!("{cell} is over the maximum {maximum}"));
        }
    }
    if let Some(pattern) = constraints["pattern"].as_str() {
        // Table Schema patterns match the whole value.
        if !regex::Regex::new(&format!("^(?:{pattern})$")).unwrap().is_match(cell) {
            return Err(format!("{cell:?} does not match {pattern}"));
        }
    }
    Ok(())
}
