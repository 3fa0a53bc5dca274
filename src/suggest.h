/* "Did you mean": the one name of a list close to what was typed. */
#ifndef TBX_SUGGEST_H
#define TBX_SUGGEST_H

#include <stddef.h>

/* The name of names (n of them) that typed is a typo of: the nearest by
 * edits (a letter added, dropped, changed, or two swapped), within one
 * edit for a name of 3 to 6 letters and two for a longer one; NULL when
 * none is, or when two are as near. */
const char *suggest(const char *typed, const char *const *names, size_t n);

#endif
