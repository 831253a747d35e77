#!/usr/bin/env node
// Writes syntaxes/pacte.tmLanguage.json from ../words.json, the word lists
// taken from grammar/pacte.pest (tests/editors.rs keeps them equal).
// Run after `PACTE_UPDATE_WORDS=1 cargo test --test editors`.
'use strict';
const fs = require('fs');
const path = require('path');

const here = path.join(__dirname, '..');
const words = JSON.parse(fs.readFileSync(path.join(here, '..', 'words.json'), 'utf8'));

const L = '[\\p{L}_]';
const W = '[\\p{L}\\p{N}_]';
const escape = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sorted = (list) => [...list].sort();
const alt = (list) => `(?<!${W})(?:${sorted(list).map(escape).join('|')})(?!${W})`;
const number = '-?(?:\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+|\\d+)(?:[,.]\\d+)?';
const unitWords = words.units.filter((u) => /^\p{L}+$/u.test(u) && !['booleen', 'booléen', 'date', 'nombre'].includes(u));
const unitSymbols = words.units.filter((u) => !/^\p{L}+$/u.test(u));
const items = ['contrat', 'indicateur', 'thème', 'theme', 'cadre', 'enveloppe', 'délégation', 'delegation',
  'diagnostic', 'revue', 'suivi'];
const locals = ['objectif', 'condition', 'action', 'sous_action', 'aide'];

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Pacte',
  scopeName: 'source.pacte',
  fileTypes: ['pacte'],
  patterns: [
    { include: '#comment' },
    { include: '#text_block' },
    { include: '#string' },
    { include: '#item' },
    { include: '#local' },
    { include: '#date' },
    { include: '#quantity' },
    { include: '#comparators' },
    { include: '#operators' },
    { include: '#qualified' },
    { include: '#functions' },
    { include: '#keywords' },
    { include: '#constants' },
    { include: '#punctuation' },
  ],
  repository: {
    comment: { name: 'comment.line.double-slash.pacte', match: '//.*$' },
    text_block: {
      name: 'string.quoted.triple.pacte',
      begin: '"""',
      end: '"""',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.pacte' } },
      endCaptures: { 0: { name: 'punctuation.definition.string.end.pacte' } },
      contentName: 'meta.embedded.block.markdown',
      patterns: [{ include: 'text.html.markdown' }],
    },
    string: {
      name: 'string.quoted.double.pacte',
      begin: '"',
      end: '"|$',
      patterns: [{ name: 'constant.character.escape.pacte', match: '\\\\.' }],
    },
    item: {
      match: `(?<!${W})(${items.map(escape).join('|')})\\s+(${L}${W}*(?:\\.${L}${W}*)*)`,
      captures: {
        1: { name: 'keyword.other.item.pacte' },
        2: { name: 'entity.name.type.pacte' },
      },
    },
    local: {
      match: `(?<!${W})(${locals.map(escape).join('|')})\\s+(${L}${W}*)(?=\\s*[{:])`,
      captures: {
        1: { name: 'keyword.other.pacte' },
        2: { name: 'entity.name.function.pacte' },
      },
    },
    date: { name: 'constant.numeric.date.pacte', match: '(?<!\\d)\\d{4}-\\d{2}-\\d{2}(?!\\d)' },
    quantity: {
      match: `(?<!${W})(${number})(?:\\s*(${unitSymbols.map(escape).join('|')}|(?:${unitWords.map(escape).join('|')})(?!${W})))?`,
      captures: {
        1: { name: 'constant.numeric.pacte' },
        2: { name: 'keyword.other.unit.pacte' },
      },
    },
    comparators: { name: 'keyword.operator.comparison.pacte', match: '>=|<=|≥|≤|>|<|=' },
    operators: { name: 'keyword.operator.arithmetic.pacte', match: '[-+*/]' },
    qualified: {
      name: 'entity.name.namespace.theme.pacte',
      match: `(?<!${W})${L}${W}*(?:\\.${L}${W}*)+`,
    },
    functions: { name: 'support.function.pacte', match: alt(words.functions) },
    keywords: { name: 'keyword.other.pacte', match: alt(words.keywords) },
    constants: { name: 'constant.language.pacte', match: alt(words.constants) },
    punctuation: {
      patterns: [
        { name: 'punctuation.section.block.begin.pacte', match: '\\{' },
        { name: 'punctuation.section.block.end.pacte', match: '\\}' },
        { name: 'punctuation.separator.pacte', match: '[:;,]' },
      ],
    },
  },
};

// `scénario "nom"`: the name is a string.
grammar.repository.item.match = grammar.repository.item.match.replace('suivi)', 'suivi|scénario|scenario)');

fs.writeFileSync(path.join(here, 'syntaxes', 'pacte.tmLanguage.json'), JSON.stringify(grammar, null, 2) + '\n');

// ```pacte fences in Markdown (literate contracts).
const fence = {
  scopeName: 'markdown.pacte.codeblock',
  injectionSelector: 'L:text.html.markdown',
  patterns: [{ include: '#pacte-code-block' }],
  repository: {
    'pacte-code-block': {
      begin: '(^|\\G)(\\s*)(`{3,}|~{3,})\\s*(?i:(pacte)(\\s+[^`~]*)?$)',
      beginCaptures: { 3: { name: 'punctuation.definition.markdown' }, 4: { name: 'fenced_code.block.language.markdown' } },
      end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
      endCaptures: { 3: { name: 'punctuation.definition.markdown' } },
      name: 'markup.fenced_code.block.markdown',
      patterns: [{
        begin: '(^|\\G)(\\s*)(.*)',
        while: '(^|\\G)(?!\\s*([`~]{3,})\\s*$)',
        contentName: 'meta.embedded.block.pacte',
        patterns: [{ include: 'source.pacte' }],
      }],
    },
  },
};
fs.writeFileSync(path.join(here, 'syntaxes', 'pacte.markdown.tmLanguage.json'), JSON.stringify(fence, null, 2) + '\n');
console.log('syntaxes/pacte.tmLanguage.json, syntaxes/pacte.markdown.tmLanguage.json écrits');
