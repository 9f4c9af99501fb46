#ifndef MLSD_CNCURSESW_SHIM_H
#define MLSD_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D flags: without these the wide-character API is invisible.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// glibc hides wcwidth from the Swift module (it needs __USE_XOPEN); a matching redeclaration is harmless.
extern int wcwidth(wchar_t c);

// MARK: globals Swift cannot reference

static inline WINDOW *mlsd_stdscr(void) { return stdscr; }
static inline FILE *mlsd_stdin(void) { return stdin; }
static inline FILE *mlsd_stdout(void) { return stdout; }

#if defined(__GLIBC__)
#include <malloc.h>
/* An interactive program frees and takes back the same few hundred kilobytes on every key;
   by default glibc hands them back to the kernel each time and faults them in again. */
static inline void mlsd_keep_freed_memory(void) {
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
}
#else
static inline void mlsd_keep_freed_memory(void) {}
#endif
static inline int mlsd_colors(void) { return COLORS; }
static inline int mlsd_color_pairs(void) { return COLOR_PAIRS; }

// MARK: attributes (macros built with NCURSES_BITS)

static inline attr_t mlsd_a_normal(void) { return A_NORMAL; }
static inline attr_t mlsd_a_bold(void) { return A_BOLD; }
static inline attr_t mlsd_a_reverse(void) { return A_REVERSE; }
static inline attr_t mlsd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mlsd_a_dim(void) { return A_DIM; }
static inline attr_t mlsd_a_italic(void) { return A_ITALIC; }

// MARK: mouse

// Declared here rather than by including <term.h>, whose capability macros (`lines`,
// `columns` …) would clash with ordinary names.
extern char *tigetstr(const char *);

/// Whether the terminal's description knows a mouse (xterm-style reports, `kmous`).
static inline int mlsd_has_mouse(void) {
    char *s = tigetstr("kmous");
    return s != 0 && s != (char *)-1 && *s != 0;
}

// MARK: wide characters

/// Builds a cchar_t; the pair goes through `opts` so that pairs above 32767 work too.
static inline int mlsd_setcchar(cchar_t *cc, const wchar_t *text, attr_t attrs, int pair) {
    int p = pair;
    return setcchar(cc, text, attrs, (NCURSES_PAIRS_T)(pair > 32767 ? 0 : pair), &p);
}

/// Reads a cchar_t back: up to `max` wide chars (NUL-terminated) plus attributes and pair.
static inline int mlsd_getcchar(const cchar_t *cc, wchar_t *text, int max, attr_t *attrs, int *pair) {
    wchar_t buf[CCHARW_MAX + 1];
    short shortPair = 0;
    int p = 0;
    int n = getcchar(cc, buf, attrs, &shortPair, &p);
    if (n == ERR) return ERR;
    int i = 0;
    for (; i < max - 1 && i < CCHARW_MAX && buf[i] != 0; ++i) text[i] = buf[i];
    if (max > 0) text[i] = 0;
    *pair = p;
    return OK;
}

static inline int mlsd_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// MARK: locale

/* Only the character type: it is all ncurses and wcwidth read, and each other category is a
   file to open and map at start-up (a dozen of them). */
static inline const char *mlsd_setlocale_ctype_from_env(void) { return setlocale(LC_CTYPE, ""); }
static inline const char *mlsd_setlocale_ctype(const char *name) { return setlocale(LC_CTYPE, name); }
static inline const char *mlsd_current_ctype(void) { return setlocale(LC_CTYPE, NULL); }
static inline const char *mlsd_codeset(void) { return nl_langinfo(CODESET); }

#endif
