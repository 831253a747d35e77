; Pacte — replis (tree-sitter)

(block) @fold
(text_block) @fold
