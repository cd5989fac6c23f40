#!/usr/bin/env python3
"""Reads a TRX file of a conformance run and classifies every scenario's verdict.

Prints one line per failure and a summary. A failure whose message starts with "MS-SMB2 " is a
deviation of the target (a check citing a clause failed); any other failure is an error of the run
itself (a crash, an unreachable target, a timeout) and makes this script exit 1.
"""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main(path: str, target: str) -> int:
    root = ET.parse(path).getroot()
    counts = {"passed": 0, "deviations": 0, "inconclusive": 0, "errors": 0}
    for result in root.iterfind(".//t:UnitTestResult", NS):
        name = result.get("testName", "?")
        outcome = result.get("outcome", "")
        message = (result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS) or "").strip()
        if outcome == "Passed":
            counts["passed"] += 1
        elif outcome in ("Inconclusive", "NotExecuted", "Skipped"):
            counts["inconclusive"] += 1
        elif message.startswith("MS-SMB2 "):
            counts["deviations"] += 1
            print(f"  deviation  {name}: {message.splitlines()[0]}")
        else:
            counts["errors"] += 1
            print(f"  ERROR      {name}: {(message.splitlines() or ['(no message)'])[0]}")
    total = sum(counts.values())
    print(f"{target} verdicts ({total} scenarios): passed {counts['passed']}, deviations {counts['deviations']}, "
          f"inconclusive {counts['inconclusive']}, errors {counts['errors']}")
    if total == 0:
        print(f"{target}: no scenario ran")
        return 1
    return 1 if counts["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
