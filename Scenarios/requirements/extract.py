#!/usr/bin/env python3
"""Lists the normative statements of MS-SMB2 clauses, with ordinals and line numbers.

A reviewing aid for maintainers of requirements.tsv: it re-derives the statement ordinals
(<clause>#NN) from the spec text. It never writes summaries; those are written by hand.

Usage:
  extract.py SPEC.txt CLAUSES.tsv [CLAUSE ...]     (default: the catalog's scope, partial clauses
                                                   limited to their ordinals in PARTIAL)
  extract.py SPEC.txt CLAUSES.tsv --check requirements.tsv

Rules (also in README.md):
  * A clause's text runs from its heading line to the line before the next clause's heading
    (subclauses are separate clauses).
  * The text is joined into one stream and cut into sentences at '.' or ':' (optionally followed
    by a footnote marker such as <203>) when whitespace and an upper-case letter, digit, quote or
    bracket follow.
  * A statement is a sentence holding at least one of MUST, MUST NOT, SHOULD, SHOULD NOT, MAY.
    Its level is the first such keyword in the sentence; its line is the line the sentence starts on.
  * The ordinal NN numbers the statements of one clause from 01, in text order.
"""
import csv
import re
import sys

SCOPE = [
    "3.3.1.2", "3.3.4.1.1", "3.3.4.1.2", "3.3.4.1.4", "3.3.5.1",
    "3.3.5.2", "3.3.5.2.1", "3.3.5.2.2", "3.3.5.2.3", "3.3.5.2.4", "3.3.5.2.5", "3.3.5.2.6",
    "3.3.5.2.7", "3.3.5.2.7.1", "3.3.5.2.7.2", "3.3.5.2.8", "3.3.5.2.9", "3.3.5.2.10", "3.3.5.2.11",
    "3.3.5.3", "3.3.5.3.1", "3.3.5.3.2", "3.3.5.4", "3.3.5.5", "3.3.5.5.1", "3.3.5.5.3", "3.3.5.15.12",
    "2.2.23.1", "2.2.24.1", "2.2.25.1", "3.3.2.1", "3.3.4.6", "3.3.5.22", "3.3.5.22.1", "3.3.6.1",
    "2.2.13.2.8", "2.2.13.2.10", "2.2.14.2.10", "2.2.14.2.11", "2.2.23.2", "2.2.24.2", "2.2.25.2", "3.3.1.11", "3.3.1.12",
    "3.3.4.7", "3.3.5.9.8", "3.3.5.9.11", "3.3.5.22.2", "2.2.30", "3.3.5.16",
    "2.2.13.2.3", "2.2.13.2.11", "2.2.13.2.12", "2.2.13.2.13", "2.2.14.2.3", "2.2.14.2.12",
    "3.3.5.9.6", "3.3.5.9.7", "3.3.5.9.10", "3.3.5.9.12", "3.3.5.9.13", "3.3.5.15.9", "3.3.2.2", "3.3.2.4", "3.3.6.2", "3.3.6.4",
    "3.3.5.9", "3.3.7.1",
    # session binding
    "3.3.5.15.11", "2.2.32.5", "2.2.32.5.1",
]

# Clauses catalogued only in part (RequirementScope.PartialClauses): the base ordinals in scope.
PARTIAL = {
    "3.3.5.9": [39, 40, 71, 72, 73, 74, 75, 76, 77, 78],
    "3.3.7.1": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],  # 1-5: session binding (channel loss)
    # replay
    "2.2.1.1": [10],
    "2.2.1.2": [5, 6, 11],
    "3.3.4.1": [3, 4],
    # replay of LOCK: the lock sequence
    "3.3.5.14": [7, 8, 9, 10, 11, 12], "3.3.5.14.1": [7, 8, 9, 10], "3.3.5.14.2": [13, 14, 15, 16],
}

KEYWORD = re.compile(r"\b(MUST NOT|MUST|SHOULD NOT|SHOULD|MAY)\b")
SENTENCE_END = re.compile(r"(?<=[.:])(?:<\d+>)?\s+(?=[A-Z0-9\"\[<(])")
# Lines the PDF-to-text conversion left behind that are not spec prose (link targets).
NOISE = re.compile(r"^\s*%5b[^ ]*\.pdf\s*$")


def read_clauses(path):
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    ordered = sorted(((row["clause"], int(row["line"])) for row in rows), key=lambda item: item[1])
    ranges = {}
    for index, (clause, start) in enumerate(ordered):
        end = ordered[index + 1][1] - 1 if index + 1 < len(ordered) else None
        ranges[clause] = (start, end)
    return ranges


def statements(lines, start, end):
    """Yields (ordinal, level, line, sentence) for the clause spanning lines start..end (1-based)."""
    end = end if end is not None else len(lines)
    text = []
    line_of = []
    for number in range(start + 1, end + 1):  # skip the heading line
        line = lines[number - 1].rstrip("\n")
        if NOISE.match(line) or not line.strip():
            continue
        chunk = " ".join(line.split()) + " "
        text.append(chunk)
        line_of.extend([number] * len(chunk))
    stream = "".join(text)
    ordinal = 0
    position = 0
    for piece in SENTENCE_END.split(stream):
        found = stream.find(piece, position)
        position = found + len(piece)
        match = KEYWORD.search(piece)
        if match is None:
            continue
        ordinal += 1
        yield ordinal, match.group(1), line_of[found], piece.strip()


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        lines = handle.readlines()
    ranges = read_clauses(argv[2])
    if len(argv) > 4 and argv[3] == "--check":
        return check(lines, ranges, argv[4])
    for clause in argv[3:] or SCOPE:
        start, end = ranges[clause]
        for ordinal, level, line, sentence in statements(lines, start, end):
            if clause in PARTIAL and not argv[3:] and ordinal not in PARTIAL[clause]:
                continue
            print(f"{clause}#{ordinal:02d}\t{level}\t{line}\t{sentence}")
    return 0


def check(lines, ranges, catalog_path):
    """Compares the ids, levels and lines of a requirements.tsv with what the spec text yields."""
    with open(catalog_path, encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t") if row["source"] == "MS-SMB2.txt"]
    derived = {}
    for clause in {row["clause"] for row in rows}:
        start, end = ranges[clause]
        for ordinal, level, line, _ in statements(lines, start, end):
            if clause in PARTIAL and ordinal not in PARTIAL[clause]:
                continue
            derived[f"{clause}#{ordinal:02d}"] = (level, str(line))
    problems = 0
    for row in rows:
        expected = derived.get(row["id"])
        if expected != (row["level"], row["line"]):
            problems += 1
            print(f"{row['id']}: catalog has {row['level']} at line {row['line']}, the spec text gives {expected}")
    for identifier in sorted(set(derived) - {row["id"] for row in rows}):
        problems += 1
        print(f"{identifier}: in the spec text, missing from the catalog")
    print(f"{problems} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
