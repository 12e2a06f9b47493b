#!/usr/bin/env python3
"""Independent recurrence expansion for core/tests/plan_rrule_oracle.rs.

Reads a JSON list of cases on stdin, each
  {"start": "YYYY-MM-DDTHH:MM", "rrule": "FREQ=...", "exdates": [...], "end": "YYYY-MM-DDTHH:MM"}
and writes a JSON list with, for each case, the occurrences (same format)
that python-dateutil's rrule produces strictly before "end". All times are
naive local times: zones and DST are tested elsewhere.

Exits with status 3 and a clear message if python-dateutil is missing.
"""

import json
import sys
import warnings
from datetime import datetime, timedelta

try:
    from dateutil.rrule import rrulestr, rruleset
except ImportError:
    sys.stderr.write(
        "python-dateutil is not installed; run `pip install python-dateutil` "
        "(the plan recurrence oracle test needs it)\n"
    )
    sys.exit(3)

FMT = "%Y-%m-%dT%H:%M"


def expand(case):
    start = datetime.strptime(case["start"], FMT)
    end = datetime.strptime(case["end"], FMT)
    rule = rrulestr(case["rrule"], dtstart=start)
    # Bound the search: a rule that never matches would otherwise be
    # searched up to the year 9999. An UNTIL before `end` changes nothing
    # before `end`; dateutil only warns when it meets COUNT.
    last = end - timedelta(minutes=1)
    if rule._until is None or rule._until > last:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rule = rule.replace(until=last)
    rules = rruleset()
    rules.rrule(rule)
    for ex in case.get("exdates", []):
        rules.exdate(datetime.strptime(ex, FMT))
    out = []
    for occurrence in rules:
        if occurrence >= end:
            break
        out.append(occurrence.strftime(FMT))
    return out


def main():
    cases = json.load(sys.stdin)
    json.dump([expand(case) for case in cases], sys.stdout)


if __name__ == "__main__":
    main()
