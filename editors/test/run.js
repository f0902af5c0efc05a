#!/usr/bin/env node
// Tokenizes rule files with the TextMate grammar of editors/vscode, the way VS Code does
// (vscode-textmate + vscode-oniguruma), and checks that:
//   - no token of a valid rule file is scoped invalid.illegal, and every file ends with all
//     of the grammar's regions closed (the rule files of rules/, tests/cases/inputs/ except
//     the deliberately broken ones, and editors/test/fixtures/, with their subdirectories,
//     such as the rule tests of rules/tests/);
//   - chosen tokens have the expected scopes;
//   - mistakes the parser rejects do show invalid.illegal;
//   - the grammar JSON is what scripts/build-grammar.js makes.
// One line per check, then `N passed, M failed`; exit 1 on any failure.
//
// Usage (from editors/): npm test   or   node test/run.js [FILE.rules ...]
//                        node test/run.js --dump FILE.rules ...   (the tokens and scopes)

'use strict';

const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const EDITORS = path.resolve(__dirname, '..');
const ROOT = path.resolve(EDITORS, '..');
const GRAMMAR = path.join(EDITORS, 'vscode', 'syntaxes', 'attain-rules.tmLanguage.json');
const SCOPE = 'source.attain-rules';

// --- the tokenizer -------------------------------------------------------------------------

async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === SCOPE ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
  });
  return registry.loadGrammar(SCOPE);
}

// Returns { lines: [[{ text, scopes, line, column }]], depth, stoppedEarly }. depth is the
// number of open regions at the end (0: all closed).
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  let stoppedEarly = false;
  const lines = text.split(/\r?\n/).map((line, i) => {
    const r = grammar.tokenizeLine(line, stack, 0);
    stack = r.ruleStack;
    stoppedEarly = stoppedEarly || r.stoppedEarly;
    return r.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
      line: i + 1,
      column: t.startIndex + 1,
    }));
  });
  return { lines, depth: stack.depth - 1, stoppedEarly };
}

const isIllegal = (token) => token.scopes.some((s) => s.startsWith('invalid.illegal'));
const hasScope = (token, prefix) =>
  token.scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`));

// --- which files -----------------------------------------------------------------------------

// Every *.rules file below dir, in subdirectories too (rules/tests/ holds the rule tests).
function rulesBelow(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...rulesBelow(full));
    else if (entry.name.endsWith('.rules')) out.push(full);
  }
  return out;
}

// The parser's own test inputs include files that are broken on purpose.
const deliberatelyBroken = (file) =>
  path.basename(file).startsWith('syntax_') || file.split(path.sep).includes('three_errors');

function validRuleFiles() {
  return [
    ...rulesBelow(path.join(ROOT, 'rules')),
    ...rulesBelow(path.join(ROOT, 'tests', 'cases', 'inputs')).filter((f) => !deliberatelyBroken(f)),
    ...rulesBelow(path.join(__dirname, 'fixtures')),
  ].sort();
}

// --- expected scopes ---------------------------------------------------------------------------
// [file, a substring of the line (its first line containing it), the token's text, the
// occurrence of that text on the line (1 = first), a scope the token must have].

const SCOPE_CHECKS = [
  ['rules/20_medborgare.rules', '# Målområde: Medborgare', '#', 1, 'comment.line.number-sign'],
  ['rules/20_medborgare.rules', '# Målområde: Medborgare', ' Målområde: Medborgare', 1, 'comment.line.number-sign'],
  ['rules/20_medborgare.rules', 'area medborgare', 'area', 1, 'keyword.control'],
  ['rules/20_medborgare.rules', 'area medborgare', 'medborgare', 1, 'entity.name'],
  ['rules/20_medborgare.rules', 'rollup at least 75 %', '75', 1, 'constant.numeric'],
  ['rules/20_medborgare.rules', 'rollup at least 75 %', '%', 1, 'keyword.other.unit.percent'],
  ['rules/20_medborgare.rules', 'indicator stadsarkivet_kundnojdhet', 'indicator', 1, 'keyword.control'],
  ['rules/20_medborgare.rules', 'indicator stadsarkivet_kundnojdhet', 'stadsarkivet_kundnojdhet', 1, 'entity.name'],
  ['rules/20_medborgare.rules', 'indicator stadsarkivet_kundnojdhet', 'Kundnöjdhet Stadsarkivet', 1, 'string.quoted.double'],
  ['rules/20_medborgare.rules', 'data medborgare_valfard.kundnojdhet.stadsarkivet', 'data', 1, 'keyword.other'],
  ['rules/20_medborgare.rules', 'data medborgare_valfard.kundnojdhet.stadsarkivet', 'medborgare_valfard', 1, 'variable.other'],
  ['rules/20_medborgare.rules', 'data medborgare_valfard.kundnojdhet.stadsarkivet', 'stadsarkivet', 1, 'variable.other'],
  ['rules/20_medborgare.rules', 'target none', 'none', 1, 'constant.language'],
  ['rules/20_medborgare.rules', 'target >= 90', '>=', 1, 'keyword.operator.comparison'],
  ['rules/20_medborgare.rules', 'target >= 90', '90', 1, 'constant.numeric'],
  ['rules/20_medborgare.rules', 'unit percent', 'percent', 1, 'support.constant.unit'],
  ['rules/20_medborgare.rules', 'target >= 90 annual', 'annual', 1, 'constant.language'],
  ['rules/30_ekonomi.rules', 'const vasentlighet = 500', 'const', 1, 'keyword.control'],
  ['rules/30_ekonomi.rules', 'const vasentlighet = 500', 'vasentlighet', 1, 'entity.name'],
  ['rules/30_ekonomi.rules', 'const vasentlighet = 500', '500', 1, 'constant.numeric'],
  ['rules/30_ekonomi.rules', 'target pending "Q3"', 'pending', 1, 'constant.language'],
  // keywords are not reserved: the property `budget` names the column `budget`
  ['rules/30_ekonomi.rules', 'budget budget', 'budget', 1, 'keyword.other'],
  ['rules/30_ekonomi.rules', 'budget budget', 'budget', 2, 'variable.other'],
  ['rules/30_ekonomi.rules', 'budget drift_mars', 'budget', 1, 'keyword.control'],
  ['rules/30_ekonomi.rules', 'materiality vasentlighet', 'vasentlighet', 1, 'variable.other'],
  ['rules/50_medarbetare.rules', 'target <= 3,5 within 0,5', '3,5', 1, 'constant.numeric'],
  ['rules/50_medarbetare.rules', 'target <= 3,5 within 0,5', 'within', 1, 'keyword.other'],
  ['rules/50_medarbetare.rules', 'breakdown man "Män" data', 'man', 1, 'entity.name'],
  ['rules/60_datakontroller.rules', 'expect sum(driftsammandrag_mars.* except summa)', 'sum', 1, 'support.function'],
  ['rules/60_datakontroller.rules', 'expect sum(driftsammandrag_mars.* except summa)', '*', 1, 'variable.language.wildcard'],
  ['rules/60_datakontroller.rules', 'expect sum(driftsammandrag_mars.* except summa)', 'except', 1, 'keyword.other'],
  ['rules/60_datakontroller.rules', 'expect sum(driftsammandrag_mars.* except summa)', '=', 1, 'keyword.operator.comparison'],
  ['rules/60_datakontroller.rules', 'expect driftsammandrag_mars.*@redovisat', 'redovisat', 1, 'variable.other.column'],
  ['rules/60_datakontroller.rules', 'expect driftsammandrag_mars.*@redovisat', '-', 1, 'keyword.operator.arithmetic'],
  ['rules/60_datakontroller.rules', 'check dk_chatt_andel', 'check', 1, 'keyword.control'],
  ['tests/cases/inputs/bands_gap.rules', 'green < 4', 'green', 1, 'constant.language'],
  ['tests/cases/inputs/bands_gap.rules', 'red > 6,5', '6,5', 1, 'constant.numeric'],
  ['editors/test/fixtures/language_tour.rules', 'profile sasong', 'profile', 1, 'keyword.control'],
  ['editors/test/fixtures/language_tour.rules', 'target ≥ 92', '≥', 1, 'keyword.operator.comparison'],
  ['editors/test/fixtures/language_tour.rules', 'target 90..100', '..', 1, 'keyword.operator.range'],
  ['editors/test/fixtures/language_tour.rules', 'target 90..100', '100', 1, 'constant.numeric'],
  ['editors/test/fixtures/language_tour.rules', 'target >= 220_000 annual', '220_000', 1, 'constant.numeric'],
  ['editors/test/fixtures/language_tour.rules', 'description "Says \\"hi\\"', '\\"', 1, 'constant.character.escape'],
  ['editors/test/fixtures/language_tour.rules', 'value count + 1', 'count', 1, 'variable.other'],
  ['editors/test/fixtures/language_tour.rules', 'value count(', 'count', 1, 'support.function'],
  // rule tests
  ['editors/test/fixtures/rule_tests.rules', 'test kundnojdhet_uppnadd', 'test', 1, 'keyword.control.declaration.test'],
  ['editors/test/fixtures/rule_tests.rules', 'test kundnojdhet_uppnadd', 'kundnojdhet_uppnadd', 1, 'entity.name.function.test'],
  ['editors/test/fixtures/rule_tests.rules', 'test kundnojdhet_uppnadd', 'Kundnöjdheten når målet', 1, 'string.quoted.double'],
  ['editors/test/fixtures/rule_tests.rules', 'test test "Testet', 'test', 2, 'entity.name.function.test'],
  ['editors/test/fixtures/rule_tests.rules', 'period "2020-03"', 'period', 1, 'keyword.other.property'],
  ['editors/test/fixtures/rule_tests.rules', 'period "2020-03"', '2020-03', 1, 'string.quoted.double'],
  ['editors/test/fixtures/rule_tests.rules', 'given medborgare_valfard.kundnojdhet.stadsarkivet = 91', 'given', 1, 'keyword.other.property'],
  ['editors/test/fixtures/rule_tests.rules', 'given medborgare_valfard.kundnojdhet.stadsarkivet = 91', 'medborgare_valfard', 1, 'variable.other.table'],
  ['editors/test/fixtures/rule_tests.rules', 'given medborgare_valfard.kundnojdhet.stadsarkivet = 91', 'stadsarkivet', 1, 'variable.other.row'],
  ['editors/test/fixtures/rule_tests.rules', 'given medborgare_valfard.kundnojdhet.stadsarkivet = 91', '=', 1, 'keyword.operator.assignment'],
  ['editors/test/fixtures/rule_tests.rules', 'given medborgare_valfard.kundnojdhet.stadsarkivet = 91', '91', 1, 'constant.numeric.decimal'],
  ['editors/test/fixtures/rule_tests.rules', 'stadsarkivet previous = 88', 'previous', 1, 'keyword.other'],
  ['editors/test/fixtures/rule_tests.rules', 'given drift.kommunstyrelsen@utfall = -143', 'utfall', 1, 'variable.other.column'],
  ['editors/test/fixtures/rule_tests.rules', 'given drift.kommunstyrelsen@utfall = -143', '-143', 1, 'constant.numeric.decimal'],
  ['editors/test/fixtures/rule_tests.rules', 'given drift.kommunstyrelsen@budget = 5,5', '5,5', 1, 'constant.numeric.decimal'],
  ['editors/test/fixtures/rule_tests.rules', 'given drift.summa@utfall = 220_000', '220_000', 1, 'constant.numeric.decimal'],
  ['editors/test/fixtures/rule_tests.rules', 'given drift.ovrigt@utfall = "I.U."', 'I.U.', 1, 'string.quoted.double'],
  ['editors/test/fixtures/rule_tests.rules', 'given drift.ovrigt@budget = ""', '"', 2, 'punctuation.definition.string.end'],
  ['editors/test/fixtures/rule_tests.rules', 'given sjukfranvaro = "7,2 %"', 'sjukfranvaro', 1, 'variable.other.name'],
  ['editors/test/fixtures/rule_tests.rules', 'expect kundnojdhet met', 'expect', 1, 'keyword.other.property'],
  ['editors/test/fixtures/rule_tests.rules', 'expect kundnojdhet met', 'met', 1, 'constant.language.verdict'],
  ['editors/test/fixtures/rule_tests.rules', 'expect dk_drift.summa.utfall fail', 'utfall', 1, 'variable.other'],
  ['editors/test/fixtures/rule_tests.rules', 'expect dk_drift.summa.utfall fail', 'fail', 1, 'constant.language.verdict'],
  ['editors/test/fixtures/rule_tests.rules', 'expect kundnojdhet trend improved', 'trend', 1, 'keyword.other'],
  ['editors/test/fixtures/rule_tests.rules', 'expect kundnojdhet trend improved', 'improved', 1, 'constant.language.trend'],
  ['editors/test/fixtures/rule_tests.rules', 'expect kundnojdhet commentary "Målet', 'commentary', 1, 'keyword.other'],
  ['editors/test/fixtures/rule_tests.rules', 'expect kundnojdhet commentary "Målet', 'Målet nås: 91 % mot minst 90 %.', 1, 'string.quoted.double'],
  // keywords are not reserved in a test either
  ['editors/test/fixtures/rule_tests.rules', 'expect trend trend none', 'trend', 1, 'variable.other.name'],
  ['editors/test/fixtures/rule_tests.rules', 'expect trend trend none', 'trend', 2, 'keyword.other'],
  ['editors/test/fixtures/rule_tests.rules', 'given previous previous = 2', 'previous', 1, 'variable.other.name'],
  ['editors/test/fixtures/rule_tests.rules', 'given previous previous = 2', 'previous', 2, 'keyword.other'],
  // a property over several lines
  ['editors/test/fixtures/rule_tests.rules', '    -2,5 # after the value', '-2,5', 1, 'constant.numeric.decimal'],
  ['editors/test/fixtures/rule_tests.rules', '    rounding # after the verdict', 'rounding', 1, 'constant.language.verdict'],
];

function scopeCheck(grammar, [file, lineText, tokenText, occurrence, scope]) {
  const name = `scope ${file}: ${JSON.stringify(tokenText)} in ${JSON.stringify(lineText)} is ${scope}`;
  const full = path.join(ROOT, file);
  if (!fs.existsSync(full)) return { name, error: 'file not found' };
  const { lines } = tokenize(grammar, fs.readFileSync(full, 'utf8'));
  const tokens = lines.find((l) => l.map((t) => t.text).join('').includes(lineText));
  if (!tokens) return { name, error: 'line not found' };
  const matching = tokens.filter((t) => t.text === tokenText);
  const token = matching[occurrence - 1];
  if (!token) {
    return { name, error: `no token ${JSON.stringify(tokenText)} (tokens: ${tokens.map((t) => JSON.stringify(t.text)).join(' ')})` };
  }
  if (!hasScope(token, scope)) return { name, error: `scopes are ${token.scopes.join(' ')}` };
  return { name };
}

// --- mistakes that must show invalid.illegal -----------------------------------------------------
// [what, rule text, the token that must be illegal]

const inIndicator = (props) =>
  `area a "A" {\n  indicator i "I" {\n${props}\n  }\n}\n`;
const inTest = (props) => `test t "T" {\n${props}\n}\n`;

const ILLEGAL_CHECKS = [
  ['a misspelt property', inIndicator('    targt <= 3,5'), 'targt'],
  ['a percent sign after a bound', inIndicator('    target >= 92 %'), '%'],
  ['a word after a target', inIndicator('    target >= 90 anual'), 'anual'],
  ['an indicator at the top level', 'indicator i "I" {\n}\n', 'indicator'],
  ['a goal inside a goal', 'area a "A" {\n  goal g "G" {\n    goal h "H" { }\n  }\n}\n', 'goal'],
  ['an unknown escape', inIndicator('    description "a \\n b"'), '\\n'],
  ['a string across lines', inIndicator('    description "no end\n    unit percent'), '"no end'],
  ['a budget property in an indicator', inIndicator('    outcome prognos'), 'outcome'],
  ['an indicator property in a budget', 'area a "A" {\n  budget b "B" {\n    unit tkr\n  }\n}\n', 'unit'],
  ['a comparator in a value', inIndicator('    value a.b >= 2'), '>='],
  ['a non-ASCII identifier', inIndicator('    unit count\n    data hållbar.x'), 'ållbar'],
  ['digits grouped by four', inIndicator('    target >= 22_0000'), '22_0000'],
  ['a target text before annual', inIndicator('    target >= 90 "text" annual'), 'annual'],
  // rule tests
  ['a given without \'=\'', inTest('  given x 91'), '91'],
  ['a given of a word', inTest('  given x = met'), 'met'],
  ['previous after the value', inTest('  given x = 1 previous'), 'previous'],
  ['a \'*\' in a given', inTest('  given t.* = 1'), '*'],
  ['a percent sign after a given number', inTest('  given x = 91 %'), '%'],
  ['a misspelt test property', inTest('  expekt x met'), 'expekt'],
  ['a check\'s expect in a test', inTest('  expect t.a >= t.b'), '>='],
  ['a number for a verdict', inTest('  expect x 5'), '5'],
  ['a text for a trend', inTest('  expect x trend "up"'), '"up"'],
  ['a period without quotes', inTest('  period 2020-03'), '2020'],
  ['a test inside an area', 'area a "A" {\n  test t "T" {\n    expect x met\n  }\n}\n', 'test'],
  ['a test property in a check', 'check c "C" {\n  given x = 1\n}\n', 'given'],
  ['an indicator property in a test', inTest('  unit percent'), 'unit'],
];

function illegalCheck(grammar, [what, text, tokenText]) {
  const name = `illegal: ${what} (${JSON.stringify(tokenText)})`;
  const tokens = tokenize(grammar, text).lines.flat();
  // the token itself, or its first part (`>=` is two illegal characters)
  const token = tokens.find((t) => {
    const text = t.text.trim();
    return text && isIllegal(t) && (text.startsWith(tokenText) || tokenText.startsWith(text));
  });
  if (!token) {
    const shown = tokens.filter((t) => t.text.trim()).map((t) => `${JSON.stringify(t.text)}=${t.scopes[t.scopes.length - 1]}`);
    return { name, error: `not scoped invalid.illegal: ${shown.join(' ')}` };
  }
  return { name };
}

// Valid text that no rule file of the repository has. [what, rule text]
const LEGAL_CHECKS = [
  ['a byte-order mark', '\uFEFFarea a "A" {\n}\n'],
  ['an empty file', ''],
  ['a file of comments', '# one\n\n   # two\n'],
  ['an empty block on one line', 'area a "A" { goal g "G" {} }'],
  ['a keyword for an id', 'area area "A" { indicator indicator "I" { unit unit data data target >= target } }\nconst target = 1\n'],
  ['an empty test', 'test t "T" {}\ntest u "U" {\n}\n'],
  ['a test on one line', 'test t "T" { period "2020-03" given t.r@c=-1 given x previous="" expect x met }'],
  ['a given and an expect after a test', 'test t "T" { given x = 1 }\narea a "A" { }\ncheck c "C" { expect t.a = 1 }\n'],
];

function legalCheck(grammar, [what, text]) {
  const name = `legal: ${what}`;
  const { lines, depth } = tokenize(grammar, text);
  const illegal = lines.flat().filter(isIllegal);
  if (illegal.length) return { name, error: `illegal: ${illegal.map((t) => JSON.stringify(t.text)).join(' ')}` };
  if (depth !== 0) return { name, error: `${depth} region(s) still open at the end` };
  return { name };
}

// The deliberately broken inputs of the parser's tests show their mistake too.
const BROKEN_FILE_CHECKS = [
  ['tests/cases/inputs/syntax_keyword.rules', 6, 'targt'],
  ['tests/cases/inputs/three_errors/a.rules', 3, 'targt'],
];

function brokenFileCheck(grammar, [file, lineNo, tokenText]) {
  const name = `illegal: ${file}:${lineNo} ${JSON.stringify(tokenText)}`;
  const full = path.join(ROOT, file);
  if (!fs.existsSync(full)) return { name, error: 'file not found' };
  const { lines } = tokenize(grammar, fs.readFileSync(full, 'utf8'));
  const token = (lines[lineNo - 1] || []).find((t) => t.text === tokenText);
  if (!token) return { name, error: 'token not found' };
  if (!isIllegal(token)) return { name, error: `scopes are ${token.scopes.join(' ')}` };
  return { name };
}

// --- a valid file ----------------------------------------------------------------------------------

function fileCheck(grammar, file) {
  const name = path.relative(ROOT, file);
  const text = fs.readFileSync(file, 'utf8');
  const { lines, depth, stoppedEarly } = tokenize(grammar, text);
  const illegal = lines.flat().filter(isIllegal);
  const problems = illegal
    .slice(0, 5)
    .map((t) => `${name}:${t.line}:${t.column}: ${JSON.stringify(t.text)} is ${t.scopes[t.scopes.length - 1]}`);
  if (illegal.length > 5) problems.push(`... and ${illegal.length - 5} more illegal tokens`);
  if (depth !== 0) problems.push(`${name}: ${depth} region(s) still open at the end of the file`);
  if (stoppedEarly) problems.push(`${name}: tokenizing stopped early`);
  const summary = `${name} (${lines.length} lines, ${lines.flat().length} tokens)`;
  return problems.length ? { name: summary, error: problems.join('\n    ') } : { name: summary };
}

// rulesBelow, which finds the files the test tokenizes, looks into subdirectories (such as
// rules/tests/) and takes only *.rules files.
function rulesBelowIsRecursive() {
  const name = 'the rule files below a directory include those of its subdirectories';
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'attain-editors-'));
  try {
    const want = ['a.rules', path.join('tests', 'b.rules'), path.join('tests', 'more', 'c.rules')];
    for (const f of [...want, path.join('tests', 'notes.txt')]) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), '');
    }
    const found = rulesBelow(dir).map((f) => path.relative(dir, f)).sort();
    return JSON.stringify(found) === JSON.stringify(want.sort())
      ? { name }
      : { name, error: `found ${JSON.stringify(found)}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function grammarIsBuilt() {
  const name = 'vscode/syntaxes/attain-rules.tmLanguage.json is what scripts/build-grammar.js makes';
  const { text } = require('../scripts/build-grammar.js');
  return fs.readFileSync(GRAMMAR, 'utf8') === text ? { name } : { name, error: 'out of date: run `npm run build`' };
}

// node test/run.js --dump FILE...: every token with its innermost scope, to see what the
// grammar makes of a file.
function dump(grammar, files) {
  for (const file of files) {
    const { lines, depth } = tokenize(grammar, fs.readFileSync(file, 'utf8'));
    for (const t of lines.flat()) {
      if (!t.text.trim()) continue;
      const scope = t.scopes[t.scopes.length - 1].replace(/\.attain-rules$/, '');
      console.log(`${path.relative(process.cwd(), file)}:${t.line}:${t.column}\t${JSON.stringify(t.text)}\t${scope}`);
    }
    console.log(`${path.relative(process.cwd(), file)}: ${depth} region(s) open at the end`);
  }
}

async function main() {
  const grammar = await loadGrammar();
  if (process.argv[2] === '--dump') {
    dump(grammar, process.argv.slice(3).map((f) => path.resolve(f)));
    return;
  }
  const named = process.argv.slice(2).map((f) => path.resolve(f));
  const results = [];
  const run = (check) => {
    const r = check();
    results.push(r);
    console.log(`${r.error ? 'FAIL' : 'ok  '} ${r.name}${r.error ? `\n    ${r.error}` : ''}`);
  };

  const files = named.length ? named : validRuleFiles();
  for (const file of files) run(() => fileCheck(grammar, file));
  if (!named.length) {
    for (const c of SCOPE_CHECKS) run(() => scopeCheck(grammar, c));
    for (const c of LEGAL_CHECKS) run(() => legalCheck(grammar, c));
    for (const c of ILLEGAL_CHECKS) run(() => illegalCheck(grammar, c));
    for (const c of BROKEN_FILE_CHECKS) run(() => brokenFileCheck(grammar, c));
    run(rulesBelowIsRecursive);
    run(grammarIsBuilt);
  }

  const failed = results.filter((r) => r.error).length;
  console.log(`${files.length} rule files tokenized`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
