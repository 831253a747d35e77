//! Reading a run's files: folders searched for `*.pacte` and `*.pacte.md`,
//! bytes checked as UTF-8 (E0002), literate files reduced to their code,
//! `importe` followed inside the checked tree (E0107, E0108), and the std.

use crate::ast::{File, Item};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::resolve::imports::{find_cycle, normalize, resolve_import};
use crate::source::{Origin, SourceId, SourceMap, Span};
use crate::syntax::Parsed;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Everything read for a run, parsed.
pub struct Workspace {
    pub map: SourceMap,
    pub std: Vec<SourceId>,
    /// User files, in the order given (folders sorted by path).
    pub user: Vec<SourceId>,
    pub parsed: HashMap<SourceId, Parsed>,
    pub diagnostics: Diagnostics,
}

impl Workspace {
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
}

/// A failure that stops the command (exit 2).
#[derive(Debug)]
pub struct LoadError(pub String);

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

/// Reads one file into the map: E0002 for invalid UTF-8, BOM dropped,
/// literate files reduced to their code.
pub fn read_source(
    map: &mut SourceMap,
    path: &Path,
    origin: Origin,
    diagnostics: &mut Diagnostics,
) -> Result<(SourceId, bool), LoadError> {
    let bytes = read_bytes_capped(path, super::files::MAX_SOURCE).map_err(|e| {
        LoadError(format!(
            "impossible de lire « {} » : {}",
            path.display(),
            io_reason(&e)
        ))
    })?;
    let shown = if is_stdin(path) {
        STDIN_NAME.to_string()
    } else {
        path.to_string_lossy().replace('\\', "/")
    };
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
    let text = if shown.to_lowercase().ends_with(".pacte.md") {
        crate::literate::extract_code(&text)
    } else {
        text
    };
    let id = map.add(shown, text, origin);
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
        return Ok((id, false));
    }
    Ok((id, true))
}

/// Loads the std and the user's files, parses them, follows imports.
pub fn load(paths: &[PathBuf], std_dir: Option<&Path>) -> Result<Workspace, LoadError> {
    let mut ws = Workspace {
        map: SourceMap::new(),
        std: Vec::new(),
        user: Vec::new(),
        parsed: HashMap::new(),
        diagnostics: Diagnostics::new(),
    };
    load_std(&mut ws, std_dir)?;
    let files = discover(paths)?;
    let root = common_root(paths);
    let mut readable = Vec::new();
    let mut by_path: HashMap<PathBuf, SourceId> = HashMap::new();
    for path in &files {
        let (id, ok) = read_source(&mut ws.map, path, Origin::User, &mut ws.diagnostics)?;
        ws.user.push(id);
        by_path.insert(absolute(path), id);
        if ok {
            readable.push(id);
        }
    }
    parse_into(&mut ws, &readable);
    follow_imports(&mut ws, &root, &mut by_path);
    Ok(ws)
}

fn load_std(ws: &mut Workspace, std_dir: Option<&Path>) -> Result<(), LoadError> {
    match std_dir {
        None => {
            for (path, text) in crate::std_lib::embedded() {
                let id = ws.map.add(path, text, Origin::Std);
                ws.std.push(id);
            }
        }
        Some(dir) => {
            for path in discover(&[dir.to_path_buf()])? {
                let (id, _) = read_source(&mut ws.map, &path, Origin::Std, &mut ws.diagnostics)?;
                ws.std.push(id);
            }
        }
    }
    let ids = ws.std.clone();
    parse_into(ws, &ids);
    Ok(())
}

fn parse_into(ws: &mut Workspace, ids: &[SourceId]) {
    for (id, parsed, diagnostics) in crate::pipeline::parse_all(&ws.map, ids) {
        ws.diagnostics.extend(diagnostics);
        ws.parsed.insert(id, parsed);
    }
}

fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    normalize(&abs).unwrap_or(abs)
}

/// Follows `importe` items breadth-first; E0107 outside the root (never
/// opened), E0101 for a missing file, E0108 for a cycle.
fn follow_imports(ws: &mut Workspace, root: &Path, by_path: &mut HashMap<PathBuf, SourceId>) {
    let mut queue: Vec<SourceId> = ws.user.clone();
    let mut edges: HashMap<SourceId, Vec<(SourceId, Span)>> = HashMap::new();
    while let Some(id) = queue.pop() {
        let imports: Vec<(String, Span)> = imports_of(ws.parsed.get(&id));
        let importer = absolute(Path::new(ws.map.path(id)));
        for (target, span) in imports {
            let Some(path) = resolve_import(&importer, &target, root) else {
                ws.diagnostics.push(
                    Diagnostic::new(Code::E0107, span, format!("l'import « {target} » sort de l'arborescence vérifiée"))
                        .label("hors de l'arborescence")
                        .help(format!("placez le fichier sous « {} », ou lancez la vérification depuis un dossier qui le contient", relative_display(root)))
                        .note("par sécurité, un fichier hors de l'arborescence n'est jamais ouvert"),
                );
                continue;
            };
            let target_id = match by_path.get(&path) {
                Some(&t) => t,
                None => {
                    let shown = relative_display(&path);
                    match read_source(
                        &mut ws.map,
                        Path::new(&shown),
                        Origin::User,
                        &mut ws.diagnostics,
                    ) {
                        Ok((t, ok)) => {
                            ws.user.push(t);
                            by_path.insert(path.clone(), t);
                            if ok {
                                parse_into(ws, &[t]);
                            }
                            queue.push(t);
                            t
                        }
                        Err(_) => {
                            ws.diagnostics.push(
                                Diagnostic::new(
                                    Code::E0101,
                                    span,
                                    format!("le fichier importé « {target} » est introuvable"),
                                )
                                .label("fichier introuvable")
                                .help("vérifiez le chemin : il est relatif au fichier qui importe"),
                            );
                            continue;
                        }
                    }
                }
            };
            edges.entry(id).or_default().push((target_id, span));
        }
    }
    report_cycle(ws, &edges);
}

fn imports_of(parsed: Option<&Parsed>) -> Vec<(String, Span)> {
    parsed
        .and_then(|p| p.file.as_ref())
        .map(|f| {
            f.items
                .iter()
                .filter_map(|i| match i {
                    Item::Importe(imp) => Some((imp.path.value.clone(), imp.span)),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
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

fn report_cycle(ws: &mut Workspace, edges: &HashMap<SourceId, Vec<(SourceId, Span)>>) {
    let ids: Vec<SourceId> = ws.user.clone();
    let index = |id: SourceId| ids.iter().position(|&x| x == id);
    let graph: Vec<Vec<usize>> = ids
        .iter()
        .map(|id| {
            edges
                .get(id)
                .map(|e| e.iter().filter_map(|(t, _)| index(*t)).collect())
                .unwrap_or_default()
        })
        .collect();
    let Some(cycle) = find_cycle(&graph) else {
        return;
    };
    let names: Vec<&str> = cycle
        .iter()
        .filter_map(|&i| ids.get(i))
        .map(|&id| ws.map.path(id))
        .collect();
    let (Some(&from), Some(&to)) = (cycle.get(cycle.len().saturating_sub(2)), cycle.last()) else {
        return;
    };
    let (Some(&from_id), Some(&to_id)) = (ids.get(from), ids.get(to)) else {
        return;
    };
    let span = edges
        .get(&from_id)
        .and_then(|e| e.iter().find(|(t, _)| *t == to_id))
        .map(|(_, s)| *s);
    if let Some(span) = span {
        ws.diagnostics.push(
            Diagnostic::new(Code::E0108, span, format!("cycle d'imports : {}", names.join(" → ")))
                .label("cet import referme le cycle")
                .help("retirez cet import : les noms d'un fichier importé sont visibles de tous les fichiers vérifiés ensemble"),
        );
    }
}
