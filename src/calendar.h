/*
 * calendar.h: roadmaps as data, for the tools people plan with.
 *
 * Three writers, each writing something for a roadmap and nothing for any
 * other document (a roadmap annexed to an order is written as its own
 * document too, so every roadmap gets its files once):
 *
 *     ics  docs/<id>.ics           RFC 5545 calendar: one all-day VEVENT per
 *                                  event and per range of its period
 *     csv  docs/<id>.csv           RFC 4180 table, UTF-8 with a BOM: one row
 *                                  per event
 *     svg  docs/<id>-timeline.svg  the Gantt chart of stylesheets/timeline.xsl
 *
 * Dates inside come from the tree (the periods) and from SOURCE_DATE_EPOCH
 * or the roadmap's date for DTSTAMP: never from the clock.
 */
#ifndef SBORNIK_CALENDAR_H
#define SBORNIK_CALENDAR_H

#include <stddef.h>
#include <libxml/tree.h>

#include "buf.h"
#include "output.h"

extern const output_writer calendar_ics_writer;
extern const output_writer calendar_csv_writer;
extern const output_writer calendar_svg_writer;

/*
 * The calendar of an assembled roadmap tree (NULL for any other root):
 * CRLF line ends, lines folded at 75 octets.  DTSTAMP is source_date
 * (seconds, when >= 0), else the roadmap's date, its approving act's date
 * or 1 January of its year.  The caller frees the text.
 */
char *calendar_ics(xmlDocPtr tree, long long source_date, size_t *len);

/* The table of an assembled roadmap tree (NULL for any other root). */
char *calendar_csv(xmlDocPtr tree, size_t *len);

/*
 * Append one content line to out, folded as RFC 5545 §3.1 says: at most
 * 75 octets a line, a continuation starting with a space, never inside
 * a UTF-8 character; each line ends in CRLF.
 */
void calendar_fold(buf *out, const char *line, size_t len);

/* Append text escaped as an iCalendar TEXT value: \\ \; \, and \n. */
void calendar_escape(buf *out, const char *text);

/*
 * The UID of range r (1-based) of event n of roadmap doc_id: the same
 * sources give the same UIDs, so a re-imported calendar updates its
 * events instead of doubling them.  The caller frees it.
 */
char *calendar_uid(const char *doc_id, int n, int r);

#endif
