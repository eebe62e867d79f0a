/*
 * fuzz_period.c: libFuzzer target for the period parser (src/period.h).
 *
 * The first byte of the input is the roadmap's year: below 16 none (0),
 * else 1900 + byte - 16 (1900 … 2139, what document.c may pass).  The rest
 * is the text of «Сроки», cut at a NUL as the C string would be; any
 * bytes, not only UTF-8, since period_parse must never read past the end.
 * What period.h promises is checked on every result: ranges that are real
 * calendar dates and go forward, a deadline without a start, an error
 * offset inside the text with a message.
 */
#include "fuzz_support.h"
#include "period.h"

static bool real_date(period_date d)
{
    return d.year >= 1 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= period_days_in_month(d.year, d.month);
}

static bool is_none(period_date d)
{
    return !d.year && !d.month && !d.day;
}

static long date_key(period_date d)
{
    return (long)d.year * 10000 + d.month * 100 + d.day;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int year = data[0] < 16 ? 0 : 1900 + data[0] - 16;
    char *text = fz_strndup(data + 1, size - 1);

    period pd;
    period_error err;
    memset(&err, 0x55, sizeof err);   /* the parser must fill it itself */
    if (period_parse(text, year, &pd, &err)) {
        if (pd.nranges < 1 || pd.nranges > PERIOD_MAX_RANGES)
            abort();
        for (int i = 0; i < pd.nranges; i++) {
            const period_range *r = &pd.ranges[i];
            if (!real_date(r->end))
                abort();
            if (pd.kind == PERIOD_DEADLINE ? !is_none(r->start)
                                           : !real_date(r->start) ||
                                                 date_key(r->start) > date_key(r->end))
                abort();
            char iso[11];
            period_date_iso(r->start, iso);
            period_date_iso(r->end, iso);
            if (strlen(iso) != 10)
                abort();
        }
        if (pd.kind == PERIOD_DEADLINE && pd.nranges != 1)
            abort();
        if (!pd.year_given && !year)
            abort();    /* a date without a year, and none to fill it in */
        period_within_year(&pd, year);
    } else {
        if (err.offset > strlen(text) ||
            !memchr(err.message, '\0', sizeof err.message) || !err.message[0])
            abort();
    }
    free(text);
    return 0;
}
