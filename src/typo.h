/*
 * typo.h: Russian typography on the text of the intermediate tree.
 *
 * Rules (LAYOUT.md, last section): «ёлочки» outside and „лапки“ inside
 * (straight quotes and nested ёлочки are both converted); a spaced hyphen
 * or dash becomes an em dash with a no-break space before it; number
 * ranges take an en dash without spaces (2016–2019); no-break spaces after
 * № and §, before г./гг./с./ч. after a number, between initials and
 * surname, after one- and two-letter words, inside dates written with
 * month names.  URLs and e-mail addresses inside a text are left alone;
 * the caller never passes code spans, link targets or {{fields}}.
 */
#ifndef SBORNIK_TYPO_H
#define SBORNIK_TYPO_H

/*
 * State carried across the text nodes of one block (a paragraph, a
 * heading, a table cell): quotes may open in one node and close in
 * another («*Об утверждении*»), and a word may end one node.
 */
enum { TYPO_TAIL = 32 };

typedef struct {
    int quote_depth;    /* open quotes so far in this block */
    int prev;           /* last code point of the previous node, 0 at start */
    /*
     * The block's last code points as written, oldest first, so that the
     * rules can look back across a node boundary («Кузнецов» | « А.И.»,
     * «в» | « целях»).  A caller may set prev itself to stand for text it
     * did not pass (a code span, a soft break); when prev is not the last
     * code point of the tail, the tail is ignored and prev alone is used.
     */
    int tail_len;
    int tail[TYPO_TAIL];
} typo_state;

void typo_state_init(typo_state *st);

/* Typeset one text node; returns a malloc'd UTF-8 string. */
char *typo_apply(typo_state *st, const char *text);

#endif
