/* The subset of snprintf the shim runtime uses, without pulling libc's
 * printf (and its floating point) into every shim: %s %.*s %c %d %u %x %o with
 * the length modifiers z, l and ll, %%, and an optional '0' flag and width
 * for numbers. */
#ifndef TBX_FMT_H
#define TBX_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* As vsnprintf: writes at most size bytes including the NUL, returns the
 * length the whole result has. */
int fmt_v(char *out, size_t size, const char *fmt, va_list ap);

int fmt(char *out, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
