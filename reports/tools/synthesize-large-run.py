#!/usr/bin/env python3
"""Writes run files of a made-up large run, to measure the HTML report at scale (README "Reports and CI
gating"): SCENARIOS scenarios in five families on each of three targets, about a fifth failed with two
connections of twelve frames each (as a failed scenario's run file carries them).
Usage: synthesize-large-run.py OUT_DIR [SCENARIOS]   then: dotnet run --project reports/Conformance.Reports -- report --out OUT_DIR/report/conformance.html OUT_DIR"""
import json, os, random, sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 450
os.makedirs(out, exist_ok=True)
random.seed(1)
families = ["negotiate", "oplocks", "netbios", "session-binding", "durable-reconnect"]
clauses = [f"3.3.5.{i}" for i in range(2, 25)] + [f"3.3.5.9.{i}" for i in range(1, 13)] + ["2.1", "3.3.4.6", "3.3.6.1", "2.2.23.1", "2.2.25.1"]
# A 264-byte CREATE-sized SMB2 message: header, then filler.
frame_hex = "FE534D42" + "4000" + "0000" + "00" * 56 + "3900" + "0000" + "AB" * 196
time = "2026-12-02T17:07:14.265438+00:00"

def frames(n):
    return [{"sequence": i, "time": time, "direction": "sent" if i % 2 == 0 else "received", "unframed": False,
             "summary": f"{'C' if i % 2 == 0 else 'R'} Create MID={i // 2} TID=0x1 SID=0x400000000001", "hex": frame_hex} for i in range(n)]

for label in ["reference", "samba-4.17", "windows-2022"]:
    scenarios = []
    for i in range(count):
        family = families[i % len(families)]
        verdict = random.choices(["passed", "failed", "inconclusive", "broken"], [70, 20, 8, 2])[0]
        clause = random.choice(clauses)
        scenario = {"id": f"{family}.Scenario{i:03d}", "family": family, "clauses": [clause], "requirements": [], "title": f"made-up scenario {i}",
                    "verdict": verdict, "start": time, "stop": time, "target": label, "dialect": "3.1.1", "connections": []}
        if verdict != "passed":
            scenario["message"] = f"MS-SMB2 {clause}: a field\n  expected: a value\n  actual:   another value"
        if verdict == "failed":
            scenario["failure"] = {"clause": clause, "subject": "a field", "expected": "a value", "actual": "another value"}
            scenario["connections"] = [{"number": c + 1, "description": f"127.0.0.1:{50000 + c} -> 127.0.0.1:445", "frames": frames(12)} for c in range(2)]
        scenarios.append(scenario)
    run = {"schemaVersion": 1, "started": time, "finished": time, "clauseTitles": {},
           "target": {"label": label, "name": label, "host": "127.0.0.1", "port": 445, "share": "conf", "isReferenceServer": label == "reference",
                      "dialects": ["2.0.2", "2.1", "3.0", "3.0.2", "3.1.1"], "highestDialect": "3.1.1"},
           "scenarios": scenarios}
    with open(os.path.join(out, f"run-{label}-20261202-170000.json"), "w") as file:
        json.dump(run, file)
print(f"wrote 3 run files of {count} scenarios to {out}")
