/* Small INI files (.toolbox, .toolbox.lock), read whole and looked up by
 * section and key with inih; errors carry "file:line". */
#ifndef TBX_INIFILE_H
#define TBX_INIFILE_H

#include <stddef.h>

#include "err.h"

/* Largest file read: a pin or lock file is a few hundred bytes per tool. */
#define INI_MAX_SIZE (64 * 1024)

struct ini_want {
	const char *section, *key;
	char *out; /* value copied here when found */
	size_t size;
	/* NULL, or returns why a value is refused, for "label 'v' for 'subject'
	 * <why>" messages */
	const char *(*check)(const char *value);
	const char *label, *subject;
	int found;
	unsigned line; /* where it was found */
};

/* Read path into buf (at least INI_MAX_SIZE + 2 bytes), NUL-terminated.
 * Returns 0, 1 when the file does not exist, or -1 with e. */
int ini_read(const char *path, char *buf, size_t size, struct tbx_err *e);

/* Fill the wants from text (named name in messages), values unquoted as
 * ini_each_unquoted gives them. A key given twice in
 * its section, a refused value or a syntax error is an error. */
int ini_lookup(const char *text, const char *name, struct ini_want *w, size_t n,
	       struct tbx_err *e);

/* Call fn for every name = value of text, in order. fn returns NULL, or why
 * the pair is refused, which becomes "name:line: why". A line too long to
 * read whole is never given to fn, and the error then has errnum E2BIG. */
typedef const char *ini_fn(void *user, const char *section, const char *key,
			   const char *value);
int ini_each(const char *text, const char *name, ini_fn *fn, void *user,
	     struct tbx_err *e);

/* The same with values as tbx's own files mean them, as ini_lookup gives
 * them too: a quoted value ("1.22" or '1.22') without its quotes, an
 * unquoted one ending before a '#' that begins it or follows a blank. */
int ini_each_unquoted(const char *text, const char *name, ini_fn *fn,
		      void *user, struct tbx_err *e);

#endif
