#!/usr/bin/env bash
# Runs the conformance suite against the target of runsettings.xml / SMB_TARGET_* (by default the
# built-in reference server, started in-process) and writes its reports:
#   reports/out/conformance.html   our clause-by-target matrix (self-contained; open it in a browser)
#   reports/out/*.trx              TRX for CI systems
#   reports/allure-results/        Allure results (rendered to reports/allure/ when the allure CLI is installed: npm ci)
# Extra arguments go to dotnet test, e.g. --filter "Category=negotiate".
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
dotnet test TestSuite/Conformance.TestSuite --settings runsettings.xml \
  --logger "trx;LogFileName=conformance.trx" --logger "console;verbosity=normal" "$@" || status=$?
dotnet run --project reports/Conformance.Reports -- report --out reports/out/conformance.html reports/out
if [ -x node_modules/.bin/allure ]; then
  node_modules/.bin/allure generate reports/allure-results -o reports/allure >/dev/null && echo "Allure report: reports/allure/index.html"
fi
echo "conformance report: reports/out/conformance.html"
exit "$status"
