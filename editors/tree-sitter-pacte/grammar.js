/**
 * Tree-sitter grammar of Pacte (spec v0.2). Deliberately tolerant inside
 * blocks: an item is a keyword, a header and a block, and a block is a
 * sequence of words, values, operators and nested blocks, so that every
 * field of every item (v0.2 `revue`, `suivi`, `scénario` included) parses
 * without an error node; the words come from ../words.json, which
 * tests/editors.rs keeps equal to grammar/pacte.pest.
 */
const words = require('../words.json');

const ITEMS = ['contrat', 'indicateur', 'thème', 'theme', 'cadre', 'enveloppe', 'délégation',
  'delegation', 'diagnostic', 'revue', 'suivi', 'scénario', 'scenario'];
const unitWords = words.units.filter((u) => /^\p{L}+$/u.test(u));
const unitSymbols = words.units.filter((u) => !/^\p{L}+$/u.test(u));
const unique = (list) => [...new Set(list)].sort();
const keywordList = unique(words.keywords.filter((w) => !unitWords.includes(w)));
const constantList = unique(words.constants.filter((w) => !keywordList.includes(w) && !unitWords.includes(w)));
const functionList = unique(words.functions);

module.exports = grammar({
  name: 'pacte',

  extras: ($) => [/[\s\u00A0\u202F\uFEFF]/, ';', $.comment],

  word: ($) => $.identifier,

  conflicts: ($) => [[$.named_block, $._element]],

  rules: {
    source_file: ($) => repeat($._item),

    _item: ($) => choice($.import, $.item),

    import: ($) => seq('importe', field('path', $.string)),

    item: ($) => seq(
      field('kind', alias(choice(...ITEMS), $.item_keyword)),
      optional(field('name', choice($.name, $.string))),
      repeat(choice(
        seq(alias(choice('étend', 'etend'), $.keyword), field('parent', $.name)),
        alias('opposable', $.keyword),
        $.year_or_number,
        $.date,
      )),
      field('body', $.block),
    ),

    block: ($) => seq('{', repeat($._element), '}'),

    // `objectif marge { … }`, `aide fir { … }`, `action "…" { … }`,
    // `référence 2024 { … }`, `établissement { … }`.
    named_block: ($) => prec.dynamic(1, seq(
      field('kind', $.keyword),
      optional(field('name', choice($.name, $.string, $.year_or_number))),
      field('body', $.block),
    )),

    _element: ($) => choice(
      $.named_block,
      $.block,
      $.keyword,
      $.constant,
      $.function,
      $.name,
      $.quantity,
      $.year_or_number,
      $.unit,
      $.date,
      $.string,
      $.text_block,
      $.operator,
      $.punctuation,
    ),

    keyword: (_) => choice(...keywordList),
    constant: (_) => choice(...constantList),
    function: (_) => choice(...functionList),

    name: ($) => choice($.identifier, $.qualified_name),
    identifier: (_) => /[\p{L}_][\p{L}\p{N}_]*/,
    qualified_name: (_) => /[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)+/,

    year_or_number: (_) => token(/-?(\d{1,3}([ \u00A0\u202F]\d{3})+|\d+)([,.]\d+)?/),
    quantity: ($) => prec(1, seq($.year_or_number, $.unit)),
    unit: (_) => choice(...unitSymbols, ...unitWords),
    date: (_) => token(prec(2, /\d{4}-\d{2}-\d{2}/)),

    string: (_) => token(seq('"', repeat(choice(/[^"\\\n]/, /\\./)), '"')),
    text_block: (_) => token(seq('"""', repeat(choice(/[^"]/, /"[^"]/, /""[^"]/)), '"""')),

    operator: (_) => choice('>=', '<=', '≥', '≤', '>', '<', '=', '+', '-', '*', '/'),
    punctuation: (_) => choice(':', ',', '(', ')'),

    comment: (_) => token(seq('//', /.*/)),
  },
});
