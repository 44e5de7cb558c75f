#!/usr/bin/env python3
"""Checks what headless LibreOffice made of roster.xlsx (Python standard library and
poppler-utils only).

Usage: check_libreoffice_output.py OUT_DIR

OUT_DIR holds what tests/xlsx/libreoffice_check.sh wrote: roster/ (roster.csv,
summary.csv and roster.xlsx from `duty-roster solve`), and from LibreOffice
roster.pdf and one roster-<Sheet>.csv per sheet.

- CSV: every row of roster.csv is a row of the assignments sheet (same cells, same
  order, after the three head rows); every row's person is in the cell of its date
  and duty in its site's sheet, and the grids hold no other name; the per-person
  sheet holds summary.csv's figures.
- PDF: A4 landscape; the first pages are the site sheets, one page each, in order
  (site i's name on page i), then the per-person sheet.

Prints one line per failure and a closing "N passed, N failed" line; exits 1 on any
failure.
"""

import csv
import io
import subprocess
import sys
from pathlib import Path

HEAD_ROWS = 3  # the roster's name, the period and status, the sheet's title
PEOPLE, ASSIGNMENTS, NOTES = "Par personne", "Affectations", "Remarques"


def read_csv(path):
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def unquote(value):
    """roster.csv puts a ' before text that starts like a formula."""
    return value[1:] if value[:2] in ("'=", "'+", "'-", "'@") else value


def names(cell):
    """The names in a grid cell: one or more a line, between " · "."""
    return [n for line in cell.split("\n") for n in line.split(" · ")]


def sheet(out, name):
    return read_csv(out / f"roster-{name}.csv")


def main():
    out = Path(sys.argv[1])
    failures, passed = [], 0

    def check(ok, message):
        nonlocal passed
        if ok:
            passed += 1
        else:
            failures.append(message)

    roster = read_csv(out / "roster" / "roster.csv")
    header, rows = roster[0], roster[1:]
    table = sheet(out, ASSIGNMENTS)[HEAD_ROWS:]
    check([c for c in table[0] if c] == header, f"assignments header {table[0]} != {header}")
    for i, row in enumerate(rows):
        got = table[i + 1][: len(row)] if i + 1 < len(table) else None
        check(got == [unquote(c) for c in row], f"assignments row {i + 1}: {got} != {row}")
    check(all(not any(r) for r in table[len(rows) + 1:]), "assignments: rows beyond roster.csv")

    sites = []  # (sheet name, French site name) in sheet order
    for row in rows:
        name = unquote(row[5]).split(" / ")[0]
        if name not in [s for s, _ in sites]:
            sites.append((name, name))
    grids = {name: sheet(out, name) for name, _ in sites}
    names_in_grids = 0
    for name, grid in grids.items():
        head = grid[HEAD_ROWS]
        for r in grid[HEAD_ROWS + 1:]:
            if not r or not r[0][:4].isdigit():
                break
            for c, cell in enumerate(r[2:], start=2):
                if cell and cell != "–" and head[c] != NOTES:
                    names_in_grids += len(names(cell))
    check(names_in_grids == len(rows), f"grids hold {names_in_grids} names, roster.csv {len(rows)}")
    for row in rows:
        date, duty, person = row[0], unquote(row[7]), unquote(row[9])
        grid = grids[unquote(row[5]).split(" / ")[0]]
        cols = [c for c, h in enumerate(grid[HEAD_ROWS]) if h.split("\n")[0] == duty]
        days = [r for r in grid[HEAD_ROWS + 1:] if r and r[0] == date]
        cell = days[0][cols[0]] if cols and days else ""
        check(person in names(cell), f"{person} not in {date} {duty}: {cell!r}")

    summary = read_csv(out / "roster" / "summary.csv")
    people = sheet(out, PEOPLE)[HEAD_ROWS + 1:]
    for i, row in enumerate(summary[1:]):
        got = people[i] if i < len(people) else []
        for c, expected in enumerate(row):
            cell = got[c] if c < len(got) else None
            if c >= 3:
                same = cell is not None and abs(float(cell) - float(expected)) < 1e-9
            else:
                same = cell == unquote(expected)
            check(same, f"per person row {i + 1} column {summary[0][c]}: {cell!r} != {expected!r}")

    pdf = out / "roster.pdf"
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(len(sites) + 1), str(pdf)],
                          capture_output=True, text=True, check=True).stdout
    sizes = [line.split(":", 1)[1].strip() for line in info.splitlines()
             if line.startswith("Page") and "size" in line]
    for n, size in enumerate(sizes, start=1):
        w, h = (float(x) for x in size.split()[:3:2])
        check(abs(w - 841.9) < 2 and abs(h - 595.3) < 2, f"page {n} is {size}, not A4 landscape")
    for n, (_, site) in enumerate(sites, start=1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        check(site in text, f"page {n} is not the sheet of {site}: each site on one page")
    text = subprocess.run(["pdftotext", "-f", str(len(sites) + 1), "-l", str(len(sites) + 1),
                           str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    check("Permanences par personne" in text, f"page {len(sites) + 1} is not the per-person sheet")

    for f in failures:
        print(f"FAIL {f}")
    print(f"roster.xlsx in LibreOffice: {passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
