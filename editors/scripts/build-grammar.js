#!/usr/bin/env node
// Builds editors/vscode/syntaxes/attain-rules.tmLanguage.json, the TextMate grammar of the
// rule language (grammar/grammar.hpp is the truth; docs/language.md the reference).
//
//   node scripts/build-grammar.js          write the JSON
//   node scripts/build-grammar.js --check  exit 1 if the JSON is not what this script makes
//
// Edit this file, not the JSON: the regular expressions share building blocks (identifier,
// number, string, keyword boundaries) that the JSON would repeat dozens of times.
//
// How the grammar follows the language. TextMate matches one line at a time with regular
// expressions, so it cannot parse; it follows the structure with nested begin/end regions:
//
// - Blocks. Every declaration is a region from its keyword to the '}' of its body, and the
//   body region allows only what the grammar allows there (an area body takes goals, a goal
//   body does not, a budget body takes budget properties, ...). What is not allowed is
//   scoped invalid.illegal, so `targt`, an indicator at the top level or `%` after a target
//   bound shows up red.
// - Keywords are not reserved. A keyword is recognised only where the parser would see it:
//   in `budget budget` the first word starts the property region and the second one is the
//   region's end token (a column name). Declaration ids (`indicator annual "..."`) work the
//   same way.
// - Properties that end in a known token (`unit ID`, `data REFERENCE`, `weight 2`,
//   `description "..."`) are regions that end on that token, so they may span lines as the
//   language allows. Properties whose end cannot be told by their own last token (`target`,
//   `value`, `compare`, `breakdowns`, `expect`) end where the next property keyword or the
//   closing '}' begins (or, for `target` and `compare`, with their closing text).
// - Lists (`members`, `lines`, `columns`, `months`) end after an item that is not followed by
//   a comma on the same line: a list may break lines after a comma, not before one.
// - Chains. The properties of a rule test (`given REF [previous] = VALUE`,
//   `expect SUBJECT [trend|commentary] WHAT`) are regions nested one in another, one per
//   step: `given` holds the REF region, which holds the `previous` and '=' regions, and so
//   on. The innermost region ends on the property's last token; every region of the chain
//   ends right after a token (AFTER_TOKEN: a word, a number or a text), so they close one
//   after another behind that last token, and a wrong token (`given x 91`) is marked and
//   ends the property there instead of taking the lines after it.

'use strict';

const fs = require('fs');
const path = require('path');

const OUT = path.join(__dirname, '..', 'vscode', 'syntaxes', 'attain-rules.tmLanguage.json');
const LANG = 'attain-rules';

// Scope names all end in the language name, as TextMate conventions ask.
const sc = (name) => `${name}.${LANG}`;

// ---------------------------------------------------------------------------------------
// Lexical building blocks (Oniguruma syntax).

const W = '[A-Za-z0-9_]'; // an identifier character
const ID = '[A-Za-z_][A-Za-z0-9_]*';
// 220_000: '_' groups the integer part, one to three digits first and then exactly three
// (`22_0000` is E0125, so it is no number here either).
const DIGITS = '(?:[0-9]{1,3}(?:_[0-9]{3})+|[0-9]+)';
const LIT = `(?<!${W})${DIGITS}(?:[.,][0-9]+)?(?!${W})`; // 3,5 0.96 (no sign)
const NUM = `(?<!${W})-?${DIGITS}(?:[.,][0-9]+)?(?!${W})`; // -143 3,5 (target bounds, const)
const STRING = String.raw`(")((?:[^"\\\n]|\\.)*)(")`; // one line; \" and \\ only
const CMP = '>=|<=|\u2265|\u2264|>|<|='; // >= <= ≥ ≤ > < =
// A keyword counts only as a whole word (TAO_PEGTL_KEYWORD).
const kw = (...words) => `(?<!${W})(${words.join('|')})(?!${W})`;
// Lookahead for a keyword that ends an open-ended property. A word right before '.' or '@'
// begins a reference (`expect expect.expect@expect`), so it is no keyword.
const at = (...words) => `(?=(?<!${W})(?:${words.join('|')})(?![A-Za-z0-9_.@]))`;
// Lookahead for anything but whitespace, a number or a comment: ends a region whose tokens
// are numbers and keywords (with applyEndPatternLast, so that those keywords win).
const NOT_NUMBER = '(?=[^\\s0-9#])';
const CLOSE = String.raw`(?=\})`; // every region gives way to the '}' of its block
// Right after a word, a number or a text, but not right after the region's own begin (\G):
// ends each region of a chain (see the header) once the region inside it has closed.
const AFTER_TOKEN = `(?!\\G)(?<=[A-Za-z0-9_"])`;

// A dataset reference: table.row[.child...][@column]; '*' stands for any row (patterns)
// or the member's row (families). REF0 takes a bare table name too (as after `data`);
// an expression needs at least one '.' to tell a reference from an indicator's name.
const refParts = (rows) => `(${ID})((?:\\.(?:${ID}|\\*))${rows})(?:(@)(${ID}))?`;
const REF0 = refParts('*');
const REF1 = refParts('+');
const refCaptures = {
  1: { name: sc('variable.other.table') },
  2: {
    patterns: [
      { match: '\\.', name: sc('punctuation.accessor') },
      { match: '\\*', name: sc('variable.language.wildcard') },
      { match: ID, name: sc('variable.other.row') },
    ],
  },
  3: { name: sc('punctuation.separator.column') },
  4: { name: sc('variable.other.column') },
};

// The captures of STRING; with n > 0, of `(${STRING})` as groups n to n + 3.
const stringCapturesAt = (n) => ({
  [n]: { name: sc('string.quoted.double') },
  [n + 1]: { name: sc('punctuation.definition.string.begin') },
  // The name again: vscode-textmate gives a capture that has patterns the region's scopes,
  // not those of the captures around it.
  [n + 2]: { name: sc('string.quoted.double'), patterns: [{ include: '#string-escape' }] },
  [n + 3]: { name: sc('punctuation.definition.string.end') },
});
const stringCaptures = stringCapturesAt(0);

// What a rule test gives a value to or expects of: an indicator's id or a dataset reference
// (table.row[.child...][@column], no '*'); for a check, check.row.column.
const TEST_REF = `(${ID})((?:\\.${ID})+)(?:(@)(${ID}))?|(${ID})(@)(${ID})|(${ID})`;
const testRefCaptures = {
  ...refCaptures,
  5: { name: sc('variable.other.table') },
  6: { name: sc('punctuation.separator.column') },
  7: { name: sc('variable.other.column') },
  8: { name: sc('variable.other.name') },
};

const inc = (name) => ({ include: `#${name}` });

// A property `KEYWORD ...` whose last token is its end.
function prop(keywordRe, keywordScope, end, endCaptures, patterns, metaName) {
  return {
    name: sc(`meta.property.${metaName}`),
    begin: keywordRe,
    beginCaptures: { 1: { name: sc(keywordScope) } },
    end,
    endCaptures,
    patterns: [inc('comment'), ...(patterns || []), inc('illegal')],
  };
}

// A block: `{`, the body's patterns, `}`.
function block(metaName, patterns) {
  return {
    name: sc(`meta.block.${metaName}`),
    begin: '\\{',
    beginCaptures: { 0: { name: sc('punctuation.section.block.begin') } },
    end: '\\}',
    endCaptures: { 0: { name: sc('punctuation.section.block.end') } },
    patterns: [inc('comment'), ...patterns, inc('illegal')],
  };
}

// A declaration `KEYWORD id "Display name" { body }`. The region ends right after the
// body's '}' (or before a stray '}' when the body never opened).
function declaration(keyword, idScope, body) {
  return {
    name: sc(`meta.declaration.${keyword}`),
    begin: kw(keyword),
    beginCaptures: { 1: { name: sc(`keyword.control.declaration.${keyword}`) } },
    end: String.raw`(?<=\})|(?=\})`,
    patterns: [
      inc('comment'),
      {
        // the id, then the display name
        begin: ID,
        beginCaptures: { 0: { name: sc(idScope) } },
        end: `${STRING}|(?=[{}])`,
        endCaptures: stringCaptures,
        patterns: [inc('comment'), inc('illegal')],
      },
      block(keyword, body),
      inc('illegal'),
    ],
  };
}

// A comma-separated list after a keyword; it ends after an item (whose last character
// `lastChar` matches) that no comma follows on the same line. (?!\G) keeps the list from
// ending right after its own keyword.
function list(keyword, metaName, lastChar, itemPatterns) {
  return {
    name: sc(`meta.property.${metaName}`),
    begin: kw(keyword),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: `(?!\\G)(?<=${lastChar})(?!\\s*,)|${CLOSE}`,
    patterns: [inc('comment'), ...itemPatterns, inc('comma'), inc('illegal')],
  };
}

// ---------------------------------------------------------------------------------------
// Keyword sets.

const INDICATOR_PROPERTIES = [
  'unit', 'higher', 'lower', 'data', 'value', 'target', 'cumulative', 'breakdown',
  'breakdowns', 'gap', 'precision', 'weight', 'compare', 'description', 'owner', 'source',
  'kolada', 'bands', 'members',
];
// Where an open-ended indicator property (target, value, compare, breakdowns) stops, if a
// text has not ended it before.
const INDICATOR_PROPERTY_END = `${CLOSE}|${at(...INDICATOR_PROPERTIES)}`;
const CHECK_PROPERTY_END = `${CLOSE}|${at('expect', 'columns', 'tolerance')}`;
const UNITS = ['number', 'percent', 'count', 'tkr', 'kr', 'index', 'score', 'ratio', 'days', 'hours'];
const FUNCTIONS = ['sum', 'min', 'max', 'avg', 'count', 'share'];
// What a rule test may expect: the verdicts of indicators, goals and areas, the outcomes of
// data checks, and trends. Other words parse too (and are scoped variable.other).
const VERDICTS = [
  'met', 'not_met', 'near', 'on_track', 'behind', 'no_data', 'pending', 'not_applicable',
  'no_target', 'error', 'pass', 'rounding', 'fail',
];
const TRENDS = ['improved', 'worsened', 'unchanged', 'none'];

// ---------------------------------------------------------------------------------------
// The repository.

const repository = {
  comment: {
    // '#' to the end of the line (the newline too, so that nothing after a comment can
    // look back at its last character).
    match: '(#).*\\n?',
    name: sc('comment.line.number-sign'),
    captures: { 1: { name: sc('punctuation.definition.comment') } },
  },

  'byte-order-mark': { match: '\\A\\x{FEFF}', name: sc('punctuation.whitespace.byte-order-mark') },

  'string-escape': {
    patterns: [
      { match: '\\\\["\\\\]', name: sc('constant.character.escape') },
      { match: '\\\\.', name: sc('invalid.illegal.escape') },
    ],
  },

  comma: { match: ',', name: sc('punctuation.separator.comma') },
  'number-signed': { match: NUM, name: sc('constant.numeric.decimal') },
  'number-unsigned': { match: LIT, name: sc('constant.numeric.decimal') },
  comparator: { match: CMP, name: sc('keyword.operator.comparison') },

  // Anything not recognised where it stands. A string is taken whole (closed or not), a
  // word whole, anything else one character at a time.
  illegal: {
    patterns: [
      { match: String.raw`"(?:[^"\\\n]|\\.)*"?`, name: sc('invalid.illegal.string') },
      { match: `${W}+`, name: sc('invalid.illegal.token') },
      { match: '\\S', name: sc('invalid.illegal.character') },
    ],
  },

  // --- top level -----------------------------------------------------------------------
  'top-level': {
    patterns: [
      inc('comment'),
      inc('byte-order-mark'),
      inc('area'),
      inc('check'),
      inc('const'),
      inc('profile'),
      inc('test'),
      inc('illegal'),
    ],
  },

  // --- the hierarchy -------------------------------------------------------------------
  area: declaration('area', 'entity.name.section.area',
    [inc('goal'), inc('objective'), inc('indicator'), inc('family'), inc('budget'), inc('rollup')]),
  goal: declaration('goal', 'entity.name.section.goal',
    [inc('objective'), inc('indicator'), inc('family'), inc('budget'), inc('rollup')]),
  objective: declaration('objective', 'entity.name.section.objective',
    [inc('indicator'), inc('family'), inc('budget'), inc('rollup')]),

  // rollup all | at least N [%] | weighted at least N %. Ends on `all` or '%', or before
  // anything else (which the block then judges).
  rollup: {
    name: sc('meta.property.rollup'),
    begin: kw('rollup'),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: `${kw('all')}|(%)|${NOT_NUMBER}`,
    endCaptures: {
      1: { name: sc('constant.language.all') },
      2: { name: sc('keyword.other.unit.percent') },
    },
    applyEndPatternLast: 1,
    patterns: [
      inc('comment'),
      { match: kw('weighted', 'at', 'least'), captures: { 1: { name: sc('keyword.other') } } },
      inc('number-unsigned'),
    ],
  },

  // --- indicators and families ---------------------------------------------------------
  indicator: declaration('indicator', 'entity.name.function.indicator', [inc('indicator-property')]),
  family: declaration('family', 'entity.name.function.family',
    [inc('members'), inc('indicator-property')]),

  members: list('members', 'members', '"', [
    {
      // a member: id "Display name"
      begin: ID,
      beginCaptures: { 0: { name: sc('entity.name.function.member') } },
      end: `${STRING}|${CLOSE}`,
      endCaptures: stringCaptures,
      patterns: [inc('comment'), inc('illegal')],
    },
  ]),

  'indicator-property': {
    patterns: [
      inc('prop-unit'),
      inc('prop-direction'),
      inc('prop-data'),
      inc('prop-value'),
      inc('prop-target'),
      inc('prop-cumulative'),
      inc('prop-breakdown'),
      inc('prop-breakdowns'),
      inc('prop-gap'),
      inc('prop-precision'),
      inc('prop-weight'),
      inc('prop-compare'),
      inc('prop-metadata'),
      inc('prop-bands'),
    ],
  },

  'prop-unit': prop(kw('unit'), 'keyword.other.property',
    `${kw(...UNITS)}|(${ID})|${CLOSE}`,
    { 1: { name: sc('support.constant.unit') }, 2: { name: sc('variable.other.unit') } },
    [], 'unit'),

  // higher is better | lower is better
  'prop-direction': prop(kw('higher', 'lower'), 'keyword.other.property',
    `${kw('better')}|${CLOSE}`,
    { 1: { name: sc('keyword.other.property') } },
    [{ match: kw('is'), captures: { 1: { name: sc('keyword.other.property') } } }],
    'direction'),

  'prop-data': prop(kw('data'), 'keyword.other.property', `${REF0}|${CLOSE}`, refCaptures, [], 'data'),

  'prop-value': {
    name: sc('meta.property.value'),
    begin: kw('value'),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: INDICATOR_PROPERTY_END,
    patterns: [inc('comment'), inc('expression'), inc('illegal')],
  },

  // pending ["text"] | none | CMP bound [annual [profile P]] [within N [% of target]] ["text"]
  // | N..M [annual ...] [within ...] ["text"]. The text, when there is one, ends it.
  'prop-target': {
    name: sc('meta.property.target'),
    begin: kw('target'),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: `${STRING}|${INDICATOR_PROPERTY_END}`,
    endCaptures: stringCaptures,
    patterns: [
      inc('comment'),
      { match: kw('pending', 'none', 'annual'), captures: { 1: { name: sc('constant.language.target') } } },
      inc('target-bound'),
      inc('target-previous'),
      inc('target-profile'),
      inc('target-within'),
      { match: '\\.\\.', name: sc('keyword.operator.range') },
      inc('number-signed'),
      inc('illegal'),
    ],
  },
  // A comparator and its bound: a number, `previous` (left to target-previous) or a
  // constant's name.
  'target-bound': {
    begin: CMP,
    beginCaptures: { 0: { name: sc('keyword.operator.comparison') } },
    end: `(${NUM})|${at('previous')}|(${ID})|${CLOSE}`,
    endCaptures: {
      1: { name: sc('constant.numeric.decimal') },
      2: { name: sc('variable.other.constant') },
    },
    patterns: [inc('comment'), inc('illegal')],
  },
  // previous [(+|-) N]: ends right after `previous` unless a sign follows, else after N.
  'target-previous': {
    begin: kw('previous'),
    beginCaptures: { 1: { name: sc('variable.language.previous') } },
    end: '(?<=previous)(?!\\s*[-+])|(?<=[0-9])|(?=\\})',
    patterns: [
      inc('comment'),
      { match: '[-+]', name: sc('keyword.operator.arithmetic') },
      inc('number-unsigned'),
      inc('illegal'),
    ],
  },
  'target-profile': prop(kw('profile'), 'keyword.other',
    `(${ID})|${CLOSE}`, { 1: { name: sc('variable.other.profile') } }, [], 'profile-reference'),
  // within N [% of target]. Ends before anything else (which the target then judges).
  'target-within': {
    name: sc('meta.within'),
    begin: kw('within'),
    beginCaptures: { 1: { name: sc('keyword.other') } },
    end: NOT_NUMBER,
    applyEndPatternLast: 1,
    patterns: [
      inc('comment'),
      inc('number-unsigned'),
      {
        begin: '%',
        beginCaptures: { 0: { name: sc('keyword.other.unit.percent') } },
        end: `${kw('target')}|${CLOSE}`,
        endCaptures: { 1: { name: sc('keyword.other') } },
        patterns: [inc('comment'), { match: kw('of'), captures: { 1: { name: sc('keyword.other') } } }, inc('illegal')],
      },
    ],
  },

  'prop-cumulative': { match: kw('cumulative'), captures: { 1: { name: sc('keyword.other.property') } } },

  // breakdown id "Name" — the `data REFERENCE` after it is an ordinary data property.
  'prop-breakdown': {
    name: sc('meta.property.breakdown'),
    begin: kw('breakdown'),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: `${STRING}|${CLOSE}`,
    endCaptures: stringCaptures,
    patterns: [
      inc('comment'),
      { match: ID, name: sc('entity.name.function.breakdown') },
      inc('illegal'),
    ],
  },

  // breakdowns sum | mean [weighted by N, N, ...]
  'prop-breakdowns': {
    name: sc('meta.property.breakdowns'),
    begin: kw('breakdowns'),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: INDICATOR_PROPERTY_END,
    patterns: [
      inc('comment'),
      { match: kw('sum', 'mean'), captures: { 1: { name: sc('support.function.method') } } },
      { match: kw('weighted', 'by'), captures: { 1: { name: sc('keyword.other') } } },
      inc('number-unsigned'),
      inc('comma'),
      inc('illegal'),
    ],
  },

  'prop-gap': prop(kw('gap'), 'keyword.other.property', `(${LIT})|${CLOSE}`,
    { 1: { name: sc('constant.numeric.decimal') } }, [inc('comparator')], 'gap'),
  'prop-precision': prop(kw('precision'), 'keyword.other.property', `(?<!${W})(${DIGITS})(?!${W})|${CLOSE}`,
    { 1: { name: sc('constant.numeric.integer') } }, [], 'precision'),
  'prop-weight': prop(kw('weight'), 'keyword.other.property', `(${LIT})|${CLOSE}`,
    { 1: { name: sc('constant.numeric.decimal') } }, [], 'weight'),

  // compare with previous period | same period last year | period "text"
  'prop-compare': {
    name: sc('meta.property.compare'),
    begin: kw('compare'),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: `${STRING}|${INDICATOR_PROPERTY_END}`,
    endCaptures: stringCaptures,
    patterns: [
      inc('comment'),
      {
        match: kw('with', 'previous', 'same', 'period', 'last', 'year'),
        captures: { 1: { name: sc('keyword.other') } },
      },
      inc('illegal'),
    ],
  },

  'prop-metadata': prop(kw('description', 'owner', 'source', 'kolada'), 'keyword.other.property',
    `${STRING}|${CLOSE}`, stringCaptures, [], 'metadata'),

  // bands { green CMP N [CMP N] ... }
  'prop-bands': {
    name: sc('meta.property.bands'),
    begin: kw('bands'),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: String.raw`(?<=\})|(?=\})`,
    patterns: [inc('comment'), block('bands', [inc('band')]), inc('illegal')],
  },
  band: {
    name: sc('meta.band'),
    begin: kw('green', 'yellow', 'red'),
    beginCaptures: { 1: { name: sc('constant.language.colour') } },
    end: `${CLOSE}|${at('green', 'yellow', 'red')}`,
    patterns: [inc('comment'), inc('comparator'), inc('number-signed'), inc('illegal')],
  },

  // --- budgets ---------------------------------------------------------------------------
  budget: declaration('budget', 'entity.name.function.budget', [inc('budget-property')]),
  'budget-property': {
    patterns: [
      prop(kw('table'), 'keyword.other.property', `(${ID})|${CLOSE}`,
        { 1: { name: sc('variable.other.table') } }, [], 'table'),
      prop(kw('outcome', 'budget', 'reported', 'previous'), 'keyword.other.property',
        `(${ID})|${CLOSE}`, { 1: { name: sc('variable.other.column') } }, [], 'column'),
      prop(kw('favourable'), 'keyword.other.property', `${kw('higher', 'lower')}|${CLOSE}`,
        { 1: { name: sc('constant.language.direction') } }, [], 'favourable'),
      prop(kw('materiality'), 'keyword.other.property',
        `(${NUM})(?:\\s+${kw('tkr')})?|(${ID})(?:\\s+${kw('tkr')})?|${CLOSE}`,
        {
          1: { name: sc('constant.numeric.decimal') },
          2: { name: sc('support.constant.unit') },
          3: { name: sc('variable.other.constant') },
          4: { name: sc('support.constant.unit') },
        }, [], 'materiality'),
      list('lines', 'lines', W, [{ match: ID, name: sc('variable.other.row') }]),
    ],
  },

  // --- data checks -----------------------------------------------------------------------
  check: declaration('check', 'entity.name.function.check', [inc('check-property')]),
  'check-property': {
    patterns: [
      {
        // expect EXPRESSION CMP EXPRESSION
        name: sc('meta.property.expect'),
        begin: kw('expect'),
        beginCaptures: { 1: { name: sc('keyword.other.property') } },
        end: CHECK_PROPERTY_END,
        patterns: [inc('comment'), inc('expression'), inc('comparator'), inc('illegal')],
      },
      list('columns', 'columns', W, [{ match: ID, name: sc('variable.other.column') }]),
      prop(kw('tolerance'), 'keyword.other.property',
        `(${LIT})(?:\\s+${kw('tkr')})?|(${ID})(?:\\s+${kw('tkr')})?|${CLOSE}`,
        {
          1: { name: sc('constant.numeric.decimal') },
          2: { name: sc('support.constant.unit') },
          3: { name: sc('variable.other.constant') },
          4: { name: sc('support.constant.unit') },
        }, [], 'tolerance'),
    ],
  },

  // --- constants and profiles ------------------------------------------------------------
  // const NAME = NUMBER
  const: {
    name: sc('meta.declaration.const'),
    begin: kw('const'),
    beginCaptures: { 1: { name: sc('keyword.control.declaration.const') } },
    end: `(${NUM})|${CLOSE}`,
    endCaptures: { 1: { name: sc('constant.numeric.decimal') } },
    patterns: [
      inc('comment'),
      {
        begin: ID,
        beginCaptures: { 0: { name: sc('entity.name.constant') } },
        end: `(=)|${CLOSE}`,
        endCaptures: { 1: { name: sc('keyword.operator.assignment') } },
        patterns: [inc('comment'), inc('illegal')],
      },
      inc('illegal'),
    ],
  },
  // profile NAME "Display name" { months N, N, ... }
  profile: declaration('profile', 'entity.name.type.profile', [
    list('months', 'months', '[0-9]', [inc('number-unsigned')]),
  ]),

  // --- rule tests ------------------------------------------------------------------------
  // test NAME "Display name" { period "..."  given REF [previous] = VALUE
  //                            expect SUBJECT WORD | trend WORD | commentary "text" }
  test: declaration('test', 'entity.name.function.test',
    [inc('test-period'), inc('test-given'), inc('test-expect')]),

  'test-period': prop(kw('period'), 'keyword.other.property',
    `${STRING}|${AFTER_TOKEN}|${CLOSE}`, stringCaptures, [], 'period'),

  // given REF [previous] = VALUE: a chain (see the header) of `given`, REF, `previous`, '='.
  'test-given': {
    name: sc('meta.property.given'),
    begin: kw('given'),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: `${AFTER_TOKEN}|${CLOSE}`,
    patterns: [
      inc('comment'),
      {
        begin: TEST_REF,
        beginCaptures: testRefCaptures,
        end: `${AFTER_TOKEN}|${CLOSE}`,
        patterns: [
          inc('comment'),
          {
            begin: kw('previous'),
            beginCaptures: { 1: { name: sc('keyword.other') } },
            end: `${AFTER_TOKEN}|${CLOSE}`,
            patterns: [inc('comment'), inc('test-value'), inc('illegal')],
          },
          inc('test-value'),
          inc('illegal'),
        ],
      },
      inc('illegal'),
    ],
  },
  // = NUMBER | = "text"
  'test-value': {
    begin: '=',
    beginCaptures: { 0: { name: sc('keyword.operator.assignment') } },
    end: `(${NUM})|(${STRING})|${AFTER_TOKEN}|${CLOSE}`,
    endCaptures: { 1: { name: sc('constant.numeric.decimal') }, ...stringCapturesAt(2) },
    patterns: [inc('comment'), inc('illegal')],
  },

  // expect SUBJECT VERDICT | expect SUBJECT trend TREND | expect SUBJECT commentary "text".
  // Not the `expect` of a check: a chain (see the header) of `expect` and SUBJECT, which
  // ends on the verdict or holds the `trend` or `commentary` region.
  'test-expect': {
    name: sc('meta.property.expect'),
    begin: kw('expect'),
    beginCaptures: { 1: { name: sc('keyword.other.property') } },
    end: `${AFTER_TOKEN}|${CLOSE}`,
    patterns: [
      inc('comment'),
      {
        begin: TEST_REF,
        beginCaptures: testRefCaptures,
        // a verdict: any word but the keywords `trend` and `commentary`
        end: `(?<!${W})(?!(?:trend|commentary)(?!${W}))(?:${kw(...VERDICTS)}|(${ID}))|${AFTER_TOKEN}|${CLOSE}`,
        endCaptures: {
          1: { name: sc('constant.language.verdict') },
          2: { name: sc('variable.other.verdict') },
        },
        patterns: [
          inc('comment'),
          {
            name: sc('meta.trend'),
            begin: kw('trend'),
            beginCaptures: { 1: { name: sc('keyword.other') } },
            end: `${kw(...TRENDS)}|(?<!${W})(${ID})|${AFTER_TOKEN}|${CLOSE}`,
            endCaptures: {
              1: { name: sc('constant.language.trend') },
              2: { name: sc('variable.other.trend') },
            },
            patterns: [inc('comment'), inc('illegal')],
          },
          {
            name: sc('meta.commentary'),
            begin: kw('commentary'),
            beginCaptures: { 1: { name: sc('keyword.other') } },
            end: `${STRING}|${AFTER_TOKEN}|${CLOSE}`,
            endCaptures: stringCaptures,
            patterns: [inc('comment'), inc('illegal')],
          },
          inc('illegal'),
        ],
      },
      inc('illegal'),
    ],
  },

  // --- expressions -----------------------------------------------------------------------
  // term (('+' | '-') term)*, with calls, parentheses, numbers, references and names.
  expression: {
    patterns: [
      inc('comment'),
      // a function only when '(' follows: `value count + 1` names an indicator `count`
      { match: `${kw(...FUNCTIONS)}(?=\\s*\\()`, captures: { 1: { name: sc('support.function.aggregate') } } },
      {
        // except id | except (id, id, ...)
        name: sc('meta.except'),
        begin: kw('except'),
        beginCaptures: { 1: { name: sc('keyword.other.except') } },
        end: `(${ID})|(?<=\\))|${CLOSE}`,
        endCaptures: { 1: { name: sc('variable.other.row') } },
        patterns: [
          inc('comment'),
          {
            begin: '\\(',
            beginCaptures: { 0: { name: sc('punctuation.section.parens.begin') } },
            end: `\\)|${CLOSE}`,
            endCaptures: { 0: { name: sc('punctuation.section.parens.end') } },
            patterns: [inc('comment'), { match: ID, name: sc('variable.other.row') }, inc('comma'), inc('illegal')],
          },
          inc('illegal'),
        ],
      },
      { match: REF1, captures: refCaptures },
      inc('number-unsigned'),
      { match: ID, name: sc('variable.other.name') }, // an indicator or a constant
      { match: '[-+*/]', name: sc('keyword.operator.arithmetic') },
      {
        begin: '\\(',
        beginCaptures: { 0: { name: sc('punctuation.section.parens.begin') } },
        end: `\\)|${CLOSE}`,
        endCaptures: { 0: { name: sc('punctuation.section.parens.end') } },
        patterns: [inc('expression'), inc('comma'), inc('illegal')],
      },
    ],
  },
};

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  information_for_contributors: [
    'Generated by editors/scripts/build-grammar.js from the rule language of grammar/grammar.hpp.',
    'Edit the script and run `npm run build` in editors/, not this file.',
  ],
  name: 'Attain rules',
  scopeName: `source.${LANG}`,
  fileTypes: ['rules'],
  patterns: [inc('top-level')],
  repository,
};

const text = `${JSON.stringify(grammar, null, 2)}\n`;

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(process.cwd(), OUT)} is out of date: run \`npm run build\` in editors/`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(OUT, text);
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
  }
}

module.exports = { text, OUT };
