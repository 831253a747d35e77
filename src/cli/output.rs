//! Writing to stdout without panicking on a closed pipe (`pacte … | head`),
//! and writing files atomically, only when their content changes: the text
//! goes to a temporary file created beside the target with an exclusive,
//! unpredictable name (`tempfile`), then replaces the target by a rename.
//! A symlinked target is written through (the link stays, its target
//! changes); an existing target keeps its permissions; a read-only or
//! special file is refused.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Prints to stdout; a closed pipe is not an error.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Writes `content` to `path` atomically. Returns `Ok(false)` when the file
/// already had this content (nothing written).
pub fn write_atomic(path: &Path, content: &str) -> std::io::Result<bool> {
    let target = resolve(path)?;
    let existing = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing {
        writable(&target, meta)?;
        let old = super::files::read_regular(&target, super::files::MAX_FIGURES)
            .map_err(|e| std::io::Error::other(e.0))?;
        if old == content.as_bytes() {
            return Ok(false);
        }
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Removed on drop (an error, a panic): only a killed process leaves
    // one, hidden (`.NAME.XXXXXX.tmp`) and skipped when folders are searched.
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(content.as_bytes())?;
    if let Some(meta) = &existing {
        std::fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(true)
}

/// The file a write lands in: the target of a symlink, else the path.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path)
            .map_err(|_| std::io::Error::other("le lien symbolique ne mène à aucun fichier")),
        _ => Ok(path.to_path_buf()),
    }
}

/// Refuses to replace a special file or a file the user may not write.
fn writable(path: &Path, meta: &std::fs::Metadata) -> std::io::Result<()> {
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "ce n'est pas un fichier ordinaire ({})",
            super::files::kind_of(meta)
        )));
    }
    let read_only = meta.permissions().readonly()
        || std::fs::OpenOptions::new().append(true).open(path).is_err();
    if read_only {
        return Err(std::io::Error::other("le fichier est en lecture seule"));
    }
    Ok(())
}
