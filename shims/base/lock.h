/* .toolbox.lock, beside .toolbox: what `tbx lock` resolved each tool to.
 *
 *   [go]
 *   request = 1.22
 *   version = 1.22.10
 *   repository = docker.io/library/golang
 *   tag = 1.22.10
 *   digest = sha256:<64 hex>
 */
#ifndef TBX_LOCK_H
#define TBX_LOCK_H

#include "err.h"

#define LOCK_FILE ".toolbox.lock"

struct lock_entry {
	char request[129]; /* the version .toolbox asked for */
	char version[129]; /* the version it resolved to */
	char repository[256];
	char tag[129];
	char digest[80];
};

/* The entry for tool in the lock at path. Returns 1 when present and
 * complete, 0 when there is no lock file, 2 when the lock has no entry for
 * the tool, -1 with e. */
int lock_lookup(const char *path, const char *tool, struct lock_entry *le,
		struct tbx_err *e);

/* The same over text in memory, named name in messages; never 0. */
int lock_lookup_text(const char *text, const char *name, const char *tool,
		     struct lock_entry *le, struct tbx_err *e);

/* NULL when d is "sha256:" and 64 lowercase hex digits, else why not. */
const char *digest_invalid(const char *d);

#endif
