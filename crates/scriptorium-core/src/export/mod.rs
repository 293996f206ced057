//! CSV reports that leave the machine. Everything here is about what a partner may see: files
//! are written whole or not at all, open cleanly in Excel, and cannot smuggle formulas. A partner
//! report can also be saved as a data package: the CSV with a machine-readable description.

pub mod csv_file;
pub mod data_package;
mod deidentified_readme;
mod deidentified_sessions;
mod deidentified_writer;
pub mod package_schemas;
pub mod pseudonym;
pub mod quasi_identifiers;
pub mod reports;
pub mod suppression;
pub mod weekly_summary;
