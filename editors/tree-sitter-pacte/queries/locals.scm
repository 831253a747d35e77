; Pacte — portées et définitions (tree-sitter)

(source_file) @local.scope
(item body: (block) @local.scope)

(item name: (name) @local.definition)
(named_block name: (name) @local.definition)

(name) @local.reference
