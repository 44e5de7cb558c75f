#!/usr/bin/env python3
"""A CalDAV round trip of every calendar of a `duty-roster solve` output folder
through a real Radicale server (PyPI), started here on 127.0.0.1 with a temporary
storage folder and no authentication, and always stopped at the end.

Usage: caldav_roundtrip.py OUT_DIR

For each calendar file under OUT_DIR/calendars:
1. as a CalDAV client does it: MKCALENDAR a collection, then PUT each event as its
   own resource (a VCALENDAR with VERSION, PRODID and the one VEVENT, without
   METHOD, which RFC 4791 forbids in a calendar collection) with If-None-Match: *;
2. as a whole file: PUT the unchanged .ics onto a new collection's URL, which
   Radicale accepts as a calendar import;
then GET each collection back, parse it with `icalendar`, and compare the events
with the file's, by UID: start, end, stamp, summary, location, description and
reminders. A duplicate UID fails step 1, and before all that a probe checks that
this Radicale does refuse one.

Prints one line per failure and a closing "N passed, N failed" line (N calendars);
exits 1 on any failure.
"""

import base64
import contextlib
import http.client
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import icalendar

USER = "ci"
AUTH = "Basic " + base64.b64encode(f"{USER}:{USER}".encode()).decode()
STARTUP_SECONDS = 30
REQUEST_SECONDS = 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Radicale:
    """A Radicale server in a child process, stopped by `stop` (and on exit)."""

    def __init__(self, storage):
        self.port = free_port()
        self.log = open(Path(storage) / "radicale.log", "w+b")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "radicale",
                "--config", "",
                "--server-hosts", f"127.0.0.1:{self.port}",
                "--storage-filesystem-folder", str(Path(storage) / "collections"),
                "--auth-type", "none",
                "--rights-type", "owner_only",
                "--logging-level", "warning",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"radicale exited with {self.process.returncode}:\n{self.output()}")
            try:
                status, _ = self.request("GET", "/")
                if status < 500:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"radicale did not answer within {STARTUP_SECONDS} s:\n{self.output()}")
            time.sleep(0.2)

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-4000:]

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_SECONDS)
        try:
            all_headers = {"Authorization": AUTH, **(headers or {})}
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


def vevent_blocks(text):
    """The raw VEVENT blocks of a calendar, as written (folded lines kept)."""
    blocks, current = [], None
    for line in text.split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = [line]
        elif current is not None:
            current.append(line)
            if line == "END:VEVENT":
                blocks.append("\r\n".join(current) + "\r\n")
                current = None
    return blocks


def header_lines(text, names):
    """The calendar's own (unfolded-start) lines for the given property names."""
    lines = []
    for line in text.split("\r\n"):
        if line == "BEGIN:VEVENT":
            break
        if line.split(":", 1)[0].split(";", 1)[0] in names:
            lines.append(line)
    return lines


def events_by_uid(ics_text):
    """UID -> comparable view of each event, and the count of VEVENTs."""
    calendar = icalendar.Calendar.from_ical(ics_text)
    events = {}
    count = 0
    for event in calendar.walk("VEVENT"):
        count += 1
        view = {
            name: (event[name].dt if hasattr(event[name], "dt") else str(event[name]))
            for name in ("DTSTART", "DTEND", "DTSTAMP", "SUMMARY", "LOCATION", "DESCRIPTION")
            if name in event
        }
        view["VALARM"] = sorted(
            (str(a.get("ACTION")), str(a["TRIGGER"].dt)) for a in event.walk("VALARM")
        )
        events[str(event["UID"])] = view
    return events, count


def collection(name):
    return f"/{USER}/{urllib.parse.quote(name, safe='')}/"


ICS = {"Content-Type": "text/calendar; charset=utf-8"}


def check_duplicates_are_refused(server, failures):
    """The server must refuse a second resource with an existing UID: that is what
    makes step 1 catch duplicate UIDs."""
    event = "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//duty-roster//probe//EN",
        "BEGIN:VEVENT", "UID:probe@duty-roster", "DTSTAMP:20220725T090000Z",
        "DTSTART:20220801T153000Z", "DTEND:20220801T173000Z", "SUMMARY:probe",
        "END:VEVENT", "END:VCALENDAR", "",
    ]).encode()
    base = collection("duplicate-uid-probe")
    status, body = server.request("MKCALENDAR", base)
    if status != 201:
        failures.append(f"probe: MKCALENDAR {status} {body[:200]!r}")
        return
    first, _ = server.request("PUT", base + "a.ics", event, {**ICS, "If-None-Match": "*"})
    second, _ = server.request("PUT", base + "b.ics", event, {**ICS, "If-None-Match": "*"})
    if first != 201 or 200 <= second < 300:
        failures.append(f"probe: duplicate UID not refused (PUT {first}, then {second})")


def compare(where, expected, got, got_count, failures):
    if got_count != len(got):
        failures.append(f"{where}: {got_count} events but {len(got)} UIDs read back")
    if set(expected) != set(got):
        missing = sorted(set(expected) - set(got))[:3]
        extra = sorted(set(got) - set(expected))[:3]
        failures.append(f"{where}: UIDs differ (missing {missing}, extra {extra})")
    for uid in sorted(set(expected) & set(got)):
        if expected[uid] != got[uid]:
            diff = {k: (expected[uid].get(k), got[uid].get(k))
                    for k in set(expected[uid]) | set(got[uid])
                    if expected[uid].get(k) != got[uid].get(k)}
            failures.append(f"{where}: {uid} differs: {diff}")


def roundtrip(server, out, path, failures):
    rel = path.relative_to(out).as_posix()
    text = path.read_bytes().decode("utf-8")
    expected, count = events_by_uid(text)
    if count != len(expected):
        failures.append(f"{rel}: {count} events but {len(expected)} distinct UIDs")
    name = rel.removeprefix("calendars/").removesuffix(".ics").replace("/", "-")

    # 1. A collection, then one resource per event, as CalDAV clients do.
    base = collection(name)
    status, body = server.request("MKCALENDAR", base)
    if status != 201:
        failures.append(f"{rel}: MKCALENDAR {base}: {status} {body[:200]!r}")
        return
    head = ["BEGIN:VCALENDAR"] + header_lines(text, {"VERSION", "PRODID", "CALSCALE"})
    for i, block in enumerate(vevent_blocks(text)):
        item = ("\r\n".join(head) + "\r\n" + block + "END:VCALENDAR\r\n").encode()
        status, body = server.request("PUT", f"{base}{i:04}.ics", item, {**ICS, "If-None-Match": "*"})
        if status != 201:
            failures.append(f"{rel}: PUT event {i}: {status} {body[:300]!r}")
    status, body = server.request("GET", base)
    if status != 200:
        failures.append(f"{rel}: GET {base}: {status}")
    else:
        got, got_count = events_by_uid(body.decode("utf-8"))
        compare(f"{rel} (per event)", expected, got, got_count, failures)

    # 2. The whole file, unchanged, onto a new collection's URL.
    whole = collection(name + "-whole")
    status, body = server.request("PUT", whole, path.read_bytes(), ICS)
    if status not in (200, 201, 204):
        failures.append(f"{rel}: PUT whole file: {status} {body[:300]!r}")
        return
    status, body = server.request("GET", whole)
    if status != 200:
        failures.append(f"{rel}: GET {whole}: {status}")
    else:
        got, got_count = events_by_uid(body.decode("utf-8"))
        compare(f"{rel} (whole file)", expected, got, got_count, failures)



@contextlib.contextmanager
def radicale_session(failures):
    """A Radicale server for the `with` block, first checked to refuse a duplicate
    UID, and always stopped, on a TERM or INT too (SystemExit runs the finally);
    its log is printed when `failures` is not empty by then."""
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda signum, _frame: sys.exit(128 + signum))
    with tempfile.TemporaryDirectory(prefix="duty-roster-radicale-") as storage:
        server = None
        try:
            server = Radicale(storage)
            check_duplicates_are_refused(server, failures)
            yield server
        finally:
            if server is not None:
                if failures:
                    print(server.output(), file=sys.stderr)
                server.stop()


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    files = sorted((out / "calendars").rglob("*.ics"))
    failures = []
    passed = 0
    with radicale_session(failures) as server:
        if not files:
            failures.append(f"{out / 'calendars'}: no calendar")
        for path in files:
            before = len(failures)
            roundtrip(server, out, path, failures)
            passed += len(failures) == before
    for failure in failures:
        print(f"FAIL {failure}")
    import radicale  # noqa: PLC0415 - only for its version
    print(f"radicale {radicale.VERSION}: {len(files)} calendars round-tripped")
    print(f"caldav_roundtrip.py: {passed} passed, {len(files) - passed} failed")
    return 1 if failures or not files else 0


if __name__ == "__main__":
    sys.exit(main())
