//! Reading inputs safely (`docs/limites.md`): only regular files, read with
//! a size cap, so a FIFO, a device or `/dev/zero` is refused at once
//! instead of blocking or filling the memory.

use std::io::Read;
use std::path::Path;

/// The largest contract file read (`.pacte`, `.pacte.md`): 32 Mio.
pub const MAX_SOURCE: u64 = 32 * 1024 * 1024;
/// The largest figures file read (`--chiffres`): 256 Mio, room for the
/// national Hospi Diag extract.
pub const MAX_FIGURES: u64 = 256 * 1024 * 1024;

/// Why a file was not read, in French (after « impossible de lire « X » : »).
#[derive(Debug)]
pub struct ReadError(pub String);

/// Reads a regular file of at most `max` bytes.
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError(super::load::io_reason(&e)))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError(super::load::io_reason(&e)))?;
    // The path may have been swapped between the two calls: check the
    // opened file itself.
    let meta = file
        .metadata()
        .map_err(|e| ReadError(super::load::io_reason(&e)))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > max {
        return Err(too_big(max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError(super::load::io_reason(&e)))?;
    if bytes.len() as u64 > max {
        return Err(too_big(max));
    }
    Ok(bytes)
}

/// Reads a regular file as UTF-8 text (BOM kept), at most `max` bytes.
pub fn read_text(path: &Path, max: u64) -> Result<String, ReadError> {
    let bytes = read_regular(path, max)?;
    String::from_utf8(bytes).map_err(|_| ReadError("le fichier n'est pas encodé en UTF-8".into()))
}

fn not_regular(meta: &std::fs::Metadata) -> ReadError {
    ReadError(format!(
        "ce n'est pas un fichier ordinaire ({})",
        kind_of(meta)
    ))
}

fn too_big(max: u64) -> ReadError {
    ReadError(format!(
        "le fichier dépasse la taille maximale de {} Mio",
        max / (1024 * 1024)
    ))
}

/// What a non-regular file is, in French.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "tube nommé";
        }
        if t.is_char_device() || t.is_block_device() {
            return "périphérique";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    if meta.is_dir() {
        "dossier"
    } else {
        "fichier spécial"
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn devices_and_big_files_are_refused() {
        let e = read_regular(Path::new("/dev/zero"), MAX_SOURCE).unwrap_err();
        assert!(e.0.contains("n'est pas un fichier ordinaire"), "{}", e.0);
        let e = read_regular(Path::new("/dev/null"), MAX_SOURCE).unwrap_err();
        assert!(e.0.contains("périphérique"), "{}", e.0);
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("gros.pacte");
        std::fs::write(&big, vec![b' '; 2049]).unwrap();
        assert!(read_regular(&big, 2048)
            .unwrap_err()
            .0
            .contains("taille maximale"));
        assert_eq!(read_regular(&big, 4096).unwrap().len(), 2049);
    }
}
