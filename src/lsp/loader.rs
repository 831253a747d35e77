//! The editor server's source loader: the text of an open document as the
//! editor has it, else the file on disk, read by `pacte`'s own loader
//! ([`FsLoader`]: regular files only, with a size cap). The server reads
//! contracts only through it, so a document follows `importe` exactly as
//! `pacte check` does (`pipeline::load`).

use crate::cli::load::FsLoader;
use crate::resolve::imports::normalize;
use crate::resolve::loader::SourceLoader;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Open documents by path, then the disk.
#[derive(Default, Clone)]
pub struct EditorLoader {
    open: HashMap<PathBuf, Arc<String>>,
}

impl EditorLoader {
    pub fn new(open: HashMap<PathBuf, Arc<String>>) -> EditorLoader {
        EditorLoader { open }
    }

    /// The same loader with `path` read as `text` (the version being checked).
    pub fn with(&self, path: PathBuf, text: Arc<String>) -> EditorLoader {
        let mut open = self.open.clone();
        open.insert(path, text);
        EditorLoader { open }
    }

    /// A file's text (open document, else disk), if it is UTF-8.
    pub fn text(&self, path: &Path) -> Option<String> {
        String::from_utf8(self.read(path).ok()?).ok()
    }

    /// The Pacte files under a folder, as `pacte check FOLDER` finds them.
    pub fn discover(&self, folder: &Path) -> Vec<PathBuf> {
        crate::cli::load::discover(&[folder.to_path_buf()]).unwrap_or_default()
    }
}

impl SourceLoader for EditorLoader {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        match self.open.get(path) {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => FsLoader.read(path),
        }
    }

    /// Documents come with absolute paths (from `file:` URIs).
    fn absolute(&self, path: &Path) -> PathBuf {
        normalize(path).unwrap_or_else(|| path.to_path_buf())
    }

    fn name(&self, path: &Path) -> String {
        path.to_string_lossy().into_owned()
    }
}
