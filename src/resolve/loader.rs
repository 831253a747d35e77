//! Reading sources without touching the file system. A [`SourceLoader`]
//! gives a file's bytes: `pacte` reads the disk (`cli/load.rs`), the editor
//! server prefers the text of its open documents (`lsp/loader.rs`), tests
//! may serve a map in memory. [`decode`] turns bytes into a source (E0002,
//! BOM, literate files); a [`Workspace`] holds everything read for a run.
//! `pipeline::load` is the one entry that reads a run's files and follows
//! their imports (`imports::follow`).

use crate::ast::File;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::{Origin, SourceId, SourceMap, Span};
use crate::syntax::Parsed;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Read-only access to the files of a run.
pub trait SourceLoader {
    /// A file's bytes, or the French reason it cannot be read
    /// (« fichier ou dossier introuvable »).
    fn read(&self, path: &Path) -> Result<Vec<u8>, String>;
    /// The absolute, normalised form of a path: imports are resolved
    /// against it and must stay inside the run's root.
    fn absolute(&self, path: &Path) -> PathBuf;
    /// How a file (or the root folder) reached through `importe` is named
    /// in diagnostics.
    fn name(&self, path: &Path) -> String;
}

/// A file given to a run: where to read it and how diagnostics name it.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub name: String,
}

/// A failure that stops the command (exit 2).
#[derive(Debug)]
pub struct LoadError(pub String);

/// Everything read for a run, parsed.
pub struct Workspace {
    pub map: SourceMap,
    pub std: Vec<SourceId>,
    /// User files, in the order given, then those reached through imports.
    pub user: Vec<SourceId>,
    pub parsed: HashMap<SourceId, Parsed>,
    pub diagnostics: Diagnostics,
    /// The absolute path of each user file read through the loader.
    pub paths: HashMap<SourceId, PathBuf>,
    /// The files each user file imports (resolved, in order).
    pub imports: HashMap<SourceId, Vec<SourceId>>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new()
    }
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            map: SourceMap::new(),
            std: Vec::new(),
            user: Vec::new(),
            parsed: HashMap::new(),
            diagnostics: Diagnostics::new(),
            paths: HashMap::new(),
            imports: HashMap::new(),
        }
    }

    /// The files to analyse: std first, then the user's files that parsed.
    pub fn files(&self) -> Vec<File> {
        self.std
            .iter()
            .chain(&self.user)
            .filter_map(|id| self.parsed.get(id)?.file.clone())
            .collect()
    }

    /// Sort key for diagnostics: user files in order, std last.
    pub fn file_rank(&self, span: Span) -> (usize, String) {
        let rank = self
            .user
            .iter()
            .position(|&id| id == span.source)
            .unwrap_or(usize::MAX);
        (rank, self.map.path(span.source).to_string())
    }

    /// A file and every file it imports, directly or not (each once).
    pub fn closure(&self, id: SourceId) -> Vec<SourceId> {
        let mut out = vec![id];
        let mut next = 0;
        while let Some(&current) = out.get(next) {
            for &t in self.imports.get(&current).into_iter().flatten() {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
            next += 1;
        }
        out
    }

    /// Parses sources of the map into the workspace (in parallel).
    pub fn parse(&mut self, ids: &[SourceId]) {
        for (id, parsed, diagnostics) in crate::pipeline::parse_all(&self.map, ids) {
            self.diagnostics.extend(diagnostics);
            self.parsed.insert(id, parsed);
        }
    }

    /// Reads a given file through the loader into the map; a file that
    /// cannot be read stops the run. Returns its id and whether it is
    /// valid UTF-8.
    pub fn read(
        &mut self,
        loader: &dyn SourceLoader,
        input: &Input,
        origin: Origin,
    ) -> Result<(SourceId, bool), LoadError> {
        let bytes = loader.read(&input.path).map_err(|reason| {
            LoadError(format!(
                "impossible de lire « {} » : {reason}",
                input.path.display()
            ))
        })?;
        Ok(decode(
            &mut self.map,
            &input.name,
            bytes,
            origin,
            &mut self.diagnostics,
        ))
    }
}

/// Adds a file's bytes to the map under `name`: E0002 for invalid UTF-8,
/// BOM dropped, literate files (`.pacte.md`) reduced to their code.
/// Returns the id and whether the text is valid UTF-8.
pub fn decode(
    map: &mut SourceMap,
    name: &str,
    bytes: Vec<u8>,
    origin: Origin,
    diagnostics: &mut Diagnostics,
) -> (SourceId, bool) {
    let (text, valid) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text);
    let text = if name.to_lowercase().ends_with(".pacte.md") {
        crate::literate::extract_code(&text)
    } else {
        text
    };
    let id = map.add(name, text, origin);
    if let Some(at) = valid {
        let width = map
            .get(id)
            .and_then(|s| s.text.get(at..))
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        diagnostics.push(
            Diagnostic::new(Code::E0002, Span::new(id, at, at + width), "le fichier n'est pas encodé en UTF-8")
                .label("octet invalide")
                .help("réenregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer sous » › encodage UTF-8)"),
        );
        return (id, false);
    }
    (id, true)
}

/// A loader over texts in memory, keyed by absolute path: for tests and
/// tools. Names are the paths.
#[derive(Debug, Default, Clone)]
pub struct MemoryLoader {
    pub files: HashMap<PathBuf, String>,
}

impl SourceLoader for MemoryLoader {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        self.files
            .get(path)
            .map(|t| t.clone().into_bytes())
            .ok_or_else(|| "fichier ou dossier introuvable".to_string())
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        let path = Path::new("/").join(path);
        super::imports::normalize(&path).unwrap_or(path)
    }

    fn name(&self, path: &Path) -> String {
        path.to_string_lossy().into_owned()
    }
}
