#!/usr/bin/env python3
"""A re-plan's calendars PUT over the published ones on a real Radicale server (PyPI),
started here on 127.0.0.1 as in caldav_roundtrip.py, whose server and helpers this
reuses, and always stopped at the end.

Usage: caldav_replan.py [--expect-cancelled STAFF]... PUBLISHED_DIR REPLANNED_DIR

PUBLISHED_DIR is the output of `duty-roster solve ROSTER.toml`, REPLANNED_DIR that of
`duty-roster solve CHANGED.toml --baseline PUBLISHED_DIR/roster.csv`. For each
per-person calendar (calendars/staff/*.ics) of PUBLISHED_DIR:
1. as a CalDAV client does it: MKCALENDAR a collection and PUT each event as its own
   resource, named by its UID, with If-None-Match: *;
2. then, from REPLANNED_DIR's file of the same name, PUT each event (the cancelled
   ones too) over the resource of the same UID: an update; a UID the published file
   did not have is a new resource (If-None-Match: *);
then GET the collection back and check that the server holds exactly the re-planned
file's events by UID (none duplicated, none left over from the published file), that
each event the re-planned file cancels is STATUS:CANCELLED on the server with its
SEQUENCE, higher than the published one, and that every other event has the file's
start, end, summary and sequence. A re-planned staff calendar with no published one
is loaded on a collection of its own. At least one calendar must hold a
cancellation, and with --expect-cancelled, that person's calendar must, so that the
check cannot pass vacuously.

Prints one line per failure and a closing "N passed, N failed" line (N calendars);
exits 1 on any failure.
"""

import argparse
import sys
import urllib.parse
from pathlib import Path

import icalendar

from caldav_roundtrip import (
    ICS,
    collection,
    header_lines,
    radicale_session,
    vevent_blocks,
)


def uid_of(block):
    """The UID of a raw VEVENT block (UIDs are written unfolded and unescaped)."""
    for line in block.split("\r\n"):
        if line.startswith("UID:"):
            return line[len("UID:"):]
    raise ValueError("VEVENT without UID")


def resources(text):
    """UID -> one-event VCALENDAR body, as a CalDAV client PUTs it (no METHOD)."""
    head = ["BEGIN:VCALENDAR"] + header_lines(text, {"VERSION", "PRODID", "CALSCALE"})
    return {
        uid_of(block): ("\r\n".join(head) + "\r\n" + block + "END:VCALENDAR\r\n").encode()
        for block in vevent_blocks(text)
    }


def versions(ics_text):
    """UID -> (start, end, summary, sequence, cancelled), and the count of VEVENTs."""
    calendar = icalendar.Calendar.from_ical(ics_text)
    events, count = {}, 0
    for event in calendar.walk("VEVENT"):
        count += 1
        events[str(event["UID"])] = (
            event["DTSTART"].dt,
            event["DTEND"].dt,
            str(event.get("SUMMARY", "")),
            int(event.get("SEQUENCE", 0)),
            str(event.get("STATUS", "")) == "CANCELLED",
        )
    return events, count


def resource_path(base, uid):
    return base + urllib.parse.quote(uid, safe="") + ".ics"


def put_all(server, rel, base, items, existing, failures):
    """PUT each item: over the resource of an existing UID, else as a new one."""
    for uid, body in items.items():
        headers = dict(ICS) if uid in existing else {**ICS, "If-None-Match": "*"}
        status, answer = server.request("PUT", resource_path(base, uid), body, headers)
        expected = (200, 201, 204) if uid in existing else (201,)
        if status not in expected:
            failures.append(f"{rel}: PUT {uid}: {status} {answer[:300]!r}")


def replan(server, published, replanned, name, failures):
    """Loads one person's published calendar, PUTs the re-plan over it, checks the
    server; returns the number of cancelled events the server holds."""
    rel = f"calendars/staff/{name}"
    old_path = published / "calendars" / "staff" / name
    new_text = (replanned / "calendars" / "staff" / name).read_bytes().decode("utf-8")
    old_text = old_path.read_bytes().decode("utf-8") if old_path.exists() else ""
    before, _ = versions(old_text) if old_text else ({}, 0)
    expected, count = versions(new_text)
    if count != len(expected):
        failures.append(f"{rel}: {count} events but {len(expected)} distinct UIDs")

    base = collection("replan-" + name.removesuffix(".ics"))
    status, body = server.request("MKCALENDAR", base)
    if status != 201:
        failures.append(f"{rel}: MKCALENDAR {base}: {status} {body[:200]!r}")
        return 0
    old_items = resources(old_text) if old_text else {}
    put_all(server, f"{rel} (published)", base, old_items, set(), failures)
    put_all(server, f"{rel} (re-planned)", base, resources(new_text), set(old_items), failures)

    status, body = server.request("GET", base)
    if status != 200:
        failures.append(f"{rel}: GET {base}: {status}")
        return 0
    got, got_count = versions(body.decode("utf-8"))
    if got_count != len(got):
        failures.append(f"{rel}: server holds {got_count} events but {len(got)} UIDs")
    left_over = sorted(set(got) - set(expected))
    missing = sorted(set(expected) - set(got))
    if left_over or missing:
        failures.append(f"{rel}: UIDs differ (left over {left_over[:3]}, missing {missing[:3]})")
    cancelled = 0
    for uid in sorted(set(expected) & set(got)):
        want, have = expected[uid], got[uid]
        if want[4]:
            cancelled += have[4]
            if not have[4]:
                failures.append(f"{rel}: {uid} is cancelled in the file, not on the server")
            if have[3] != want[3]:
                failures.append(f"{rel}: {uid} SEQUENCE {have[3]} on the server, {want[3]} in the file")
            if uid in before and not have[3] > before[uid][3]:
                failures.append(f"{rel}: {uid} cancelled with SEQUENCE {have[3]}, "
                                f"not above the published {before[uid][3]}")
        elif have != want:
            failures.append(f"{rel}: {uid} is {have[:4]} on the server, {want[:4]} in the file")
    return cancelled


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--expect-cancelled", action="append", default=[], metavar="STAFF",
                        help="a staff id whose calendar must hold a cancellation")
    parser.add_argument("published", type=Path)
    parser.add_argument("replanned", type=Path)
    args = parser.parse_args()
    names = sorted(p.name for p in (args.replanned / "calendars" / "staff").glob("*.ics"))
    failures = []
    passed = 0
    cancelled_by = {}
    with radicale_session(failures) as server:
        if not names:
            failures.append(f"{args.replanned / 'calendars' / 'staff'}: no calendar")
        for name in names:
            before = len(failures)
            cancelled_by[name.removesuffix(".ics")] = replan(
                server, args.published, args.replanned, name, failures)
            passed += len(failures) == before
    for name in sorted(set((args.published / "calendars" / "staff").glob("*.ics"))):
        if name.name not in names:
            failures.append(f"calendars/staff/{name.name}: published, but not in the re-plan")
    total = sum(cancelled_by.values())
    if total == 0:
        failures.append("no calendar holds a cancellation: the check would pass vacuously")
    for staff in args.expect_cancelled:
        if not cancelled_by.get(staff):
            failures.append(f"calendars/staff/{staff}.ics: no cancellation on the server")
    for failure in failures:
        print(f"FAIL {failure}")
    import radicale  # noqa: PLC0415 - only for its version
    print(f"radicale {radicale.VERSION}: {len(names)} calendars re-planned, "
          f"{total} cancellations held")
    failed = len(names) - passed
    if failures and failed == 0:
        failed = 1  # a failure of the whole run, not of one calendar
    print(f"caldav_replan.py: {passed} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
