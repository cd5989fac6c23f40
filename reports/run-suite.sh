#!/usr/bin/env bash
# Runs the conformance suite against the target of runsettings.xml / SMB_TARGET_* (by default the
# built-in reference server, started in-process) and writes its reports:
#   reports/out/conformance.html   our clause-by-target matrix (self-contained; open it in a browser)
#   reports/out/*.trx              TRX for CI systems
#   reports/allure-results/        Allure results (rendered to reports/allure/ when the allure CLI is installed: npm ci)
# Options (before any dotnet test argument):
#   --junit                 also write JUnit XML: reports/out/conformance.junit.xml (JunitXml.TestLogger)
#   --github-annotations    also report failed scenarios as GitHub Actions annotations (GitHubActionsTestLogger)
#   --gate FILE             after the run, compare its verdicts with the expectations FILE
#                           (reports/expectations/<target>.tsv); any difference fails the script
#   --configuration C       build configuration passed to dotnet (default Debug, as plain dotnet test)
#   --no-build              do not build first (the projects were built with that configuration)
#   --workers N             scenarios run at once (SMB_SUITE_WORKERS; 1 runs them one at a time;
#                           default twice the processor count)
# Everything else goes to dotnet test, e.g. --filter "Category=negotiate".
# Exit status: the suite's (a failed scenario fails it), or the gate's when --gate is given.
set -euo pipefail
cd "$(dirname "$0")/.."
loggers=(--logger "trx;LogFileName=conformance.trx" --logger "console;verbosity=normal")
gate=""
build=(-c Debug)
passthrough=()
while (($#)); do
  case $1 in
    --junit) loggers+=(--logger "junit;LogFilePath=$PWD/reports/out/conformance.junit.xml;MethodFormat=Class;FailureBodyFormat=Verbose"); shift ;;
    --github-annotations) loggers+=(--logger "GitHubActions;summary-include-passed=false"); shift ;;
    --gate) (($# >= 2)) || { echo "--gate needs an expectations file" >&2; exit 2; }; gate=$2; shift 2 ;;
    --configuration|-c) (($# >= 2)) || { echo "$1 needs a configuration" >&2; exit 2; }; build=(-c "$2"); shift 2 ;;
    --no-build) build+=(--no-build); shift ;;
    --workers) (($# >= 2)) || { echo "--workers needs a count" >&2; exit 2; }; export SMB_SUITE_WORKERS=$2; shift 2 ;;
    *) passthrough+=("$1"); shift ;;
  esac
done
[[ -z $gate || -f $gate ]] || { echo "no expectations file $gate" >&2; exit 2; }
started=$(date -u +%Y%m%dT%H%M%S)
status=0
dotnet test TestSuite/Conformance.TestSuite "${build[@]}" --settings runsettings.xml "${loggers[@]}" "${passthrough[@]}" || status=$?
reports=(dotnet run --project reports/Conformance.Reports "${build[@]}" --)
"${reports[@]}" report --out reports/out/conformance.html reports/out
if [ -x node_modules/.bin/allure ]; then
  node_modules/.bin/allure generate reports/allure-results -o reports/allure >/dev/null && echo "Allure report: reports/allure/index.html"
fi
echo "conformance report: reports/out/conformance.html"
if [[ -n $gate ]]; then
  # This run's run files only: those written since it started.
  mapfile -t runs < <(find reports/out -maxdepth 1 -name 'run-*.json' -newermt "$(date -u -d "${started:0:8} ${started:9:2}:${started:11:2}:${started:13:2}" '+%Y-%m-%d %H:%M:%S UTC')" | sort)
  ((${#runs[@]})) || { echo "the run wrote no run file to gate" >&2; exit 1; }
  status=0
  "${reports[@]}" gate --expectations "$gate" "${runs[@]}" || status=$?
fi
exit "$status"
