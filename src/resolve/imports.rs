//! `importe` (E0107, E0108): an imported path is resolved lexically against
//! the importing file and must stay inside the checked tree — a path that
//! leaves it is never opened. Cycles are found on the import graph.

use std::path::{Component, Path, PathBuf};

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
    fn finds_cycles() {
        assert_eq!(
            find_cycle(&[vec![1], vec![2], vec![0]]),
            Some(vec![0, 1, 2, 0])
        );
        assert_eq!(find_cycle(&[vec![1], vec![2], vec![]]), None);
    }
}
