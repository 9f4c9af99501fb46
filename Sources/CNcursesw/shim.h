#ifndef MLSD_CNCURSESW_SHIM_H
#define MLSD_CNCURSESW_SHIM_H

// curses.h is included for the terminfo functions it declares (tigetflag, tigetnum, tiparm).

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// glibc hides wcwidth from the Swift module (it needs __USE_XOPEN); a matching redeclaration is harmless.
extern int wcwidth(wchar_t c);

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

#include <sys/syscall.h>
/* An anonymous file in memory (memfd_create, close-on-exec); -1 where there is none. */
static inline int mlsd_memory_file(void) {
#ifdef SYS_memfd_create
    return (int)syscall(SYS_memfd_create, "mlsd-stderr", 1u /* MFD_CLOEXEC */);
#else
    return -1;
#endif
}

// MARK: terminfo

// Declared here rather than by including <term.h>, whose capability macros (`lines`,
// `columns` …) would clash with ordinary names. The program uses ncurses for terminfo only:
// it reads the capabilities once and writes the escape sequences itself.
extern char *tigetstr(const char *);
struct term;
extern struct term *cur_term;
extern int setupterm(const char *, int, int *);
extern int del_curterm(struct term *);

/// Loads the description of `type` (NULL: $TERM) as the current terminal; 1 on success.
static inline int mlsd_setupterm(const char *type, int fd) {
    int err = 0;
    return setupterm(type, fd, &err) == OK ? 1 : 0;
}

/// Frees the description `mlsd_setupterm` loaded.
static inline void mlsd_free_terminfo(void) {
    if (cur_term != 0) del_curterm(cur_term);
}

/// A string capability; NULL when the terminal lacks it (or it is not a string).
static inline const char *mlsd_tigetstr(const char *name) {
    char *s = tigetstr(name);
    return (s == 0 || s == (char *)-1) ? 0 : s;
}

/// A capability with its parameters filled in (tiparm is variadic, which Swift cannot call);
/// a second parameter the capability does not use is ignored.
static inline const char *mlsd_tiparm2(const char *cap, int a, int b) { return tiparm(cap, a, b); }

// MARK: wide characters

static inline int mlsd_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// MARK: locale

/* Only the character type: it is all terminfo and wcwidth read, and each other category is a
   file to open and map at start-up (a dozen of them). */
static inline const char *mlsd_setlocale_ctype_from_env(void) { return setlocale(LC_CTYPE, ""); }
static inline const char *mlsd_setlocale_ctype(const char *name) { return setlocale(LC_CTYPE, name); }
static inline const char *mlsd_current_ctype(void) { return setlocale(LC_CTYPE, NULL); }
static inline const char *mlsd_codeset(void) { return nl_langinfo(CODESET); }

#endif
