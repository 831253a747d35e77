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

(item name: (name) @type.definition)
(item parent: (name) @type)
(named_block name: (name) @function)
(qualified_name) @module
(name (identifier) @variable)
