; Pacte — le Markdown des blocs de texte

((text_block) @injection.content
  (#set! injection.language "markdown"))
