/*
 * period.h: the «Сроки» of a roadmap event as normalised dates.
 *
 * Roadmaps state deadlines the way people speak: «16-17 февраля 2017 г.»,
 * «Март – май, октябрь – ноябрь, декабрь 2022», «3 квартал 2019»,
 * «До 10 апреля 2020 г.», «в течение года», «ежемесячно».  period_parse()
 * turns such a text into inclusive calendar ranges so that calendars,
 * timelines and consistency checks never parse Russian again.
 */
#ifndef SBORNIK_PERIOD_H
#define SBORNIK_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    int year, month, day;       /* a real calendar date; all 0 = none */
} period_date;

typedef struct {
    period_date start, end;     /* inclusive; start is none for a deadline */
} period_range;

enum { PERIOD_MAX_RANGES = 16 };

typedef enum {
    PERIOD_DATES,       /* days, months, quarters, half-years, lists of them */
    PERIOD_DEADLINE,    /* «до 10 апреля 2020 г.»: one range, end only */
    PERIOD_YEAR,        /* «в течение года»: the whole year */
    PERIOD_MONTHLY,     /* «ежемесячно»: the year, recurring monthly */
    PERIOD_QUARTERLY,   /* «ежеквартально»: the year, recurring quarterly */
} period_kind;

typedef struct {
    period_kind kind;
    int nranges;                /* >= 1 after a successful parse */
    period_range ranges[PERIOD_MAX_RANGES];   /* in the order of the text */
    bool year_given;            /* the text names a year itself */
} period;

typedef struct {
    size_t offset;              /* byte offset in the text of what is wrong */
    char message[200];          /* Russian-free English, no trailing period */
} period_error;

/*
 * Parse text (UTF-8, surrounding spaces ignored).  default_year fills in a
 * missing year (0: none, then a text without a year is an error).  On
 * success fills *out and returns true; on failure fills *err and returns
 * false.  Never reads past the terminating NUL, never allocates.
 */
bool period_parse(const char *text, int default_year, period *out,
                  period_error *err);

/* Whether every date of p lies in year. */
bool period_within_year(const period *p, int year);

/* "YYYY-MM-DD" into out (at least 11 bytes); "" for a none date. */
void period_date_iso(period_date d, char *out);

/* Days in month (1..12) of year, 0 for an invalid month. */
int period_days_in_month(int year, int month);

#endif
