; Pacte — coloration (tree-sitter)

(comment) @comment
(string) @string
(text_block) @string.special
(import "importe" @keyword.import)

(item_keyword) @keyword
(keyword) @keyword
(constant) @constant.builtin
(function) @function.builtin
(unit) @type.builtin
(year_or_number) @number
(date) @number
(operator) @operator
(punctuation) @punctuation.delimiter
["{" "}"] @punctuation.bracket

; Names are coloured where they are defined; other names stay plain text,
; so that no two patterns capture the same node (engines differ on which wins).
(item name: (name (identifier) @type))
(item name: (name (qualified_name) @type))
(item parent: (name (identifier) @type))
(named_block name: (name (identifier) @function))
(block (name (qualified_name) @module))
