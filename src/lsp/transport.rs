//! The LSP base protocol over a byte stream, written to survive any input:
//! a header without `Content-Length`, a length that is not a number or
//! above [`MAX_CONTENT_LENGTH`] (skipped without allocating), a body that
//! is not UTF-8 or not JSON each give a [`Incoming::Broken`] the server
//! answers with a JSON-RPC error, and reading goes on with the next message.
//! Garbage before a header (the tail of a body whose length was wrong) is
//! skipped: the header is found anywhere in its line.

use serde_json::Value;
use std::io::{self, BufRead, Read, Write};

/// The largest body accepted: 64 MiB, about thirty times a 52 000-line
/// contract. A longer one is read through and dropped.
pub const MAX_CONTENT_LENGTH: usize = 64 * 1024 * 1024;

/// Header lines longer than this are garbage, read through in pieces.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// JSON-RPC error codes.
pub const PARSE_ERROR: i32 = -32700;
pub const INVALID_REQUEST: i32 = -32600;
pub const METHOD_NOT_FOUND: i32 = -32601;
pub const INVALID_PARAMS: i32 = -32602;
pub const INTERNAL_ERROR: i32 = -32603;
pub const SERVER_NOT_INITIALIZED: i32 = -32002;
pub const REQUEST_FAILED: i32 = -32803;

/// One read from the stream.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed JSON body.
    Message(Value),
    /// A message that could not be read, with the error to answer.
    Broken { code: i32, message: String },
    /// The stream ended.
    Eof,
}

/// Reads the next message.
pub fn read(reader: &mut impl BufRead) -> io::Result<Incoming> {
    read_capped(reader, MAX_CONTENT_LENGTH)
}

/// Reads the next message, refusing bodies longer than `cap`.
pub fn read_capped(reader: &mut impl BufRead, cap: usize) -> io::Result<Incoming> {
    let Some(length) = read_header(reader)? else {
        return Ok(Incoming::Eof);
    };
    let length = match length {
        Ok(n) => n,
        Err(message) => {
            return Ok(Incoming::Broken {
                code: INVALID_REQUEST,
                message,
            })
        }
    };
    if length > cap {
        let skipped = io::copy(&mut reader.by_ref().take(length as u64), &mut io::sink())?;
        if (skipped as usize) < length {
            return Ok(Incoming::Eof);
        }
        return Ok(Incoming::Broken {
            code: INVALID_REQUEST,
            message: format!("message trop long : {length} octets, la limite est de {cap} octets"),
        });
    }
    let mut body = vec![0; length];
    if let Err(e) = reader.read_exact(&mut body) {
        return match e.kind() {
            io::ErrorKind::UnexpectedEof => Ok(Incoming::Eof),
            _ => Err(e),
        };
    }
    Ok(parse_body(&body))
}

fn parse_body(body: &[u8]) -> Incoming {
    let Ok(text) = std::str::from_utf8(body) else {
        return Incoming::Broken {
            code: PARSE_ERROR,
            message: "le message n'est pas encodé en UTF-8".into(),
        };
    };
    match serde_json::from_str::<Value>(text) {
        Ok(value) if value.is_object() => Incoming::Message(value),
        Ok(_) => Incoming::Broken {
            code: INVALID_REQUEST,
            message: "le message n'est pas un objet JSON-RPC".into(),
        },
        Err(e) => Incoming::Broken {
            code: PARSE_ERROR,
            message: format!("le message n'est pas du JSON valide : {e}"),
        },
    }
}

/// The headers up to the blank line: `None` at the end of the stream, else
/// the body's length or why it is unknown.
fn read_header(reader: &mut impl BufRead) -> io::Result<Option<Result<usize, String>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut seen_header = false;
    loop {
        let mut line = Vec::new();
        let n = reader
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if line.last() != Some(&b'\n') && n as u64 == MAX_HEADER_LINE {
            continue; // an overlong line: garbage
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if seen_header {
                break;
            }
            continue;
        }
        if let Some(value) = header_value(text, "content-length:") {
            seen_header = true;
            length =
                Some(value.trim().parse::<usize>().map_err(|_| {
                    format!("en-tête Content-Length invalide : « {} »", value.trim())
                }));
        } else if header_value(text, "content-type:").is_some() {
            seen_header = true;
        }
    }
    Ok(Some(length.unwrap_or_else(|| {
        Err("en-tête Content-Length manquant".to_string())
    })))
}

/// The value of a header found anywhere in the line (case-insensitive), so
/// that leftover bytes before it do not lose the message.
fn header_value<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find(name)?;
    line.get(at + name.len()..)
}

/// Writes one message with its header.
pub fn write(writer: &mut impl Write, message: &Value) -> io::Result<()> {
    let body = message.to_string();
    write!(writer, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn all(input: &[u8]) -> Vec<String> {
        let mut reader = io::BufReader::new(input);
        let mut out = Vec::new();
        loop {
            match read_capped(&mut reader, 100) {
                Ok(Incoming::Message(v)) => out.push(v.to_string()),
                Ok(Incoming::Broken { code, .. }) => out.push(code.to_string()),
                Ok(Incoming::Eof) | Err(_) => return out,
            }
        }
    }

    #[test]
    fn broken_messages_are_reported_and_reading_goes_on() {
        let mut input = Vec::new();
        input.extend(framed("{\"a\":1}").bytes());
        input.extend(b"Content-Length: 3\r\n\r\n\xff\xfe}");
        input.extend(framed("{nope").bytes());
        input.extend(b"Content-Length: douze\r\n\r\n");
        input.extend(b"Content-Length: 4\r\n\r\n{\"b\":2}"); // too short: tail is garbage
        input.extend(framed("{\"c\":3}").bytes());
        input.extend(b"Content-Length: 101\r\n\r\n");
        input.extend([b' '; 101]);
        input.extend(framed("[1]").bytes());
        input.extend(framed("{\"d\":4}").bytes());
        assert_eq!(
            all(&input),
            [
                "{\"a\":1}",
                "-32700",
                "-32700",
                "-32600",
                "-32700",
                "{\"c\":3}",
                "-32600",
                "-32600",
                "{\"d\":4}"
            ]
        );
    }
}
