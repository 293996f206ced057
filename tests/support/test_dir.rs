//! Each test's data folder: in the temp folder, and removed when the test and every app launched
//! on it are done with it.

use std::path::Path;
use std::sync::Arc;

/// A test's data folder in the temp folder, removed when its last holder is dropped (a test may
/// relaunch the app on it).
#[derive(Clone)]
pub struct TestDir(Arc<tempfile::TempDir>);

impl TestDir {
    pub fn new(name: &str) -> TestDir {
        TestDir(Arc::new(tempfile::Builder::new().prefix(&format!("scriptorium-e2e-{name}-")).tempdir().unwrap()))
    }
}

impl AsRef<Path> for TestDir {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

impl std::ops::Deref for TestDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}
