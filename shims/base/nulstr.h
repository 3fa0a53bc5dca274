/* Strings laid end to end, each NUL-terminated: how a warm call's request
 * and a host call's travel. */
#ifndef TBX_NULSTR_H
#define TBX_NULSTR_H

#include <stddef.h>

/* Put s and its NUL at buf + n (buf NULL: only measure); returns n past
 * them. */
size_t nulstr_put(char *buf, size_t n, const char *s);

#endif
