//! Reading a run's files: folders searched for `*.pacte` and `*.pacte.md`,
//! and [`FsLoader`], the file system as the pipeline's source loader
//! (`pipeline::load` decodes the files, E0002, and follows `importe`,
//! E0101, E0107, E0108, in `resolve/`).

use crate::resolve::imports::normalize;
use crate::resolve::loader::{Input, SourceLoader};
use crate::source::{Origin, SourceId, SourceMap};
use std::path::{Path, PathBuf};

pub use crate::resolve::loader::{LoadError, Workspace};

/// The file system, read-only: what `pacte` gives the pipeline to read
/// contracts and the files they import.
pub struct FsLoader;

impl SourceLoader for FsLoader {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        read_bytes_capped(path, super::files::MAX_SOURCE).map_err(|e| io_reason(&e))
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        absolute(path)
    }

    fn name(&self, path: &Path) -> String {
        relative_display(path)
    }
}

/// Lists the `.pacte` / `.pacte.md` files under the given paths.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    for path in paths {
        if is_stdin(path) {
            out.push(path.clone());
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| {
            LoadError(format!(
                "impossible de lire « {} » : {}",
                path.display(),
                io_reason(&e)
            ))
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let ignored = read_ignore_file(path);
            let root = Walk {
                canonical: std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
                ignored,
            };
            walk(path, &root, &mut found).map_err(|e| {
                LoadError(format!(
                    "impossible de parcourir « {} » : {}",
                    path.display(),
                    io_reason(&e)
                ))
            })?;
            found.sort();
            out.extend(found);
        } else if meta.is_file() {
            out.push(path.clone());
        } else {
            return Err(LoadError(format!(
                "impossible de lire « {} » : ce n'est pas un fichier ordinaire ({})",
                path.display(),
                super::files::kind_of(&meta)
            )));
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    Ok(out)
}

/// The paths listed in a folder's `.pacteignore` (one per line, relative to
/// the folder, `#` comments): skipped when the folder is searched, never when
/// named on the command line.
fn read_ignore_file(dir: &Path) -> Vec<PathBuf> {
    super::files::read_text(&dir.join(".pacteignore"), super::files::MAX_SOURCE)
        .map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| dir.join(l.trim_end_matches('/')))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether searching `roots` would skip `path` (a hidden file or folder,
/// `target`, or an entry of a root's `.pacteignore`): used for files that
/// exist only in a git revision.
pub fn is_ignored(path: &Path, roots: &[PathBuf]) -> bool {
    let clean = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect()
    };
    let path = clean(path);
    roots.iter().filter(|r| r.is_dir()).any(|root| {
        let Ok(rest) = path.strip_prefix(clean(root)) else {
            return false;
        };
        let hidden = rest.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') && name != "." && name != ".." || name == "target"
        });
        hidden
            || read_ignore_file(root)
                .iter()
                .any(|i| path.starts_with(clean(i)))
    })
}

/// A folder being searched: its real path (links must stay inside it) and
/// its `.pacteignore` entries.
struct Walk {
    canonical: PathBuf,
    ignored: Vec<PathBuf>,
}

/// Collects the Pacte files under `dir`. Links to folders are never
/// followed (no loop, no escape); a link to a file is read only when its
/// target is a regular file inside the searched folder; other special
/// files are skipped with a note.
fn walk(dir: &Path, root: &Walk, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.')
            || name == "target"
            || root.ignored.iter().any(|i| path.starts_with(i))
        {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, root, out)?;
        } else if kind.is_symlink() {
            if let Some(note) = linked(&path, root) {
                skipped(&path, note);
            } else if is_pacte_file(&path) {
                out.push(path);
            }
        } else if is_pacte_file(&path) {
            if kind.is_file() {
                out.push(path);
            } else {
                skipped(&path, "ce n'est pas un fichier ordinaire");
            }
        }
    }
    Ok(())
}

/// Why a link found in a folder is not read, if it is not.
fn linked(path: &Path, root: &Walk) -> Option<&'static str> {
    let Ok(target) = std::fs::canonicalize(path) else {
        return is_pacte_file(path).then_some("lien cassé");
    };
    let Ok(meta) = std::fs::metadata(&target) else {
        return Some("lien illisible");
    };
    if meta.is_dir() {
        return Some("lien vers un dossier, non suivi");
    }
    if !is_pacte_file(path) {
        return None;
    }
    if !meta.is_file() {
        return Some("ce n'est pas un fichier ordinaire");
    }
    if !target.starts_with(&root.canonical) {
        return Some("lien vers un fichier hors du dossier parcouru");
    }
    None
}

fn skipped(path: &Path, why: &str) {
    eprintln!("note : « {} » est ignoré : {why}", path.display());
}

/// `*.pacte` and `*.pacte.md`, in any case (`CONTRAT.PACTE`, as some
/// Windows tools write names).
pub fn is_pacte_file(path: &Path) -> bool {
    let name = path.to_string_lossy().to_lowercase();
    name.ends_with(".pacte") || name.ends_with(".pacte.md")
}

/// How a file read from standard input (`-`) is named in messages.
pub const STDIN_NAME: &str = "<entrée standard>";

/// Whether a path stands for standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A file's bytes, or standard input's for `-`.
pub fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    read_bytes_capped(path, super::files::MAX_FIGURES)
}

/// Standard input, or a regular file of at most `max` bytes (a FIFO or a
/// device is refused at once: `cli/files.rs`).
pub fn read_bytes_capped(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin().lock(), max.saturating_add(1)),
            &mut bytes,
        )?;
        if bytes.len() as u64 > max {
            return Err(std::io::Error::other(format!(
                "l'entrée dépasse la taille maximale de {} Mio",
                max / (1024 * 1024)
            )));
        }
        return Ok(bytes);
    }
    super::files::read_regular(path, max).map_err(|e| std::io::Error::other(e.0))
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "fichier ou dossier introuvable".into(),
        std::io::ErrorKind::PermissionDenied => "accès refusé".into(),
        _ => e.to_string(),
    }
}

/// The folder that contains every path given (imports may not leave it).
pub fn common_root(paths: &[PathBuf]) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let dirs: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            let abs = if p.is_absolute() {
                p.clone()
            } else {
                cwd.join(p)
            };
            let dir = if abs.is_dir() {
                abs
            } else {
                abs.parent().map(Path::to_path_buf).unwrap_or_default()
            };
            normalize(&dir).unwrap_or(dir)
        })
        .collect();
    let mut root = dirs.first().cloned().unwrap_or(cwd);
    for d in &dirs {
        while !d.starts_with(&root) {
            if !root.pop() {
                break;
            }
        }
    }
    root
}

/// How a given file is named in diagnostics: as given (`-` is standard input).
fn input(path: &Path) -> Input {
    let name = if is_stdin(path) {
        STDIN_NAME.to_string()
    } else {
        path.to_string_lossy().replace('\\', "/")
    };
    Input {
        path: path.to_path_buf(),
        name,
    }
}

/// Reads one file into the map: E0002 for invalid UTF-8, BOM dropped,
/// literate files reduced to their code.
pub fn read_source(
    map: &mut SourceMap,
    path: &Path,
    origin: Origin,
    diagnostics: &mut crate::diagnostic::Diagnostics,
) -> Result<(SourceId, bool), LoadError> {
    let input = input(path);
    let bytes = FsLoader.read(path).map_err(|reason| {
        LoadError(format!(
            "impossible de lire « {} » : {reason}",
            path.display()
        ))
    })?;
    Ok(crate::resolve::loader::decode(
        map,
        &input.name,
        bytes,
        origin,
        diagnostics,
    ))
}

/// Loads the std and the user's files, parses them, follows imports.
pub fn load(paths: &[PathBuf], std_dir: Option<&Path>) -> Result<Workspace, LoadError> {
    with_request(paths, std_dir, |req| crate::pipeline::load(&FsLoader, req))
}

/// Loads and checks the files: everything `pacte check` does but print.
pub fn check(
    paths: &[PathBuf],
    std_dir: Option<&Path>,
) -> Result<crate::pipeline::Checked, LoadError> {
    with_request(paths, std_dir, |req| crate::pipeline::check(&FsLoader, req))
}

/// The pipeline's request for paths given on the command line: the files
/// found under them, imports kept inside their common folder.
fn with_request<T>(
    paths: &[PathBuf],
    std_dir: Option<&Path>,
    run: impl FnOnce(&crate::pipeline::Request) -> Result<T, LoadError>,
) -> Result<T, LoadError> {
    let std: Option<Vec<Input>> = match std_dir {
        None => None,
        Some(dir) => Some(
            discover(&[dir.to_path_buf()])?
                .iter()
                .map(|p| input(p))
                .collect(),
        ),
    };
    let files: Vec<Input> = discover(paths)?.iter().map(|p| input(p)).collect();
    let root = common_root(paths);
    run(&crate::pipeline::Request {
        std: std.as_deref(),
        files: &files,
        root: Some(&root),
        max_imported: usize::MAX,
    })
}

fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    normalize(&abs).unwrap_or(abs)
}

fn relative_display(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = path
        .strip_prefix(&cwd)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    if shown.is_empty() {
        ".".to_string()
    } else {
        shown
    }
}
