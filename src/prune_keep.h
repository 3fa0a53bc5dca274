/* What 'tbx prune' must keep: the images and the tool directories that
 * the shims would use from the places it knows. */
#ifndef TBX_PRUNE_KEEP_H
#define TBX_PRUNE_KEEP_H

#include "shimdir.h"
#include "util.h"

struct keep {
	struct strv places; /* the directories looked from, which exist */
	struct strv repos;  /* the catalog's and the shims' repositories */
	struct strv refs;   /* the images a shim there runs, tag or digest */
	struct strv tools;  /* tools pinned there or with shims, or unsure */
	struct strv unsure; /* tools whose version a place cannot tell */
	struct strv unsure_repos; /* theirs: every image of them stays */
};

/* The places are the directories noted in the state file "projects"
 * (state.h), the cwd and $HOME. Repositories and references are in their
 * normalised form (ref_format). Returns 0 or -1 with e; free with
 * keep_free either way. */
int keep_collect(struct keep *k, const struct shim_set *set,
		 const char *shims_dir, struct tbx_err *e);

/* The normalised form of an image reference into out (PATH_MAX bytes),
 * with the tag and digest dropped when repo_only. -1 when s is none. */
int keep_norm(const char *s, int repo_only, char *out);

/* The largest state file prune reads: it writes it anew with each place
 * once, however many times the shims noted it. */
#define PROJECTS_FILE_MAX (64 * 1024 * 1024)

/* Write the state file anew with its places once each, when that changes
 * it: a directory that is gone is forgotten. */
int keep_write_places(struct tbx_err *e);

void keep_free(struct keep *k);

#endif
