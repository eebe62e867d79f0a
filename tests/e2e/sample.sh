#!/usr/bin/env bash
# End to end over the sample project input/: it checks clean, builds, and
# every tree it writes validates against the schema with xmllint.
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
SB="${SBORNIK:-build/sbornik}"
# Under make valgrind, tests/run.sh exports run_sbornik: use it.
if declare -F run_sbornik >/dev/null; then SB=run_sbornik; fi
SCHEMA=schemas/sbornik.xsd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {   # check NAME COMMAND...: ok when the command succeeds
    local name=$1
    shift
    if "$@" >"$tmp/log" 2>&1; then
        echo "ok $name"
    else
        echo "not ok $name: $(head -c 600 "$tmp/log" | tr '\n' ' ')"
    fi
}

# 1. check is clean: exit 0, not a single diagnostic.
"$SB" check input >"$tmp/check.out" 2>"$tmp/check.err"
rc=$?
if [ "$rc" = 0 ] && [ ! -s "$tmp/check.err" ]; then
    echo "ok sample/check-clean"
else
    echo "not ok sample/check-clean: exit $rc: $(head -c 600 "$tmp/check.err")"
fi

# 2. build writes one tree per source, all valid.
"$SB" build -o "$tmp/out" input 2>"$tmp/build.err"
rc=$?
sources=$(find input -name '*.md' ! -path '*/_*' ! -path '*/.*' | wc -l)
trees=$(find "$tmp/out" -name '*.xml' | wc -l)
if [ "$rc" = 0 ] && [ "$sources" = "$trees" ] && [ ! -s "$tmp/build.err" ]; then
    echo "ok sample/build-all"
else
    echo "not ok sample/build-all: exit $rc, $sources sources, $trees trees: $(head -c 300 "$tmp/build.err")"
fi
for f in $(cd "$tmp/out" && find . -name '*.xml' | sort); do
    check "sample/schema${f#.}" xmllint --noout --nonet --schema "$SCHEMA" "$tmp/out/$f"
done

# 3. sbornik xml FILE prints the same valid tree for each source.
for src in $(find input -name '*.md' | sort); do
    if "$SB" xml "$src" >"$tmp/one.xml" 2>"$tmp/one.err" && [ ! -s "$tmp/one.err" ]; then
        check "sample/xml/${src#input/}" xmllint --noout --nonet --schema "$SCHEMA" "$tmp/one.xml"
    else
        echo "not ok sample/xml/${src#input/}: $(head -c 300 "$tmp/one.err")"
    fi
done

# 4. The requisites of the real documents are in the trees.
order="$tmp/out/docs/order-2017-970.xml"
has() {     # has NAME FILE XPATH-EXPRESSION: the expression is true
    local v
    v=$(xmllint --xpath "$3" "$2" 2>/dev/null)
    if [ "$v" = true ]; then echo "ok $1"; else echo "not ok $1: $3 is '$v'"; fi
}
has sample/order-number "$order" "/order/meta/number = '01/970'"
has sample/order-date "$order" "/order/meta/date/@value = '2017-03-29' and /order/meta/date = '29.03.2017'"
has sample/order-directive "$order" "/order/meta/directive = 'ПРИКАЗЫВАЮ'"
has sample/order-points "$order" "count(/order/body/points/point) >= 2"
has sample/order-annexes "$order" "count(/order/annexes/annex) = 2 and /order/annexes/annex[1]/@ref = 'concept-2017'"
has sample/concept-stamp "$order" "/order/annexes/annex[1]/concept/meta/stamp/@word = 'УТВЕРЖДЕНА' and /order/annexes/annex[1]/concept/meta/stamp/number = '01/970'"
has sample/concept-footnotes "$tmp/out/docs/concept-2017.xml" "count(//footnote) >= 20 and count(//fnref) >= count(//footnote)"
rm2017="$tmp/out/docs/roadmap-2017.xml"
has sample/roadmap-numbered "$rm2017" "count(//event) = count(//event[@n = position()]) or count(//event) = //event[last()]/@n"
has sample/period-days "$rm2017" "//event[1]/period/@start = '2017-02-16' and //event[1]/period/@end = '2017-02-17'"
has sample/period-months "$rm2017" "//period[text = 'Март-май 2017 г.' or starts-with(text, 'Март')]/@end = '2017-05-31'"
has sample/period-two-ranges "$rm2017" "count(//period[starts-with(text, 'Август')]/range) = 2"
rm2022="$tmp/out/docs/roadmap-2022.xml"
has sample/period-list "$rm2022" "count(//period[starts-with(text, 'Март')]/range) = 3"
has sample/period-monthly "$rm2022" "//period[@kind = 'monthly']/@start = '2022-01-01'"
has sample/period-quarter "$rm2022" "//period[starts-with(text, '3')]/@start = '2022-07-01' and //period[starts-with(text, '3')]/@end = '2022-09-30'"
rmmmpg="$tmp/out/docs/roadmap-mmpg3-2020.xml"
has sample/period-deadline "$rmmmpg" "//period[@kind = 'deadline'][1]/@end = '2020-04-10' and not(//period[@kind = 'deadline'][1]/@start)"
has sample/model-fields "$tmp/out/docs/model-order-vpr-procedure-monitoring.xml" "count(//field) >= 3 and /order/@status = 'model'"
has sample/reference "$tmp/out/docs/compendium-2016-2019.xml" "count(//ref[@target = 'order-2017-970']) >= 1 and contains(//ref[@target = 'order-2017-970'], '01/970')"
coll="$tmp/out/portfolio-2022.xml"
has sample/collection-isbn "$coll" "starts-with(/collection/meta/isbn, '978-5-')"
has sample/collection-entries "$coll" "count(//part/entry) >= 10 and count(//part/entry[*]) = count(//part/entry)"
# Typography: no-break space between initials and surname, ёлочки nested.
if grep -q "А.И.$(printf '\302\240')Кузнецов" "$order"; then
    echo "ok sample/typography-initials"
else
    echo "not ok sample/typography-initials: no NBSP in А.И. Кузнецов"
fi

# 5. Reproducible: another time zone, locale and run give the same bytes.
TZ=Asia/Yekaterinburg LANG=C LC_ALL=C "$SB" build -o "$tmp/again" input 2>/dev/null
if diff -r "$tmp/out" "$tmp/again" >/dev/null; then
    echo "ok sample/reproducible"
else
    echo "not ok sample/reproducible: outputs differ between two builds"
fi

# 6. Atomic: no temporary file left behind.
if find "$tmp/out" -name '.*sbornik-tmp*' | grep -q .; then
    echo "not ok sample/no-temporaries: temporary files left"
else
    echo "ok sample/no-temporaries"
fi
