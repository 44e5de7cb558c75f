#!/usr/bin/env node
// Checks the calendars of a `duty-roster solve` output folder with ical.js (npm; the
// parser of Thunderbird), against the roster.csv written beside them and the roster
// file. The same checks as check_calendars.py, with independent code: the TOML is
// read with smol-toml, and local times are converted to UTC with the time zone
// database of Node's own ICU (Intl), not chrono-tz or Python's zoneinfo.
//
// Usage: node check_calendars.mjs --node-modules DIR --roster ROSTER.toml OUT_DIR
// where DIR is the node_modules folder holding ical.js and smol-toml (CI installs
// them with `npm install --prefix target/ci-node`).
//
// In a re-planned folder (one with changes.csv, from `solve --baseline`) an event may
// carry SEQUENCE with LAST-MODIFIED (no later than the revision, as DTSTAMP: an
// unchanged event keeps its published stamps), and a duty taken away stays as
// STATUS:CANCELLED with SEQUENCE >= 1: a cancelled event must not match a roster.csv
// row of the calendar (for a person, a row of theirs), every other event must.
//
// Prints one line per failure and a closing "N passed, N failed" line (N calendars);
// exits 1 on any failure.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const MAX_OCTETS = 75;

function parseArgs(argv) {
  const args = { positional: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--node-modules") args.nodeModules = argv[++i];
    else if (argv[i] === "--roster") args.roster = argv[++i];
    else args.positional.push(argv[i]);
  }
  if (!args.nodeModules || !args.roster || args.positional.length !== 1) {
    console.error("usage: check_calendars.mjs --node-modules DIR --roster ROSTER.toml OUT_DIR");
    process.exit(2);
  }
  args.out = args.positional[0];
  return args;
}

/** Imports a package's ES module entry point from a node_modules folder. */
async function importPackage(nodeModules, name) {
  const dir = path.resolve(nodeModules, name);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const exp = manifest.exports;
  const entry =
    (exp && (exp.import || (exp["."] && (exp["."].import || exp["."].default)))) ||
    manifest.module ||
    manifest.main;
  const mod = await import(pathToFileURL(path.join(dir, entry)).href);
  return { mod, version: manifest.version };
}

/** RFC 4180 CSV with a given delimiter. */
function parseCsv(text, delimiter) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function readRosterCsv(file) {
  let text = fs.readFileSync(file, "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const header = text.split("\n", 1)[0];
  const delimiter = header.split(";").length > header.split(",").length ? ";" : ",";
  const [columns, ...rows] = parseCsv(text, delimiter);
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, unquoteCell(r[i] ?? "")])));
}

/** A text cell as written: a leading apostrophe guards formula characters. */
function unquoteCell(v) {
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

/** Milliseconds that `zone` is ahead of UTC at instant `utcMs`. */
function offsetMs(zone, utcMs) {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const p = Object.fromEntries(format.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - utcMs;
}

/** The UTC instant (ms) of a local wall time in `zone`. */
function localToUtc(zone, date, time) {
  const [y, m, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, h, mi);
  const first = wall - offsetMs(zone, wall);
  return wall - offsetMs(zone, first);
}

function nextDay(date) {
  return new Date(Date.parse(date + "T00:00:00Z") + 86400000).toISOString().slice(0, 10);
}

function utcInterval(row, zone) {
  const start = localToUtc(zone, row.date, row.start);
  const endDate = row.end <= row.start ? nextDay(row.date) : row.date;
  return [start, localToUtc(zone, endDate, row.end)];
}

const iso = (ms) => new Date(ms).toISOString();

function listCalendars(dir) {
  const found = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".ics")) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { mod: icalModule, version } = await importPackage(args.nodeModules, "ical.js");
  const ICAL = icalModule.default ?? icalModule;
  const { mod: toml } = await importPackage(args.nodeModules, "smol-toml");
  const roster = toml.parse(fs.readFileSync(args.roster, "utf8"));
  const zone = roster.roster.time_zone;
  const dtstamp = roster.roster.revision
    ? new Date(roster.roster.revision).getTime()
    : Date.parse(roster.roster.first.toISOString().slice(0, 10) + "T00:00:00Z");
  const sites = new Map((roster.site ?? []).map((s) => [s.id, s]));
  const staff = new Map((roster.staff ?? []).map((s) => [s.id, s]));
  const reminder = roster.settings?.reminder_minutes;
  const rows = readRosterCsv(path.join(args.out, "roster.csv"));
  const replanned = fs.existsSync(path.join(args.out, "changes.csv"));

  const failures = [];
  const fail = (where, message) => failures.push(`${where}: ${message}`);
  let passed = 0;
  let eventsChecked = 0;
  let cancelledChecked = 0;

  /** SEQUENCE, LAST-MODIFIED and STATUS: only a re-plan versions or cancels. */
  function checkVersion(at, vevent, stamp, cancelled) {
    const sequence = vevent.getFirstPropertyValue("sequence") ?? 0;
    const modifiedValue = vevent.getFirstPropertyValue("last-modified");
    if (modifiedValue && (modifiedValue.isDate || modifiedValue.zone?.tzid !== "UTC"))
      fail(at, `LAST-MODIFIED not a UTC date-time: ${modifiedValue}`);
    const modified = modifiedValue ? modifiedValue.toJSDate().getTime() : undefined;
    const status = vevent.getFirstPropertyValue("status");
    if (!replanned) {
      if (sequence || modified !== undefined || status)
        fail(at, "SEQUENCE, LAST-MODIFIED or STATUS outside a re-plan");
      if (stamp !== dtstamp) fail(at, `DTSTAMP ${iso(stamp)}, expected ${iso(dtstamp)}`);
      return;
    }
    if (sequence > 0 !== (modified !== undefined))
      fail(at, `SEQUENCE ${sequence} with LAST-MODIFIED ${modifiedValue}`);
    if (stamp > dtstamp || (modified !== undefined && modified > dtstamp))
      fail(at, `DTSTAMP ${iso(stamp)} or LAST-MODIFIED ${modifiedValue} after ${iso(dtstamp)}`);
    if (cancelled && sequence < 1) fail(at, `cancelled with SEQUENCE ${sequence}`);
    if (status && status !== "CANCELLED") fail(at, `STATUS ${status}`);
  }

  const slotKey = (r) => `${r.date}|${r.duty}|${r.site}`;
  const slotsOf = (rs) => {
    const m = new Map();
    for (const r of rs) {
      if (!m.has(slotKey(r))) m.set(slotKey(r), []);
      m.get(slotKey(r)).push(r);
    }
    return m;
  };
  const expectedLocation = (siteId) => {
    const s = sites.get(siteId);
    const address = (s.address ?? "").trim();
    return address ? `${s.name}, ${address}` : s.name;
  };

  function checkCalendarProps(where, cal, nameOk) {
    if (cal.getFirstPropertyValue("version") !== "2.0") fail(where, "VERSION");
    if (!String(cal.getFirstPropertyValue("prodid")).startsWith("-//duty-roster//duty-roster "))
      fail(where, "PRODID");
    if (cal.getFirstPropertyValue("method") !== "PUBLISH") fail(where, "METHOD is not PUBLISH");
    const name = cal.getFirstPropertyValue("name");
    const wrName = cal.getFirstPropertyValue("x-wr-calname");
    if (name !== wrName) fail(where, `NAME ${name} != X-WR-CALNAME ${wrName}`);
    if (!nameOk(wrName)) fail(where, `calendar name ${wrName}`);
    const walk = (c) => {
      if (c.getFirstProperty("attendee") || c.getFirstProperty("organizer"))
        fail(where, "ATTENDEE or ORGANIZER in a published calendar");
      c.getAllSubcomponents().forEach(walk);
    };
    walk(cal);
  }

  function checkEvents(where, cal, slots, person) {
    const vevents = cal.getAllSubcomponents("vevent");
    const isCancelled = (v) => v.getFirstPropertyValue("status") === "CANCELLED";
    const live = vevents.filter((v) => !isCancelled(v)).length;
    if (live !== slots.size) fail(where, `${live} events not cancelled, roster.csv has ${slots.size}`);
    const uids = vevents.map((v) => v.getFirstPropertyValue("uid"));
    if (new Set(uids).size !== uids.length) fail(where, "duplicate UIDs");
    const byStart = new Map();
    for (const [key, rs] of slots) {
      const [start] = utcInterval(rs[0], zone);
      const k = `${iso(start)}|${rs[0].duty_name} — ${rs[0].site_name}`;
      if (!byStart.has(k)) byStart.set(k, []);
      byStart.get(k).push([key, rs]);
    }
    for (const vevent of vevents) {
      eventsChecked++;
      const event = new ICAL.Event(vevent);
      const at = `${where} ${event.uid}`;
      for (const t of [event.startDate, event.endDate, vevent.getFirstPropertyValue("dtstamp")]) {
        if (!t || t.isDate || t.zone?.tzid !== "UTC") fail(at, `not a UTC date-time: ${t}`);
      }
      const start = event.startDate.toJSDate().getTime();
      const stamp = vevent.getFirstPropertyValue("dtstamp").toJSDate().getTime();
      const cancelled = isCancelled(vevent);
      checkVersion(at, vevent, stamp, cancelled);
      const matches = byStart.get(`${iso(start)}|${event.summary}`) ?? [];
      if (cancelled) {
        cancelledChecked++;
        if (matches.length) fail(at, `cancelled, but roster.csv has this slot at ${iso(start)}`);
        if (event.endDate.toJSDate().getTime() <= start) fail(at, "cancelled with DTEND not after DTSTART");
        continue;
      }
      if (matches.length !== 1) {
        fail(at, `no single roster.csv slot at ${iso(start)} named ${event.summary}`);
        continue;
      }
      const [key, rs] = matches[0];
      const [, end] = utcInterval(rs[0], zone);
      if (event.endDate.toJSDate().getTime() !== end)
        fail(at, `DTEND ${event.endDate}, expected ${iso(end)}`);
      const site = key.split("|")[2];
      if (event.location !== expectedLocation(site))
        fail(at, `LOCATION ${event.location}, expected ${expectedLocation(site)}`);
      for (const r of rs) {
        if (r.staff !== person && !(event.description ?? "").includes(r.staff_name))
          fail(at, `DESCRIPTION does not name ${r.staff_name}`);
      }
      const alarms = vevent.getAllSubcomponents("valarm");
      if (person !== undefined && reminder !== undefined) {
        const ok =
          alarms.length === 1 &&
          alarms[0].getFirstPropertyValue("action") === "DISPLAY" &&
          alarms[0].getFirstPropertyValue("trigger").toSeconds() === -60 * reminder;
        if (!ok) fail(at, `VALARM is not one DISPLAY ${-reminder} min`);
      } else if (alarms.length) fail(at, "unexpected VALARM");
    }
  }

  const calendarsDir = path.join(args.out, "calendars");
  const files = listCalendars(calendarsDir);
  if (!files.length) fail(calendarsDir, "no calendar");
  const rowsByStaff = new Map();
  const rowsBySite = new Map();
  for (const r of rows) {
    if (!rowsByStaff.has(r.staff)) rowsByStaff.set(r.staff, []);
    rowsByStaff.get(r.staff).push(r);
    if (!rowsBySite.has(r.site)) rowsBySite.set(r.site, []);
    rowsBySite.get(r.site).push(r);
  }
  const seenStaff = new Set();
  const seenSites = new Set();
  let seenRoster = false;
  for (const file of files) {
    const before = failures.length;
    const rel = path.relative(args.out, file);
    const raw = fs.readFileSync(file);
    const text = raw.toString("utf8");
    if (!text.endsWith("\r\n")) fail(rel, "does not end with CRLF");
    text
      .slice(0, -2)
      .split("\r\n")
      .forEach((line, i) => {
        if (/[\r\n]/.test(line)) fail(rel, `line ${i + 1}: bare CR or LF`);
        const octets = Buffer.byteLength(line, "utf8");
        if (octets > MAX_OCTETS) fail(rel, `line ${i + 1}: ${octets} octets`);
        if (line.includes("\uFFFD")) fail(rel, `line ${i + 1}: split UTF-8 character`);
      });
    let cal;
    try {
      cal = new ICAL.Component(ICAL.parse(text));
    } catch (e) {
      fail(rel, `does not parse: ${e.message}`);
      continue;
    }
    const name = cal.getFirstPropertyValue("x-wr-calname") ?? "";
    const kind = path.basename(path.dirname(file));
    if (kind === "staff") {
      const owners = [...staff].filter(([, s]) => name.endsWith(" — " + s.name)).map(([id]) => id);
      if (owners.length !== 1) {
        fail(rel, `calendar name ${name} names ${owners.length} staff members`);
        continue;
      }
      const owner = owners[0];
      seenStaff.add(owner);
      checkCalendarProps(rel, cal, (n) => n.endsWith(staff.get(owner).name));
      checkEvents(rel, cal, slotsOf(rowsByStaff.get(owner) ?? []), owner);
    } else if (kind === "sites") {
      const owners = [...sites].filter(([, s]) => s.name === name).map(([id]) => id);
      if (owners.length !== 1) {
        fail(rel, `calendar name ${name} names ${owners.length} sites`);
        continue;
      }
      seenSites.add(owners[0]);
      checkCalendarProps(rel, cal, () => true);
      checkEvents(rel, cal, slotsOf(rowsBySite.get(owners[0]) ?? []));
    } else if (rel.split(path.sep).join("/") === "calendars/roster.ics") {
      seenRoster = true;
      checkCalendarProps(rel, cal, (n) => n === roster.roster.name);
      checkEvents(rel, cal, slotsOf(rows));
    } else fail(rel, "unexpected calendar file");
    if (failures.length === before) passed++;
  }
  const before = failures.length;
  for (const id of rowsByStaff.keys()) if (!seenStaff.has(id)) fail(calendarsDir, `no calendar for staff ${id}`);
  for (const id of rowsBySite.keys()) if (!seenSites.has(id)) fail(calendarsDir, `no calendar for site ${id}`);
  if (!seenRoster) fail(calendarsDir, "no roster.ics");
  const missing = failures.length - before;

  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`ical.js ${version}: ${files.length} calendars, ${eventsChecked} events (${cancelledChecked} cancelled), ${rows.length} roster rows`);
  console.log(`check_calendars.mjs: ${passed} passed, ${files.length - passed + missing} failed`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
