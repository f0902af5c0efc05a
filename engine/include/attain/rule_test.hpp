#pragma once
// `evaluate test`: runs the rule set's `test` blocks (docs/cli-test.md). Each test gets a
// dataset of its own, built from the rule set's references with every cell blank except
// the ones the test gives; the whole rule set is evaluated against it and commentary
// written, as in a real run, and the results the test names are compared.

#include <string>
#include <vector>

#include "attain/check.hpp"
#include "attain/diagnostic.hpp"

namespace attain {

// One `expect` that did not hold.
struct TestFailure {
  Span span;             // the `expect` line (or the test, when it could not run)
  std::string expected;  // "not_met", "trend improved", "commentary containing \"...\""
  std::string actual;    // "met", "trend none", "no result with this id"
  std::string context;   // the result's commentary sentence, when there is one
};

struct TestOutcome {
  std::string id;
  std::string name;
  Span span;
  std::size_t expectations = 0;
  std::vector<TestFailure> failures;
  std::vector<Diagnostic> errors;  // the rules could not be evaluated against the test's data
  bool passed() const { return failures.empty() && errors.empty(); }
};

struct TestReport {
  std::vector<TestOutcome> tests;  // in rule-set order
  std::size_t passed = 0;
  std::size_t failed = 0;
};

// Runs every test of a rule set that checked without errors.
TestReport run_rule_tests(const RuleSet& rules);

}  // namespace attain
