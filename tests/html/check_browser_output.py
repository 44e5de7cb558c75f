#!/usr/bin/env python3
"""Checks what headless Chromium made of roster.html (Python standard library and
poppler-utils only).

Usage: check_browser_output.py OUT_DIR [--roster rosters/aubm-2022-08.toml]

OUT_DIR holds what tests/html/browser_check.sh wrote: roster.csv and roster.html from
`duty-roster solve`, and from Chromium dom.html (--dump-dom), roster.pdf
(--print-to-pdf) and roster.png (--screenshot).

- DOM: every row of roster.csv (plain or Excel style) is a `li[data-staff]` inside the
  `div[data-duty]` of the `td[data-site][data-date]` cell of its site and date, inside
  that site's `section[data-site]`, and the grid holds nothing else; the page is
  self-contained (no script, no link, no external src or href) and says its language.
- PDF: A4 landscape pages; the sites of the roster file that have a cover are the
  DOM's site sections, in order; site number i's tag ("<roster> · <site> · i/n", in
  each page head) is on page i and on no other page, and page n+1 starts the
  per-person part: each site fills exactly one page.
- PNG: a 1600 x 1200 image.

Prints one line per failure and a closing "N passed, N failed" line; exits 1 on any
failure.
"""

import argparse
import csv
import io
import struct
import subprocess
import sys
import tomllib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

A4_LANDSCAPE = (841.92, 594.96)  # points, as pdfinfo reports them


def read_roster_csv(path):
    """(date, site, duty, staff) of every row of roster.csv, in either CSV style."""
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    return [(r["date"], unquote(r["site"]), unquote(r["duty"]), unquote(r["staff"])) for r in rows]


def unquote(value):
    """roster.csv puts a ' before text that starts like a formula."""
    return value[1:] if value[:2] in ("'=", "'+", "'-", "'@") else value


class Grid(HTMLParser):
    """Reads the month grids, the site sections and what could reach the network."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, attrs) of open elements
        self.found = []  # (date, site, duty, staff, section site)
        self.sections = []  # data-site of each site section, in order
        self.cells = Counter()  # (site, date) -> number of cells
        self.html_attrs = {}
        self.body_attrs = {}
        self.external = []

    def nearest(self, name):
        for tag, attrs in reversed(self.stack):
            if name in attrs:
                return attrs[name]
        return None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag == "html":
            self.html_attrs = attrs
        if tag == "body":
            self.body_attrs = attrs
        if tag in ("script", "link", "iframe", "object", "embed", "img"):
            self.external.append(f"<{tag}>")
        for name in ("src", "href", "xlink:href", "action"):
            value = attrs.get(name, "")
            if value and not value.startswith("#"):
                self.external.append(f"<{tag} {name}={value!r}>")
        if "url(" in attrs.get("style", "") and "url(#" not in attrs.get("style", ""):
            self.external.append(f"<{tag} style=...url(...)>")
        if tag == "section" and "data-site" in attrs:
            self.sections.append(attrs["data-site"])
        if tag == "td" and "data-date" in attrs:
            self.cells[(attrs.get("data-site"), attrs["data-date"])] += 1
        if tag == "li" and "data-staff" in attrs:
            cell = next(((t, a) for t, a in reversed(self.stack) if t == "td"), None)
            duty = next((a["data-duty"] for t, a in reversed(self.stack)
                         if t == "div" and "data-duty" in a), None)
            section = next((a.get("data-site") for t, a in reversed(self.stack)
                            if t == "section"), None)
            if cell is not None:
                self.found.append((cell[1].get("data-date"), cell[1].get("data-site"),
                                   duty, attrs["data-staff"], section))
        if tag not in self.VOID:
            self.stack.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        pass


class Check:
    def __init__(self, out, roster_path):
        self.out = out
        self.roster = tomllib.loads(roster_path.read_text(encoding="utf-8"))
        self.failures = []
        self.passed = 0

    def expect(self, ok, message):
        if ok:
            self.passed += 1
        else:
            self.failures.append(message)
            print(f"FAIL {message}")
        return ok

    def dom(self):
        grid = Grid()
        grid.feed((self.out / "dom.html").read_text(encoding="utf-8"))
        grid.close()
        rows = read_roster_csv(self.out / "roster.csv")
        self.expect(rows, "roster.csv has no rows")
        language = self.roster.get("settings", {}).get("language", "fr")
        self.expect(grid.html_attrs.get("lang") == language,
                    f"<html lang={grid.html_attrs.get('lang')!r}>, roster language {language!r}")
        want_dir = "rtl" if language == "ar" else "ltr"
        self.expect(grid.html_attrs.get("dir") == want_dir,
                    f"<html dir={grid.html_attrs.get('dir')!r}>, expected {want_dir!r}")
        self.expect(not grid.external, f"not self-contained: {grid.external[:5]}")
        for (site, date), n in grid.cells.items():
            self.expect(n == 1, f"{n} cells for site {site} on {date}")
        for date, site, duty, staff, section in grid.found:
            self.expect(section == site,
                        f"{date} {site} {duty} {staff}: cell in the section of site {section}")
        found = Counter((d, s, k, p) for d, s, k, p, _ in grid.found)
        wanted = Counter(rows)
        for row, n in sorted((wanted - found).items()):
            self.expect(False, f"roster.csv row {row} not in its cell of the DOM ({n}x)")
        for row, n in sorted((found - wanted).items()):
            self.expect(False, f"DOM cell entry {row} is not in roster.csv ({n}x)")
        self.expect(sum(found.values()) == len(rows),
                    f"{sum(found.values())} people in the grid, {len(rows)} rows in roster.csv")
        print(f"DOM: {len(rows)} rows of roster.csv found in {len(grid.cells)} day cells "
              f"of {len(grid.sections)} site grids")
        return grid

    def sites_with_cover(self):
        covered = {c["site"] for duty in self.roster.get("duty", []) for c in duty.get("cover", [])}
        return [s["id"] for s in self.roster.get("site", []) if s["id"] in covered]

    def pdf(self, grid):
        pdf = self.out / "roster.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
        pages = int(fields["Pages"].strip())
        size = fields.get("Page size", "").split()
        self.expect(len(size) >= 3 and (float(size[0]), float(size[2])) == A4_LANDSCAPE,
                    f"page size {fields.get('Page size', '').strip()!r}, expected A4 landscape")
        sites = self.sites_with_cover()
        self.expect(grid.sections == sites,
                    f"site sections {grid.sections}, sites with slots in the roster {sites}")
        roster_id = self.roster["roster"]["id"]
        n = len(sites)
        texts = [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
                                capture_output=True, text=True, check=True).stdout
                 for i in range(1, pages + 1)]
        for i, site in enumerate(sites, start=1):
            tag = f"{roster_id} · {site} · {i}/{n}"
            on = [p for p, text in enumerate(texts, start=1) if tag in text]
            self.expect(on == [i], f"site {site} ({tag!r}) on pages {on}, expected [{i}]")
        if pages > n:
            tag = f"{roster_id} · people"
            self.expect(tag in texts[n], f"page {n + 1} does not start the per-person part ({tag!r})")
        print(f"PDF: {pages} A4 pages, one for each of the {n} sites with slots, "
              f"then {pages - n} for the per-person tables and the fairness chart")

    def png(self):
        data = (self.out / "roster.png").read_bytes()
        ok = data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
        self.expect(ok, "roster.png is not a PNG")
        if ok:
            width, height = struct.unpack(">II", data[16:24])
            self.expect((width, height) == (1600, 1200), f"roster.png is {width} x {height}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--roster", type=Path, default=Path("rosters/aubm-2022-08.toml"))
    args = parser.parse_args()
    check = Check(args.out, args.roster)
    grid = check.dom()
    check.pdf(grid)
    check.png()
    print(f"{check.passed} passed, {len(check.failures)} failed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
