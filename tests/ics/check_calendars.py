#!/usr/bin/env python3
"""Checks the calendars of a `duty-roster solve` output folder with Python's
`icalendar` package (PyPI), against the roster.csv written beside them and the
roster file.

Usage: check_calendars.py --roster rosters/aubm-2022-08.toml OUT_DIR

Every file under OUT_DIR/calendars must parse, and:
- the calendar has VERSION 2.0, a duty-roster PRODID, METHOD:PUBLISH, no ATTENDEE,
  NAME equal to X-WR-CALNAME, and is named for its owner;
- per-person calendars have one event per row of roster.csv for that person, the
  per-site and whole-roster calendars one event per slot (date, duty, site) with
  people; every person and site with a duty has a calendar;
- each event's UTC start and end are the local times of roster.csv converted with
  the roster's time zone (Python's zoneinfo, independent of the Rust side); its
  SUMMARY is "<duty name> — <site name>", its LOCATION "<site name>, <address>";
  its DESCRIPTION names the colleagues (per person) or everyone on the slot; its
  DTSTAMP is the roster's revision; UIDs are unique in each calendar;
- per-person events carry the roster's reminder (VALARM, DISPLAY, -PT<n>M);
- in a re-planned folder (one with changes.csv, from `solve --baseline`), an event
  may carry SEQUENCE and LAST-MODIFIED (both then, LAST-MODIFIED and DTSTAMP no later
  than the revision: an unchanged event keeps its published stamps), and a duty taken
  away is kept as STATUS:CANCELLED with SEQUENCE >= 1 and LAST-MODIFIED: a cancelled
  event must NOT match a roster.csv row of the calendar (for a person, a row of
  theirs), every other event must; outside a re-plan neither appears;
- every line ends with CRLF and is at most 75 octets.

Prints one line per failure and a closing "N passed, N failed" line (N calendars);
exits 1 on any failure.
"""

import argparse
import csv
import datetime as dt
import io
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

MAX_OCTETS = 75


def read_roster_csv(path):
    """Rows of roster.csv, plain or Excel style (UTF-8 BOM, `;`)."""
    text = path.read_text(encoding="utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def unquote_cell(value):
    """A text cell as written: a leading apostrophe guards formula characters."""
    if value[:2] in ("'=", "'+", "'-", "'@") or value[:2] in ("'\t", "'\r"):
        return value[1:]
    return value


def utc_interval(row, zone):
    """The UTC start and end of a roster.csv row's local times."""
    day = dt.date.fromisoformat(row["date"])
    start = dt.time.fromisoformat(row["start"])
    end = dt.time.fromisoformat(row["end"])
    end_day = day + dt.timedelta(days=1) if end <= start else day
    to_utc = lambda d, t: dt.datetime.combine(d, t, tzinfo=zone).astimezone(dt.timezone.utc)
    return to_utc(day, start), to_utc(end_day, end)


def as_utc(prop):
    value = prop.dt
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise ValueError(f"not a UTC date-time: {value!r}")
    return value.astimezone(dt.timezone.utc)


class Checker:
    def __init__(self, roster_path, out_dir):
        self.out = Path(out_dir)
        roster = tomllib.loads(Path(roster_path).read_text(encoding="utf-8"))
        head = roster["roster"]
        self.zone = ZoneInfo(head["time_zone"])
        revision = head.get("revision")
        if revision is None:
            first = head["first"]
            revision = dt.datetime(first.year, first.month, first.day, tzinfo=dt.timezone.utc)
        self.dtstamp = revision.astimezone(dt.timezone.utc)
        self.roster_name = head["name"]
        self.sites = {s["id"]: s for s in roster.get("site", [])}
        self.staff = {s["id"]: s for s in roster.get("staff", [])}
        self.reminder = roster.get("settings", {}).get("reminder_minutes")
        self.rows = read_roster_csv(self.out / "roster.csv")
        self.replanned = (self.out / "changes.csv").is_file()
        self.failures = []
        self.passed = 0
        self.events_checked = 0
        self.cancelled = 0

    def fail(self, where, message):
        self.failures.append(f"{where}: {message}")

    # ------------------------------------------------------------ expectations

    def slot_key(self, row):
        return (row["date"], unquote_cell(row["duty"]), unquote_cell(row["site"]))

    def slots(self, rows):
        """Rows grouped by slot, in order of first appearance."""
        grouped = defaultdict(list)
        for row in rows:
            grouped[self.slot_key(row)].append(row)
        return grouped

    def expected_summary(self, row):
        return f"{unquote_cell(row['duty_name'])} — {unquote_cell(row['site_name'])}"

    def expected_location(self, site_id):
        site = self.sites[site_id]
        address = (site.get("address") or "").strip()
        return f"{site['name']}, {address}" if address else site["name"]

    # ------------------------------------------------------------ checks

    def check_lines(self, path, raw):
        if not raw.endswith(b"\r\n"):
            self.fail(path, "does not end with CRLF")
        for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
            if b"\n" in line or b"\r" in line:
                self.fail(path, f"line {number}: bare CR or LF")
            if len(line) > MAX_OCTETS:
                self.fail(path, f"line {number}: {len(line)} octets > {MAX_OCTETS}")
            line.decode("utf-8")  # never a split character

    def check_calendar_props(self, path, cal, name_ok):
        if str(cal.get("VERSION")) != "2.0":
            self.fail(path, f"VERSION {cal.get('VERSION')!r}")
        if not str(cal.get("PRODID", "")).startswith("-//duty-roster//duty-roster "):
            self.fail(path, f"PRODID {cal.get('PRODID')!r}")
        if str(cal.get("METHOD")) != "PUBLISH":
            self.fail(path, f"METHOD {cal.get('METHOD')!r}")
        name, wr_name = str(cal.get("NAME", "")), str(cal.get("X-WR-CALNAME", ""))
        if name != wr_name:
            self.fail(path, f"NAME {name!r} != X-WR-CALNAME {wr_name!r}")
        if not name_ok(wr_name):
            self.fail(path, f"calendar name {wr_name!r}")
        for component in cal.walk():
            if "ATTENDEE" in component or "ORGANIZER" in component:
                self.fail(path, "ATTENDEE or ORGANIZER in a published calendar")

    def check_version(self, where, event, stamp, cancelled):
        """SEQUENCE, LAST-MODIFIED and STATUS: only a re-plan versions or cancels."""
        sequence = int(event.get("SEQUENCE", 0))
        try:
            modified = as_utc(event["LAST-MODIFIED"]) if "LAST-MODIFIED" in event else None
        except ValueError as e:
            self.fail(where, f"LAST-MODIFIED: {e}")
            return
        if not self.replanned:
            if sequence or modified is not None or "STATUS" in event:
                self.fail(where, "SEQUENCE, LAST-MODIFIED or STATUS outside a re-plan")
            if stamp != self.dtstamp:
                self.fail(where, f"DTSTAMP {stamp}, expected {self.dtstamp}")
            return
        if (sequence > 0) != (modified is not None):
            self.fail(where, f"SEQUENCE {sequence} with LAST-MODIFIED {modified}")
        if stamp > self.dtstamp or (modified is not None and modified > self.dtstamp):
            self.fail(where, f"DTSTAMP {stamp} or LAST-MODIFIED {modified} after {self.dtstamp}")
        if cancelled and sequence < 1:
            self.fail(where, f"cancelled with SEQUENCE {sequence}")
        status = str(event.get("STATUS", ""))
        if status not in ("", "CANCELLED"):
            self.fail(where, f"STATUS {status!r}")

    def check_events(self, path, cal, slots, person=None):
        """`slots` maps slot keys to their rows; with `person`, one event per slot of
        theirs, else one per slot, plus (in a re-plan) cancelled events of none."""
        events = list(cal.walk("VEVENT"))
        live = [e for e in events if str(e.get("STATUS", "")) != "CANCELLED"]
        if len(live) != len(slots):
            self.fail(path, f"{len(live)} events not cancelled, roster.csv has {len(slots)}")
        uids = [str(e.get("UID")) for e in events]
        if len(set(uids)) != len(uids):
            self.fail(path, "duplicate UIDs")
        by_start = defaultdict(list)
        for key, rows in slots.items():
            start, _ = utc_interval(rows[0], self.zone)
            by_start[(start, self.expected_summary(rows[0]))].append((key, rows))
        for event in events:
            self.events_checked += 1
            uid = str(event.get("UID"))
            where = f"{path} {uid}"
            try:
                start, end = as_utc(event["DTSTART"]), as_utc(event["DTEND"])
                stamp = as_utc(event["DTSTAMP"])
            except (KeyError, ValueError) as e:
                self.fail(where, f"times: {e}")
                continue
            cancelled = str(event.get("STATUS", "")) == "CANCELLED"
            self.check_version(where, event, stamp, cancelled)
            summary = str(event.get("SUMMARY", ""))
            matches = by_start.get((start, summary), [])
            if cancelled:
                self.cancelled += 1
                if matches:
                    self.fail(where, f"cancelled, but roster.csv has this slot at {start}")
                if end <= start:
                    self.fail(where, f"cancelled with DTEND {end} not after DTSTART {start}")
                continue
            if len(matches) != 1:
                self.fail(where, f"no single roster.csv slot at {start} named {summary!r}")
                continue
            key, rows = matches[0]
            _, expected_end = utc_interval(rows[0], self.zone)
            if end != expected_end:
                self.fail(where, f"DTEND {end}, expected {expected_end}")
            location = str(event.get("LOCATION", ""))
            if location != self.expected_location(key[2]):
                self.fail(where, f"LOCATION {location!r}, expected {self.expected_location(key[2])!r}")
            description = str(event.get("DESCRIPTION", ""))
            for row in rows:
                name = unquote_cell(row["staff_name"])
                if unquote_cell(row["staff"]) != person and name not in description:
                    self.fail(where, f"DESCRIPTION does not name {name!r}")
            alarms = list(event.walk("VALARM"))
            if person is not None and self.reminder is not None:
                triggers = [a["TRIGGER"].dt for a in alarms]
                actions = [str(a.get("ACTION")) for a in alarms]
                if triggers != [-dt.timedelta(minutes=self.reminder)] or actions != ["DISPLAY"]:
                    self.fail(where, f"VALARM {actions} {triggers}, expected one DISPLAY {-self.reminder} min")
            elif alarms:
                self.fail(where, "unexpected VALARM")

    def run(self):
        calendars = self.out / "calendars"
        files = sorted(calendars.rglob("*.ics"))
        if not files:
            self.fail(calendars, "no calendar")
        rows_by_staff = defaultdict(list)
        rows_by_site = defaultdict(list)
        for row in self.rows:
            rows_by_staff[unquote_cell(row["staff"])].append(row)
            rows_by_site[unquote_cell(row["site"])].append(row)
        seen_staff, seen_sites, seen_roster = set(), set(), False
        for path in files:
            before = len(self.failures)
            rel = path.relative_to(self.out)
            raw = path.read_bytes()
            self.check_lines(rel, raw)
            try:
                cal = icalendar.Calendar.from_ical(raw.decode("utf-8"))
            except Exception as e:  # noqa: BLE001 - any parse failure is a failure
                self.fail(rel, f"does not parse: {e}")
                continue
            name = str(cal.get("X-WR-CALNAME", ""))
            kind = path.parent.name
            if kind == "staff":
                owners = [i for i, s in self.staff.items() if name.endswith(" — " + s["name"])]
                if len(owners) != 1:
                    self.fail(rel, f"calendar name {name!r} names {len(owners)} staff members")
                    continue
                owner = owners[0]
                seen_staff.add(owner)
                self.check_calendar_props(rel, cal, lambda n: n.endswith(self.staff[owner]["name"]))
                self.check_events(rel, cal, self.slots(rows_by_staff[owner]), person=owner)
            elif kind == "sites":
                owners = [i for i, s in self.sites.items() if s["name"] == name]
                if len(owners) != 1:
                    self.fail(rel, f"calendar name {name!r} names {len(owners)} sites")
                    continue
                owner = owners[0]
                seen_sites.add(owner)
                self.check_calendar_props(rel, cal, lambda n: True)
                self.check_events(rel, cal, self.slots(rows_by_site[owner]))
            elif rel.as_posix() == "calendars/roster.ics":
                seen_roster = True
                self.check_calendar_props(rel, cal, lambda n: n == self.roster_name)
                self.check_events(rel, cal, self.slots(self.rows))
            else:
                self.fail(rel, "unexpected calendar file")
            if len(self.failures) == before:
                self.passed += 1
        before = len(self.failures)
        for missing in sorted(set(rows_by_staff) - seen_staff):
            self.fail(calendars, f"no calendar for staff {missing}")
        for missing in sorted(set(rows_by_site) - seen_sites):
            self.fail(calendars, f"no calendar for site {missing}")
        if not seen_roster:
            self.fail(calendars, "no roster.ics")
        self.missing = len(self.failures) - before
        return len(files)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roster", required=True, help="the roster file (TOML)")
    parser.add_argument("out", help="the output folder of `duty-roster solve`")
    args = parser.parse_args()
    checker = Checker(args.roster, args.out)
    total = checker.run()
    for failure in checker.failures:
        print(f"FAIL {failure}")
    print(
        f"icalendar {icalendar.__version__}: {total} calendars, "
        f"{checker.events_checked} events ({checker.cancelled} cancelled), "
        f"{len(checker.rows)} roster rows"
    )
    failed = total - checker.passed + checker.missing
    print(f"check_calendars.py: {checker.passed} passed, {failed} failed")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
