// The wide-character ncurses API is hidden unless NCURSES_WIDECHAR is set before the include;
// SwiftPM drops pkg-config -D flags, so it is set here.
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros that do not import into Swift (casts/shifts) get typed inline accessors.
static inline attr_t nc_A_BOLD(void) { return A_BOLD; }
static inline attr_t nc_A_DIM(void) { return A_DIM; }
static inline attr_t nc_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t nc_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t nc_A_ITALIC(void) { return A_ITALIC; }
static inline attr_t nc_A_NORMAL(void) { return A_NORMAL; }
static inline int nc_KEY_F(int n) { return KEY_F(n); }
static inline mmask_t nc_ALL_MOUSE_EVENTS(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t nc_REPORT_MOUSE_POSITION(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t nc_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t nc_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t nc_BUTTON1_RELEASED(void) { return BUTTON1_RELEASED; }
static inline mmask_t nc_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
#if NCURSES_MOUSE_VERSION > 1
static inline mmask_t nc_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t nc_BUTTON5_PRESSED(void) { return 0; }
#endif
static inline int nc_COLORS(void) { return COLORS; }
static inline int nc_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline const char *nc_codeset(void) { return nl_langinfo(CODESET); }
// Globals (stdscr, stdin/stdout) are not concurrency-safe in Swift 6: reach them through shims.
static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline SCREEN *nc_newterm_stdio(const char *type) { return newterm(type, stdout, stdin); }
static inline mmask_t nc_BUTTON2_PRESSED(void) { return BUTTON2_PRESSED; }
static inline mmask_t nc_BUTTON3_PRESSED(void) { return BUTTON3_PRESSED; }
extern int wcwidth(wchar_t);
#endif
