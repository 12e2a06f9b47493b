#!/usr/bin/env python3
"""Writes fixtures/plans/daily_50_appointments.json: daily check-ins for two
years plus 50 appointments, used by core/benches/plan.rs and the remind
tests. Deterministic: rerunning gives the same file."""

import json
from datetime import datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "fixtures" / "plans" / "daily_50_appointments.json"
KINDS = ["court_hearing", "office_visit", "other"]
ZONES = [None, "America/Chicago", None, "America/Denver", None]


def main():
    start = datetime(2026, 1, 1, 9, 0)
    appointments = []
    for i in range(50):
        when = start + timedelta(days=14 * i + 3, hours=(i % 6) + 1, minutes=15 * (i % 4))
        appointment = {
            "id": f"appt-{i:02d}",
            "kind": KINDS[i % 3],
            "start": when.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
            "place": f"Room {100 + i}",
        }
        if KINDS[i % 3] == "other":
            appointment["title"] = "Drug test"
        if ZONES[i % 5]:
            appointment["zone"] = ZONES[i % 5]
        appointments.append(appointment)
    plan = {
        "format": 1,
        "plan_id": "daily-50",
        "revision": 1,
        "zone": "America/New_York",
        "language": "en",
        "sync_every_minutes": 720,
        "reminders": {"before_close_minutes": [30], "appointment_before_minutes": [1440, 120]},
        "schedules": [
            {
                "id": "daily",
                "start": "2026-01-01T18:00",
                "rrule": "FREQ=DAILY;UNTIL=20271231T235959",
                "window_minutes": 180,
                "grace_minutes": 15,
                "late_minutes": 120,
                "requires": {"photo": True, "location": "area"},
            }
        ],
        "appointments": appointments,
    }
    OUT.write_text(json.dumps(plan, indent=2) + "\n")


if __name__ == "__main__":
    main()
