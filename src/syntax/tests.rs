use super::*;
use crate::source::{Origin, SourceMap};

fn parse_text(text: &str) -> (Option<ast::File>, Vec<Diagnostic>) {
    let mut map = SourceMap::new();
    let id = map.add("t.pacte", text, Origin::User);
    let mut diags = Diagnostics::new();
    let parsed = parse(map.get(id).unwrap(), &mut diags);
    (parsed.file, diags.into_vec())
}

#[test]
fn empty_file_is_fine() {
    let (file, diags) = parse_text("");
    assert_eq!(file.unwrap().items.len(), 0);
    assert!(diags.is_empty());
    let (file, _) = parse_text("// seulement un commentaire\n");
    assert_eq!(file.unwrap().items.len(), 0);
}
