/* A client of the OCI distribution API (v2) over libcurl: manifest digests
 * and tag lists, with bearer and basic authentication, TLS, retries. One
 * session serves many threads: connections and tokens are shared. */
#ifndef TBX_REGISTRY_H
#define TBX_REGISTRY_H

#include "base/err.h"
#include "base/ref.h"
#include "util.h"

#define DIGEST_SIZE 80

struct registry;

/* A session; NULL with e when libcurl cannot be set up. */
struct registry *registry_new(struct tbx_err *e);
void registry_free(struct registry *rg);

/* A thread that used the session calls this before it ends. */
void registry_thread_done(void);

/* The digest of the manifest ref's repository has under tag: the index
 * digest for a multi-platform image. HEAD first; GET, hashing the exact
 * bytes received, when the registry sends no digest. */
int registry_digest(struct registry *rg, const struct ref *r, const char *tag,
		    char digest[DIGEST_SIZE], struct tbx_err *e);

/* Every tag of ref's repository, following the Link pages. */
int registry_tags(struct registry *rg, const struct ref *r, struct strv *tags,
		  struct tbx_err *e);

#endif
