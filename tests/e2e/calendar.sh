#!/usr/bin/env bash
# End to end for roadmaps as data (issue 8): builds input/ with the
# calendar, table and timeline writers (and xml, to compare with the
# trees), then reads every .ics back with python3-icalendar and every .csv
# with python's csv module, has LibreOffice open one CSV, checks every SVG
# with xmllint and draws one with headless Chromium (kept in $SHOTS,
# default build/screenshots, to be looked at), and checks what `sbornik
# check` says about roadmaps.
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SB="${SBORNIK:-build/sbornik}"
case "$SB" in /*) ;; *) SB="$ROOT/$SB" ;; esac
# Under make valgrind, tests/run.sh exports run_sbornik: use it.
if declare -F run_sbornik >/dev/null; then SB=run_sbornik; fi
SHOTS="${SHOTS:-build/screenshots}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() {     # say NAME OK-FLAG WHY
    if [ "$2" = 1 ]; then echo "ok $1"; else echo "not ok $1: $3"; fi
}

# Debian's python3-icalendar belongs to Debian's python3, which another
# python3 first on PATH may not see.
PY=""
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import icalendar' 2>/dev/null; then PY=$p; break; fi
done

# ---------------------------------------------------------------- build
out="$tmp/out"
"$SB" build -f xml,html,ics,csv,svg -o "$out" input >/dev/null 2>"$tmp/build.err"
rc=$?
ok=0; [ "$rc" = 0 ] && [ ! -s "$tmp/build.err" ] && ok=1
say calendar/build "$ok" "exit $rc: $(head -c 400 "$tmp/build.err")"

roadmaps=$(grep -rl '^kind: roadmap' --include='*.md' input | wc -l)
ics=$(find "$out" -name '*.ics' | wc -l)
csv=$(find "$out" -name '*.csv' | wc -l)
svg=$(find "$out" -name '*-timeline.svg' | wc -l)
ok=0; [ "$roadmaps" -ge 4 ] && [ "$ics" = "$roadmaps" ] && [ "$csv" = "$roadmaps" ] && [ "$svg" = "$roadmaps" ] && ok=1
say calendar/one-of-each-per-roadmap "$ok" "$roadmaps roadmaps: $ics .ics, $csv .csv, $svg .svg"

# ---------------------------------------------------------------- readers
cat >"$tmp/check.py" <<'PY'
"""Read the calendars and tables back and compare them with the trees.

Usage: check.py OUT_DIR MODE [args].  Prints "ok NAME" / "not ok NAME: why".
"""
import csv
import datetime
import glob
import io
import os
import sys
import xml.etree.ElementTree as ET

OUT, MODE = sys.argv[1], sys.argv[2]


def result(name, problems):
    if problems:
        print(f"not ok {name}: " + "; ".join(problems[:5])[:700])
    else:
        print(f"ok {name}")


def day(s):
    return datetime.date.fromisoformat(s)


def text(el):
    """Inline content as calendar.c writes it: fields in brackets."""
    if el is None:
        return ""
    parts = [el.text or ""]
    for c in el:
        if c.tag == "field":
            parts.append("[" + text(c) + "]")
        elif c.tag == "br":
            parts.append(" ")
        elif c.tag != "fnref":
            parts.append(text(c))
        parts.append(c.tail or "")
    return "".join(parts)


def roadmap(ident):
    return ET.parse(os.path.join(OUT, "docs", ident + ".xml")).getroot()


def events(root):
    for sec in root.find("body").findall("section"):
        for ev in sec.findall("event"):
            yield sec, ev


def load_ics(path):
    import icalendar
    raw = open(path, "rb").read()
    problems = []
    lines = raw.split(b"\r\n")
    if lines[-1] != b"" or b"\n" in raw.replace(b"\r\n", b""):
        problems.append(f"{path}: a line not ended by CRLF")
    for i, line in enumerate(lines):
        if len(line) > 75:
            problems.append(f"{path}:{i + 1}: {len(line)} octets")
    for i, (a, b) in enumerate(zip(lines, lines[1:])):
        if b.startswith(b" ") and (b[1:2] and (b[1] & 0xC0) == 0x80):
            problems.append(f"{path}:{i + 2}: a fold inside a character")
    raw.decode("utf-8")
    return icalendar.Calendar.from_ical(raw), problems


if MODE == "ics":
    problems, structure = [], []
    for path in sorted(glob.glob(os.path.join(OUT, "docs", "*.ics"))):
        ident = os.path.basename(path)[:-4]
        cal, p = load_ics(path)
        structure += p
        got = {str(e["UID"]): e for e in cal.walk("VEVENT")}
        root = roadmap(ident)
        want = 0
        for _, ev in events(root):
            per = ev.find("period")
            if per is None:
                continue
            kind = per.get("kind")
            for r, rng in enumerate(per.findall("range"), 1):
                want += 1
                uid = f"{ident}-{ev.get('n')}-{r}@sbornik"
                e = got.get(uid)
                if e is None:
                    problems.append(f"{uid} missing")
                    continue
                start = day(rng.get("start") or rng.get("end"))
                last = start if kind in ("monthly", "quarterly") else day(rng.get("end"))
                if e["DTSTART"].dt != start or e["DTEND"].dt != last + datetime.timedelta(days=1):
                    problems.append(f"{uid}: {e['DTSTART'].dt}..{e['DTEND'].dt}, want {start}..{last}+1")
                if isinstance(e["DTSTART"].dt, datetime.datetime):
                    problems.append(f"{uid}: not an all-day event")
                rule = e.get("RRULE")
                if kind in ("monthly", "quarterly"):
                    interval = rule.get("INTERVAL", [1])[0] if rule else None
                    if not rule or rule["FREQ"] != ["MONTHLY"] or interval != (3 if kind == "quarterly" else 1) \
                            or rule["UNTIL"][0] != day(rng.get("end")):
                        problems.append(f"{uid}: RRULE {rule}")
                elif rule:
                    problems.append(f"{uid}: RRULE on a {kind} period")
                if str(e["SUMMARY"]) != text(ev.find("name")):
                    problems.append(f"{uid}: SUMMARY {str(e['SUMMARY'])[:40]}")
                desc = str(e.get("DESCRIPTION", ""))
                for tag in ("participants", "executors", "result"):
                    for f in ev.findall(tag):
                        if text(f) not in desc:
                            problems.append(f"{uid}: DESCRIPTION lacks its {tag}")
        if len(got) != want:
            problems.append(f"{ident}: {len(got)} VEVENTs, {want} expected")
    result("calendar/ics-structure", structure)
    result("calendar/ics-matches-trees", problems)

    # The dates the issue names, by hand.
    cal, _ = load_ics(os.path.join(OUT, "docs", "roadmap-2022.ics"))
    ev = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    byname = {}
    for e in ev.values():
        byname.setdefault(str(e["SUMMARY"]), []).append(e)
    q3 = [e for e in ev.values() if "3 квартал 2022" in str(e["DESCRIPTION"])]
    multi = [e for e in ev.values() if "Март" in str(e["DESCRIPTION"]) and "октябрь" in str(e["DESCRIPTION"])]
    monthly = [e for e in ev.values() if e.get("RRULE")]
    p = []
    if not (len(q3) == 1 and q3[0]["DTSTART"].dt == datetime.date(2022, 7, 1)
            and q3[0]["DTEND"].dt == datetime.date(2022, 10, 1)):
        p.append("«3 квартал 2022» is not 2022-07-01..2022-09-30")
    if sorted(e["DTSTART"].dt for e in multi) != [datetime.date(2022, 3, 1), datetime.date(2022, 10, 1),
                                                 datetime.date(2022, 12, 1)]:
        p.append(f"«Март – май, октябрь – ноябрь, декабрь 2022» gave {[e['DTSTART'].dt for e in multi]}")
    if not (len(monthly) == 1 and monthly[0]["RRULE"]["FREQ"] == ["MONTHLY"]):
        p.append("«ежемесячно» has no RRULE:FREQ=MONTHLY")
    stamps = {e["DTSTAMP"].dt for e in ev.values()}
    if stamps != {datetime.datetime(2022, 1, 1, tzinfo=datetime.timezone.utc)}:
        p.append(f"DTSTAMP {stamps} is not the roadmap's 1 January")
    cal17, _ = load_ics(os.path.join(OUT, "docs", "roadmap-2017.ics"))
    stamps17 = {e["DTSTAMP"].dt for e in cal17.walk("VEVENT")}
    if stamps17 != {datetime.datetime(2017, 3, 29, tzinfo=datetime.timezone.utc)}:
        p.append(f"roadmap-2017's DTSTAMP {stamps17} is not its order's date")
    result("calendar/ics-sample-dates", p)

if MODE == "own-ics":
    cal, p = load_ics(os.path.join(OUT, "docs", "plan-2022.ics"))
    ev = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    want = {
        "plan-2022-1-1@sbornik": (datetime.date(2022, 8, 1), datetime.date(2022, 11, 1), None),
        "plan-2022-2-1@sbornik": (datetime.date(2022, 1, 1), datetime.date(2022, 1, 2), 3),
        "plan-2022-3-1@sbornik": (datetime.date(2022, 4, 10), datetime.date(2022, 4, 11), None),
        "plan-2022-4-1@sbornik": (datetime.date(2022, 6, 1), datetime.date(2022, 7, 1), None),
        "plan-2022-4-2@sbornik": (datetime.date(2022, 9, 1), datetime.date(2022, 10, 1), None),
    }
    if set(ev) != set(want):
        p.append(f"UIDs {sorted(ev)}")
    for uid, (start, end, interval) in want.items():
        e = ev.get(uid)
        if e is None:
            continue
        if (e["DTSTART"].dt, e["DTEND"].dt) != (start, end):
            p.append(f"{uid}: {e['DTSTART'].dt}..{e['DTEND'].dt}")
        rule = e.get("RRULE")
        if interval and not (rule and rule.get("INTERVAL") == [interval] and rule["FREQ"] == ["MONTHLY"]):
            p.append(f"{uid}: RRULE {rule}")
        if e["DTSTAMP"].dt != datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.timezone.utc):
            p.append(f"{uid}: DTSTAMP {e['DTSTAMP'].dt} is not SOURCE_DATE_EPOCH")
        desc = str(e["DESCRIPTION"]).replace("\u00a0", " ")
        if uid.startswith("plan-2022-1") and "Наименование, с запятой; и точкой с запятой" not in desc:
            p.append(f"{uid}: escaped text does not read back")
    result("calendar/own-ics-dates", p)

if MODE == "csv":
    problems = []
    for path in sorted(glob.glob(os.path.join(OUT, "docs", "*.csv"))):
        ident = os.path.basename(path)[:-4]
        raw = open(path, "rb").read()
        if not raw.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{ident}: no BOM")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        if rows[0] != ["№", "Раздел", "Мероприятие", "Сроки", "Начало", "Окончание",
                       "Участники", "Исполнители", "Результат"]:
            problems.append(f"{ident}: header {rows[0]}")
        evs = list(events(roadmap(ident)))
        if len(rows) - 1 != len(evs):
            problems.append(f"{ident}: {len(rows) - 1} rows for {len(evs)} events")
        for row, (sec, ev) in zip(rows[1:], evs):
            per = ev.find("period")
            exe = ev.find("executors") if ev.find("executors") is not None else ev.find("responsible")
            want = [ev.get("n"), text(sec.find("heading")), text(ev.find("name")),
                    text(per.find("text")) if per is not None else "",
                    per.get("start", "") if per is not None else "",
                    per.get("end", "") if per is not None else "",
                    text(ev.find("participants")), text(exe),
                    "\n".join(text(r) for r in ev.findall("result"))]
            if row != want:
                problems.append(f"{ident} row {ev.get('n')}: {row[:3]} != {want[:3]}")
        if not raw.endswith(b"\r\n") or b"\r\n" not in raw:
            problems.append(f"{ident}: rows not ended by CRLF")
    result("calendar/csv-reads-back", problems)
PY

if [ -n "$PY" ]; then
    "$PY" "$tmp/check.py" "$out" ics
else
    echo "not ok calendar/ics: no python3 with icalendar (Debian python3-icalendar; make deps installs it)"
fi
python3 "$tmp/check.py" "$out" csv

# ---------------------------------------------------------------- a roadmap of our own
proj="$tmp/proj"
mkdir -p "$proj"
cat >"$proj/plan.md" <<'EOF'
---
kind: roadmap
id: plan-2022
title: План мероприятий на 2022 год
year: 2022
---
## Мероприятия

1. Форум участников
   - Сроки: Август – октябрь 2022
   - Участники: Наименование, с запятой; и точкой с запятой
   - Исполнители: ГБУ ДПО РЦОКИО
2. Отчёт о ходе работ
   - Сроки: ежеквартально
   - Исполнители: МОУО
3. Сдача материалов
   - Сроки: До 10 апреля 2022 г.
   - Исполнители: МОУО
4. Сессии
   - Сроки: Июнь, сентябрь 2022
   - Исполнители: МОУО
EOF
SOURCE_DATE_EPOCH=1700000000 "$SB" build -f ics,csv,svg -o "$tmp/own" "$proj" >/dev/null 2>"$tmp/own.err"
rc=$?
ok=0; [ "$rc" = 0 ] && [ ! -s "$tmp/own.err" ] && ok=1
say calendar/own-build "$ok" "exit $rc: $(head -c 300 "$tmp/own.err")"
if [ -n "$PY" ]; then
    "$PY" "$tmp/check.py" "$tmp/own" own-ics
fi

# ---------------------------------------------------------------- LibreOffice opens a CSV
# Calc imports the CSV (44 comma, 34 quote, 76 UTF-8, from line 1) and
# saves it as XLSX; the sheet must hold every row and the Cyrillic intact.
lo_profile="$tmp/lo-$$"
if command -v soffice >/dev/null 2>&1; then
    timeout 180 soffice --headless -env:UserInstallation=file://"$lo_profile" \
        --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$tmp/lo" \
        "$out/docs/roadmap-2022.csv" >"$tmp/lo.log" 2>&1
    python3 - "$tmp/lo/roadmap-2022.xlsx" "$out/docs/roadmap-2022.csv" >"$tmp/lo.check" 2>&1 <<'PY'
import csv, io, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode("utf-8"))
rows = len(re.findall(r"<row ", z.read("xl/worksheets/sheet1.xml").decode("utf-8")))
want = list(csv.reader(io.StringIO(open(sys.argv[2], encoding="utf-8-sig").read(), newline="")))
ok = rows == len(want) and "Мероприятие" in strings and want[1][2] in strings
print("ok" if ok else f"{rows} rows for {len(want)}, Cyrillic {'Мероприятие' in strings}")
PY
    ok=0; [ "$(cat "$tmp/lo.check")" = ok ] && ok=1
    say calendar/csv-libreoffice "$ok" "$(cat "$tmp/lo.check") $(head -c 300 "$tmp/lo.log")"
else
    echo "not ok calendar/csv-libreoffice: no soffice (make deps installs LibreOffice)"
fi

# ---------------------------------------------------------------- SVG
problems=""
for f in $(find "$out" -name '*-timeline.svg' | sort); do
    id=$(basename "$f" -timeline.svg)
    if ! xmllint --noout --nonet "$f" 2>"$tmp/xl"; then
        problems="$problems $id: $(head -c 200 "$tmp/xl")"
        continue
    fi
    ns=$(xmllint --xpath 'namespace-uri(/*)' "$f" 2>/dev/null)
    rows=$(xmllint --xpath 'count(//*[local-name()="g"][@class="tl-event"])' "$f" 2>/dev/null)
    events=$(grep -o '<event ' "$out/docs/$id.xml" | wc -l)
    [ "$ns" = http://www.w3.org/2000/svg ] || problems="$problems $id: namespace '$ns'"
    [ "$rows" = "$events" ] || problems="$problems $id: $rows rows for $events events"
done
ok=0; [ -z "$problems" ] && ok=1
say calendar/svg-valid "$ok" "$problems"

mkdir -p "$SHOTS"
png="$SHOTS/timeline.png"
profile=$(mktemp -d)
rm -f "$png"
timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --screenshot="$png" \
    --window-size=1200,880 "file://$out/docs/roadmap-2022-timeline.svg" >"$tmp/chromium.log" 2>&1
rm -rf "$profile"
ok=0
[ -s "$png" ] && [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
    [ "$(stat -c %s "$png")" -gt 20000 ] && ok=1
say calendar/svg-screenshot "$ok" "no PNG or a blank one ($(tail -c 300 "$tmp/chromium.log"))"

# ---------------------------------------------------------------- the index links them
problems=""
for f in $(find "$out/docs" -name '*.ics' | sort); do
    id=$(basename "$f" .ics)
    for link in "docs/$id.ics" "docs/$id.csv" "docs/$id-timeline.svg"; do
        grep -q "href=\"$link\"" "$out/index.html" || problems="$problems $link"
        [ -f "$out/$link" ] || problems="$problems $link(no file)"
    done
done
ok=0; [ -z "$problems" ] && ok=1
say calendar/index-links "$ok" "index.html lacks:$problems"

# ---------------------------------------------------------------- check counts events
"$SB" check input >"$tmp/check.out" 2>"$tmp/check.err"
rc=$?
want=""
for src in $(grep -rl '^kind: roadmap' --include='*.md' input | sort); do
    n=$("$SB" xml "$src" 2>/dev/null | grep -o '<event ' | wc -l)
    # An order's annexed roadmap is printed once, as its own source.
    want="$want$src: $n events"$'\n'
done
ok=0
[ "$rc" = 0 ] && [ ! -s "$tmp/check.err" ] && [ "$(sort "$tmp/check.out")" = "$(printf '%s' "$want" | sort)" ] && ok=1
say calendar/check-counts "$ok" "exit $rc, stdout: $(head -c 300 "$tmp/check.out" | tr '\n' '|') want: $(printf '%s' "$want" | tr '\n' '|')"

# ---------------------------------------------------------------- reproducible
TZ=Pacific/Auckland LC_ALL=C "$SB" build -f xml,html,ics,csv,svg -o "$tmp/again" input >/dev/null 2>&1
ok=0; diff -r "$out" "$tmp/again" >/dev/null && ok=1
say calendar/reproducible "$ok" "two builds differ"
