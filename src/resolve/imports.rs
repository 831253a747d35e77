//! `importe` (E0101, E0107, E0108): an imported path is resolved lexically
//! against the importing file and must stay inside the checked tree — a
//! path that leaves it is never opened. Imported files are read through the
//! run's [`SourceLoader`], so `pacte check` and the editor server follow
//! imports alike. Cycles are found on the import graph.

use super::loader::{SourceLoader, Workspace};
use crate::ast::Item;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Origin, SourceId, Span};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The import edges found: importing file → (imported file, `importe` span).
type Edges = HashMap<SourceId, Vec<(SourceId, Span)>>;

/// Follows the `importe` items of the workspace's user files, depth first;
/// E0107 outside `root` (never opened), E0101 for a file that cannot be
/// read, E0108 for a cycle. At most `max` files are read through imports
/// (the others are left out silently).
pub fn follow(ws: &mut Workspace, loader: &dyn SourceLoader, root: &Path, max: usize) {
    let mut by_path: HashMap<PathBuf, SourceId> =
        ws.paths.iter().map(|(id, p)| (p.clone(), *id)).collect();
    let mut queue: Vec<SourceId> = ws.user.clone();
    let mut edges: Edges = HashMap::new();
    let mut read = 0usize;
    while let Some(id) = queue.pop() {
        let importer = match ws.paths.get(&id) {
            Some(p) => p.clone(),
            None => loader.absolute(Path::new(ws.map.path(id))),
        };
        for (target, span) in imports_of(ws, id) {
            let Some(path) = resolve_import(&importer, &target, root) else {
                ws.diagnostics
                    .push(outside(&target, span, &loader.name(root)));
                continue;
            };
            let target_id = match by_path.get(&path) {
                Some(&t) => t,
                None if read >= max => continue,
                None => {
                    let Ok(bytes) = loader.read(&path) else {
                        ws.diagnostics.push(not_found(&target, span));
                        continue;
                    };
                    read += 1;
                    let name = loader.name(&path);
                    let (t, ok) = super::loader::decode(
                        &mut ws.map,
                        &name,
                        bytes,
                        Origin::User,
                        &mut ws.diagnostics,
                    );
                    ws.user.push(t);
                    ws.paths.insert(t, path.clone());
                    by_path.insert(path, t);
                    if ok {
                        ws.parse(&[t]);
                    }
                    queue.push(t);
                    t
                }
            };
            edges.entry(id).or_default().push((target_id, span));
        }
    }
    for (id, targets) in &edges {
        ws.imports
            .insert(*id, targets.iter().map(|(t, _)| *t).collect());
    }
    report_cycle(ws, &edges);
}

fn imports_of(ws: &Workspace, id: SourceId) -> Vec<(String, Span)> {
    ws.parsed
        .get(&id)
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

fn outside(target: &str, span: Span, root: &str) -> Diagnostic {
    Diagnostic::new(Code::E0107, span, format!("l'import « {target} » sort de l'arborescence vérifiée"))
        .label("hors de l'arborescence")
        .help(format!("placez le fichier sous « {root} », ou lancez la vérification depuis un dossier qui le contient"))
        .note("par sécurité, un fichier hors de l'arborescence n'est jamais ouvert")
}

fn not_found(target: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E0101,
        span,
        format!("le fichier importé « {target} » est introuvable"),
    )
    .label("fichier introuvable")
    .help("vérifiez le chemin : il est relatif au fichier qui importe")
}

/// E0108 on the import that closes the first cycle found, searched from
/// the files in order of their paths: the same cycle, closed at the same
/// import, whatever order the files were given in (`pacte check FOLDER`,
/// or the editor checking a document last).
fn report_cycle(ws: &mut Workspace, edges: &Edges) {
    let mut ids: Vec<SourceId> = ws.user.clone();
    ids.sort_by_cached_key(|id| match ws.paths.get(id) {
        Some(p) => p.clone(),
        None => PathBuf::from(ws.map.path(*id)),
    });
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
        let message = format!("cycle d'imports : {}", names.join(" → "));
        ws.diagnostics.push(
            Diagnostic::new(Code::E0108, span, message)
                .label("cet import referme le cycle")
                .help("retirez cet import : les noms d'un fichier importé sont visibles de tous les fichiers vérifiés ensemble"),
        );
    }
}

/// The imported file's path, or `None` when it leaves `root` (E0107).
/// Purely lexical: `..` is resolved against the importing file's folder.
pub fn resolve_import(importer: &Path, target: &str, root: &Path) -> Option<PathBuf> {
    let base = importer.parent().unwrap_or(Path::new(""));
    let joined = normalize(&base.join(target))?;
    let root = normalize(root)?;
    joined.starts_with(&root).then_some(joined)
}

/// Removes `.` and `..` components without touching the file system;
/// `None` when `..` climbs above the path's start.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// The first import cycle among `edges` (file index → imported file
/// indices), as the list of files on it starting and ending with the same one.
pub fn find_cycle(edges: &[Vec<usize>]) -> Option<Vec<usize>> {
    let mut color = vec![0u8; edges.len()];
    for start in 0..edges.len() {
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        if color.get(start) != Some(&0) {
            continue;
        }
        while let Some(&(node, next)) = path.last() {
            if let Some(c) = color.get_mut(node) {
                *c = 1;
            }
            match edges.get(node).and_then(|e| e.get(next)) {
                Some(&dep) => {
                    if let Some(last) = path.last_mut() {
                        last.1 += 1;
                    }
                    match color.get(dep) {
                        Some(1) => {
                            let mut cycle: Vec<usize> = path
                                .iter()
                                .map(|(n, _)| *n)
                                .skip_while(|&n| n != dep)
                                .collect();
                            cycle.push(dep);
                            return Some(cycle);
                        }
                        Some(0) => path.push((dep, 0)),
                        _ => {}
                    }
                }
                None => {
                    if let Some(c) = color.get_mut(node) {
                        *c = 2;
                    }
                    path.pop();
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_leaving_the_root() {
        let root = Path::new("region");
        let importer = Path::new("region/contrats/a.pacte");
        assert_eq!(
            resolve_import(importer, "../cadre.pacte", root),
            Some(PathBuf::from("region/cadre.pacte"))
        );
        assert_eq!(resolve_import(importer, "../../secret.pacte", root), None);
        assert_eq!(
            resolve_import(importer, "../../region/x.pacte", root),
            Some(PathBuf::from("region/x.pacte"))
        );
    }

    #[test]
    fn imports_are_followed_through_the_loader() {
        use crate::pipeline::{check, Request};
        use crate::resolve::loader::{Input, MemoryLoader};
        let mut loader = MemoryLoader::default();
        let files = [
            (
                "/r/a.pacte",
                "importe \"b.pacte\"\nimporte \"absent.pacte\"\nimporte \"../x.pacte\"\n",
            ),
            ("/r/b.pacte", "importe \"c.pacte\"\n"),
            ("/r/c.pacte", "importe \"b.pacte\"\n"),
            ("/x.pacte", ""),
        ];
        for (path, text) in files {
            loader.files.insert(PathBuf::from(path), text.to_string());
        }
        let given = [Input {
            path: PathBuf::from("/r/a.pacte"),
            name: "a.pacte".into(),
        }];
        let request = Request {
            std: None,
            files: &given,
            root: Some(Path::new("/r")),
            max_imported: 10,
        };
        let checked = check(&loader, &request).unwrap();
        let found: Vec<(String, &str)> = checked
            .diagnostics
            .iter()
            .map(|d| {
                let file = checked.workspace.map.path(d.primary.span.source);
                (d.code.to_string(), file)
            })
            .collect();
        // b and c read through the loader (x never: it is outside the root).
        assert_eq!(checked.workspace.user.len(), 3);
        assert_eq!(
            found,
            [
                ("E0101".to_string(), "a.pacte"),
                ("E0107".to_string(), "a.pacte"),
                ("E0108".to_string(), "/r/c.pacte"),
            ]
        );
    }

    #[test]
    fn finds_cycles() {
        assert_eq!(
            find_cycle(&[vec![1], vec![2], vec![0]]),
            Some(vec![0, 1, 2, 0])
        );
        assert_eq!(find_cycle(&[vec![1], vec![2], vec![]]), None);
    }
}
