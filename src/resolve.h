/* Resolving version requests to image digests, many tools at once. */
#ifndef TBX_RESOLVE_H
#define TBX_RESOLVE_H

#include "catalog.h"
#include "base/lock.h"
#include "registry.h"

struct resolution {
	const struct tool *tool; /* borrowed */
	const char *request;	 /* borrowed */
	struct lock_entry out;
	char how[256]; /* what was chosen, and why */
	struct tbx_err err;
	int failed;
};

/* Resolve each: a release request ("1.22") becomes the highest release tag
 * that continues it in numeric order, any other request ("latest",
 * "1.23rc1") its own tag; then the tag's manifest digest. At most
 * RESOLVE_THREADS run at once: resolving is waiting on the network. Returns
 * the number that failed. */
#define RESOLVE_THREADS 32
size_t resolve_all(struct registry *rg, struct resolution *v, size_t n);

/* The highest release version among tags that fits tmpl and continues
 * request ("" matches every release). Returns 0, or -1 when none does. */
int resolve_best(const struct strv *tags, const char *tmpl, const char *request,
		 char *out, size_t size);

#endif
