/* Small helpers for the tbx CLI: checked allocation and string building. */
#ifndef TBX_UTIL_H
#define TBX_UTIL_H

#include <stddef.h>

/* Allocation that cannot fail: on exhaustion tbx prints one line and exits
 * 125, as there is nothing sensible to do half-way through a verb. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* A newly allocated formatted string; caller frees. */
char *xfmt(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* A growable NULL-terminated array of owned strings. */
struct strv {
	char **v;
	size_t n, cap;
};

void strv_push(struct strv *sv, char *owned);
void strv_free(struct strv *sv);
void strv_sort(struct strv *sv);

/* Whether sv holds a string equal to s. */
int strv_has(const struct strv *sv, const char *s);

/* Read a whole regular file of at most max bytes, NUL-terminated; caller
 * frees *out. Returns 0 or -1 with errno set (EFBIG when too large). */
int read_file(const char *path, size_t max, char **out, size_t *len);

/* The same, failing with ELOOP when path is a symbolic link: for a file of
 * a repository, which may link to any file of the user's. */
int read_file_nofollow(const char *path, size_t max, char **out, size_t *len);

/* s with what could trick a terminal or hide a byte shown as \xNN: bytes
 * below 0x20, 0x7f, '\\', invalid UTF-8 and C1 controls. Caller frees. */
char *str_printable(const char *s);

#include "base/err.h"

/* Whether tbx may replace path: 0 when it is absent or a writable regular
 * file (*mode, when not NULL, set to its permission bits), else -1 with e:
 * a symbolic link (a repository's may point at any file of the user's), a
 * directory or other non-file, or a read-only file. */
int file_replaceable(const char *path, unsigned *mode, struct tbx_err *e);

/* Replace path with data: a temporary file beside it (O_EXCL, O_NOFOLLOW),
 * fsync, rename, and the directory synced, so that readers see the old
 * file or the new one and a failure leaves the old one. A path that
 * file_replaceable refuses is left alone. */
int write_atomic(const char *path, const void *data, size_t len, unsigned mode,
		 struct tbx_err *e);

#endif
