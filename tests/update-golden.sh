#!/bin/sh
# Regenerates the expected output of every golden case (or of the cases named) from the
# current build. Review `git diff tests/cases` before committing: expectations change
# only deliberately.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cases=${*:-$(ls tests/cases/*.args | sed 's|.*/||; s|\.args$||')}
for case in $cases; do
  cmake -DEVALUATE="$build/evaluate" -DCASE="$case" -DCASES="$PWD/tests/cases" -DUPDATE=ON \
        -P tests/golden/run_case.cmake
done
