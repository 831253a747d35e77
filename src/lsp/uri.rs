//! `file:` URIs to paths and back (percent-encoding of UTF-8 bytes).

use std::path::{Path, PathBuf};

/// The path of a `file:` URI, `None` for any other scheme.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let decoded = decode(rest)?;
    // `file:///c%3A/x` on Windows.
    let decoded = match decoded.as_bytes() {
        [b'/', _, b':', ..] => decoded.get(1..).unwrap_or("").to_string(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The last segment of a URI, decoded: the name diagnostics are filed under.
pub fn file_name(uri: &str) -> String {
    let last = uri.rsplit('/').next().unwrap_or("");
    let name = decode(last).unwrap_or_else(|| last.to_string());
    if name.is_empty() {
        "document.pacte".into()
    } else {
        name
    }
}

fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let path = Path::new("/tmp/contrats ARS/ch_é.pacte");
        let uri = from_path(path);
        assert_eq!(uri, "file:///tmp/contrats%20ARS/ch_%C3%A9.pacte");
        assert_eq!(to_path(&uri).as_deref(), Some(path));
        assert_eq!(file_name(&uri), "ch_é.pacte");
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file:///x%zz"), None);
    }
}
