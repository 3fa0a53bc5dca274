/* A project's pins as tbx reads and writes them: every [tools] entry of
 * .toolbox, and every entry of .toolbox.lock. */
#ifndef TBX_PINS_H
#define TBX_PINS_H

#include <stddef.h>

#include "base/err.h"
#include "base/lock.h"

struct pin {
	char *tool;
	char *request;
};

struct pins {
	struct pin *v; /* in file order */
	size_t n;
};

struct locked {
	char *tool;
	struct lock_entry e;
};

struct lockset {
	struct locked *v;
	size_t n;
};

/* Every [tools] entry of a .toolbox, versions checked. */
int pins_read(const char *path, struct pins *p, struct tbx_err *e);

/* The same from text in memory, named name in messages. */
int pins_parse(const char *text, const char *name, struct pins *p,
	       struct tbx_err *e);
void pins_free(struct pins *p);

/* Every entry of a lock file; a missing file is an empty set. */
int lockset_read(const char *path, struct lockset *ls, struct tbx_err *e);

/* The same from text in memory, named name in messages. */
int lockset_parse(const char *text, const char *name, struct lockset *ls,
		  struct tbx_err *e);

/* The entry for tool, or NULL. */
struct lock_entry *lockset_get(const struct lockset *ls, const char *tool);

/* Add or replace the entry for tool. */
void lockset_put(struct lockset *ls, const char *tool,
		 const struct lock_entry *le);

/* Write the lock sorted by tool, atomically. */
int lockset_write(const char *path, const struct lockset *ls,
		  struct tbx_err *e);

void lockset_free(struct lockset *ls);

#endif
