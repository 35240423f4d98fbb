#ifndef DOWNTIME_DESK_NCURSES_SHIM_H
#define DOWNTIME_DESK_NCURSES_SHIM_H
/* Wide-character ncurses must be asked for before the header is read. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <strings.h>

/* Swift cannot see these macros and globals in Swift 6 mode, so each is wrapped. */
static inline WINDOW *dd_stdscr(void) { return stdscr; }
static inline int dd_lines(void) { return LINES; }
static inline int dd_cols(void) { return COLS; }
static inline int dd_colors(void) { return COLORS; }
static inline int dd_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t dd_a_normal(void) { return A_NORMAL; }
static inline attr_t dd_a_bold(void) { return A_BOLD; }
static inline attr_t dd_a_dim(void) { return A_DIM; }
static inline attr_t dd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dd_a_reverse(void) { return A_REVERSE; }
static inline attr_t dd_a_blink(void) { return A_BLINK; }
static inline attr_t dd_a_standout(void) { return A_STANDOUT; }
static inline attr_t dd_a_italic(void) { return A_ITALIC; }
static inline int dd_key_f(int n) { return KEY_F(n); }
static inline int dd_err(void) { return ERR; }
static inline int dd_key_code_yes(void) { return KEY_CODE_YES; }

/* One cell: a base character plus any combining marks, with its attributes and colour pair. */
static inline int dd_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/* A screen on the process's standard streams; Swift 6 cannot touch the stdin/stdout globals. */
static inline SCREEN *dd_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int dd_is_utf8_codeset(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

static inline int dd_get_key(wint_t *key) { return wget_wch(stdscr, key); }
#endif
