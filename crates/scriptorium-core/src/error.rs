//! One error type for the whole app. The UI receives it as `{kind, message}` so it can
//! show the message to the person and branch on the kind, never on the wording.

use serde::ser::SerializeStruct;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input a person can correct: the message says exactly what to change.
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotFound(String),
    /// The request clashes with the current state (e.g. a writer already signed in).
    #[error("{0}")]
    Conflict(String),
    /// A director-only command while the director area is locked.
    #[error("The director area is locked. Unlock it with the director PIN.")]
    Locked,
    #[error("Too many wrong tries. Try again in {seconds} seconds.")]
    TooManyTries { seconds: i64 },
    #[error("Wrong PIN. {tries_left} more tries before a pause.")]
    WrongPin { tries_left: i64 },
    #[error(
        "This database was written by a newer version of Scriptorium (schema {found}, this app knows up to {supported}). \
         It was not opened or changed; install the newer version to use it."
    )]
    DatabaseTooNew { found: i64, supported: i64 },
    /// A database file that fails SQLite's integrity checks or can't be read as a database.
    #[error("The database file is damaged: {0}")]
    Damaged(String),
    #[error("Database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("File error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Locked => "locked",
            Error::TooManyTries { .. } => "too_many_tries",
            Error::WrongPin { .. } => "wrong_pin",
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::Damaged(_) => "damaged",
            Error::Database(_) => "database",
            Error::Io(_) => "io",
        }
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_kind_and_message() {
        let json = serde_json::to_value(Error::Invalid("Last name is required.".into())).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "invalid", "message": "Last name is required."}));
    }
}
