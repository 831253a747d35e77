//! The message loop. Three threads besides it: one reads the input (a
//! broken message becomes an error reply, never the end), one writes the
//! output, one checks documents. Edits only store the text and mark the
//! document pending, so typing never waits for a check; the checker takes
//! the latest text of a pending document, so ten quick edits cost one or
//! two checks, not ten.

use super::analysis::{self, Analysis};
use super::loader::EditorLoader;
use super::transport::{self, Incoming};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufReader, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// An open document.
struct Doc {
    version: i32,
    text: Arc<String>,
}

#[derive(Default)]
struct State {
    docs: HashMap<String, Doc>,
    /// Documents to check, oldest edit first.
    pending: Vec<String>,
    analyses: HashMap<String, Arc<Analysis>>,
    /// The workspace folder: imports may not leave it.
    root: Option<PathBuf>,
    /// Analyses being computed, so that a request and the checker asking
    /// for the same version compute it once.
    computing: Vec<(String, i32)>,
    stopping: bool,
}

/// What the loop and the checker share.
#[derive(Default)]
pub struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    /// Signalled when an analysis is stored.
    done: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The analysis of the document's current text, computed now if the
    /// checker has not got to it yet.
    pub fn analysis(&self, uri: &str) -> Option<Arc<Analysis>> {
        let (version, text, root) = {
            let mut st = self.lock();
            loop {
                let doc = st.docs.get(uri)?;
                let version = doc.version;
                if let Some(a) = st.analyses.get(uri).filter(|a| a.version == version) {
                    return Some(a.clone());
                }
                let key = (uri.to_string(), version);
                if !st.computing.contains(&key) {
                    let text = doc.text.clone();
                    st.computing.push(key);
                    break (version, text, st.root.clone());
                }
                st = self.done.wait(st).unwrap_or_else(|e| e.into_inner());
            }
        };
        let computed = catch_unwind(AssertUnwindSafe(|| {
            self.run_analysis(uri, version, text, root.as_deref())
        }));
        let mut st = self.lock();
        st.computing.retain(|(u, v)| !(u == uri && *v == version));
        let a = computed.ok().map(Arc::new);
        if let Some(a) = &a {
            if st.docs.get(uri).is_some_and(|d| d.version == version) {
                st.analyses.insert(uri.to_string(), a.clone());
            }
        }
        drop(st);
        self.done.notify_all();
        a
    }

    fn run_analysis(
        &self,
        uri: &str,
        version: i32,
        text: Arc<String>,
        root: Option<&Path>,
    ) -> Analysis {
        let open: HashMap<PathBuf, Arc<String>> = {
            let st = self.lock();
            st.docs
                .iter()
                .filter_map(|(u, d)| Some((super::uri::to_path(u)?, d.text.clone())))
                .collect()
        };
        let path = super::uri::to_path(uri);
        let name = super::uri::file_name(uri);
        let input = analysis::Input {
            version,
            name: &name,
            path: path.as_deref(),
            root,
            text,
        };
        analysis::analyse(input, &EditorLoader::new(open))
    }

    /// The text of an open document.
    pub fn text(&self, uri: &str) -> Option<Arc<String>> {
        self.lock().docs.get(uri).map(|d| d.text.clone())
    }

    /// The analyses of every open document (workspace symbols).
    pub fn all_analyses(&self) -> Vec<(String, Arc<Analysis>)> {
        let uris: Vec<String> = self.lock().docs.keys().cloned().collect();
        uris.into_iter()
            .filter_map(|u| Some((u.clone(), self.analysis(&u)?)))
            .collect()
    }
}

/// Runs the server over any byte streams until `exit` or the end of input.
pub fn serve(
    input: impl Read + Send + 'static,
    output: impl Write + Send + 'static,
) -> Result<(), String> {
    let (out, out_rx) = channel::<Value>();
    let writer = std::thread::spawn(move || {
        let mut output = output;
        for message in out_rx {
            if transport::write(&mut output, &message).is_err() {
                break;
            }
        }
    });
    let (in_tx, in_rx) = channel::<Incoming>();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(input);
        loop {
            let incoming = transport::read(&mut reader).unwrap_or(Incoming::Eof);
            let end = matches!(incoming, Incoming::Eof);
            if in_tx.send(incoming).is_err() || end {
                break;
            }
        }
    });
    let shared = Arc::new(Shared::default());
    let checker = {
        let shared = shared.clone();
        let out = out.clone();
        std::thread::spawn(move || check_loop(&shared, &out))
    };
    let mut session = Session {
        shared: shared.clone(),
        out,
        initialized: false,
        shut_down: false,
    };
    for incoming in in_rx {
        match incoming {
            Incoming::Eof => break,
            Incoming::Broken { code, message } => session.error(Value::Null, code, message),
            Incoming::Message(value) => {
                if !session.handle(value) {
                    break;
                }
            }
        }
    }
    shared.lock().stopping = true;
    shared.wake.notify_all();
    let _ = checker.join();
    drop(session);
    writer
        .join()
        .map_err(|_| "l'écriture des réponses a échoué".to_string())
}

struct Session {
    shared: Arc<Shared>,
    out: Sender<Value>,
    initialized: bool,
    shut_down: bool,
}

impl Session {
    fn send(&self, message: Value) {
        let _ = self.out.send(message);
    }

    fn error(&self, id: Value, code: i32, message: String) {
        self.send(json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}}));
    }

    /// Handles one message; `false` ends the loop.
    fn handle(&mut self, message: Value) -> bool {
        let id = message.get("id").cloned();
        let method = message
            .get("method")
            .and_then(Value::as_str)
            .map(str::to_string);
        let params = message.get("params").cloned().unwrap_or(Value::Null);
        let valid_id = id
            .as_ref()
            .is_some_and(|i| i.is_string() || i.is_i64() || i.is_u64());
        match (method, id) {
            (Some(method), None) => return self.notification(&method, &params),
            (Some(method), Some(id)) if valid_id => self.request(id, &method, &params),
            (None, Some(_)) if message.get("result").is_some() || message.get("error").is_some() => {
            }
            (_, id) => self.error(
                id.filter(|_| valid_id).unwrap_or(Value::Null),
                transport::INVALID_REQUEST,
                "message JSON-RPC invalide : il faut une méthode (et un identifiant entier ou texte pour une requête)".into(),
            ),
        }
        true
    }

    fn request(&mut self, id: Value, method: &str, params: &Value) {
        if method == "initialize" {
            self.initialized = true;
            let root = params
                .get("rootUri")
                .and_then(Value::as_str)
                .or_else(|| {
                    params
                        .pointer("/workspaceFolders/0/uri")
                        .and_then(Value::as_str)
                })
                .and_then(super::uri::to_path);
            self.shared.lock().root = root;
            let result = json!({
                "capabilities": super::capabilities(),
                "serverInfo": {"name": "pacte", "version": env!("CARGO_PKG_VERSION")},
            });
            return self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
        }
        if !self.initialized {
            return self.error(
                id,
                transport::SERVER_NOT_INITIALIZED,
                "le serveur attend d'abord la requête initialize".into(),
            );
        }
        if self.shut_down {
            return self.error(
                id,
                transport::INVALID_REQUEST,
                "le serveur est arrêté : seule la notification exit est attendue".into(),
            );
        }
        if method == "shutdown" {
            self.shut_down = true;
            return self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
        }
        // Answered off the loop: a request waiting for the analysis of a
        // large document never delays the edits that follow it.
        let shared = self.shared.clone();
        let out = self.out.clone();
        let (method, params) = (method.to_string(), params.clone());
        std::thread::spawn(move || {
            let answer = catch_unwind(AssertUnwindSafe(|| {
                super::answer(&shared, &method, &params)
            }));
            let reply = match answer {
                Ok(Ok(result)) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
                Ok(Err((code, message))) => {
                    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
                }
                Err(_) => json!({"jsonrpc": "2.0", "id": id, "error": {
                    "code": transport::INTERNAL_ERROR,
                    "message": format!("erreur interne en traitant {method}"),
                }}),
            };
            let _ = out.send(reply);
        });
    }

    /// Handles a notification; `false` on `exit`.
    fn notification(&mut self, method: &str, params: &Value) -> bool {
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .map(str::to_string);
        let version = params
            .pointer("/textDocument/version")
            .and_then(Value::as_i64)
            .and_then(|v| i32::try_from(v).ok())
            .unwrap_or(0);
        match (method, uri) {
            ("exit", _) => return false,
            ("textDocument/didOpen", Some(uri)) => {
                if let Some(text) = params.pointer("/textDocument/text").and_then(Value::as_str) {
                    self.store(uri, version, text.to_string());
                }
            }
            ("textDocument/didChange", Some(uri)) => {
                let changes = params.get("contentChanges").and_then(Value::as_array);
                let old = self.shared.text(&uri);
                if let Some(text) = changes.and_then(|c| apply_changes(old.as_deref(), c)) {
                    self.store(uri, version, text);
                }
            }
            ("textDocument/didClose", Some(uri)) => {
                let mut st = self.shared.lock();
                st.docs.remove(&uri);
                st.analyses.remove(&uri);
                st.pending.retain(|u| *u != uri);
                drop(st);
                self.send(publish(&uri, None, Vec::new()));
            }
            _ => {}
        }
        true
    }

    fn store(&self, uri: String, version: i32, text: String) {
        let mut st = self.shared.lock();
        st.docs.insert(
            uri.clone(),
            Doc {
                version,
                text: Arc::new(text),
            },
        );
        if !st.pending.contains(&uri) {
            st.pending.push(uri);
        }
        drop(st);
        self.shared.wake.notify_one();
    }
}

/// The text after the editor's changes: each replaces a range (incremental
/// sync, positions in UTF-16 units) or, without a range, the whole text.
fn apply_changes(old: Option<&String>, changes: &[Value]) -> Option<String> {
    let mut text = old.cloned();
    for change in changes {
        let new = change.get("text")?.as_str()?;
        let range = change
            .get("range")
            .and_then(|r| serde_json::from_value::<lsp_types::Range>(r.clone()).ok());
        text = Some(match (range, text) {
            (Some(r), Some(mut t)) => {
                let start = super::position::offset(&t, r.start);
                let end = super::position::offset(&t, r.end).max(start);
                t.replace_range(start..end, new);
                t
            }
            _ => new.to_string(),
        });
    }
    text
}

fn publish(uri: &str, version: Option<i32>, diagnostics: Vec<Value>) -> Value {
    let mut params = json!({"uri": uri, "diagnostics": diagnostics});
    if let (Some(v), Some(obj)) = (version, params.as_object_mut()) {
        obj.insert("version".into(), json!(v));
    }
    json!({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params})
}

/// Checks pending documents, newest text first served, until stopped.
fn check_loop(shared: &Shared, out: &Sender<Value>) {
    loop {
        let uri = {
            let mut st = shared.lock();
            while st.pending.is_empty() && !st.stopping {
                st = shared.wake.wait(st).unwrap_or_else(|e| e.into_inner());
            }
            if st.stopping {
                return;
            }
            st.pending.remove(0)
        };
        let checked = catch_unwind(AssertUnwindSafe(|| shared.analysis(&uri)));
        let Ok(Some(analysis)) = checked else {
            continue;
        };
        let current = shared.lock().docs.get(&uri).map(|d| d.version);
        if current != Some(analysis.version) {
            continue; // edited meanwhile: the newer text is pending
        }
        let diagnostics = super::diagnostics::to_lsp(&analysis);
        let _ = out.send(publish(&uri, Some(analysis.version), diagnostics));
    }
}
