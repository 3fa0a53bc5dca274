/* The engine's images of the catalog's repositories, and the containers
 * that use images, as 'tbx prune' reads and removes them through the
 * engine's client. */
#ifndef TBX_PRUNE_IMAGES_H
#define TBX_PRUNE_IMAGES_H

#include "base/err.h"
#include "util.h"

struct image {
	char *id;	   /* hex, without "sha256:" */
	char *size;	   /* as the engine prints it */
	struct strv names; /* "repo:tag", then "repo@digest", as listed */
	struct strv norm;  /* the same, normalised (keep_norm) */
	size_t tags;	   /* how many of names are tags */
	int foreign;	   /* also named in another repository */
};

struct images {
	struct image *v;
	size_t n;
};

/* The engine's images named in one of repos (normalised repositories),
 * one per image ID. Returns 0 or -1 with e; free with images_free. */
int images_list(const char *engine, const struct strv *repos,
		struct images *out, struct tbx_err *e);

/* The ID of the image ref names (hex, ENGINE_IMAGE_ID_SIZE bytes): 1 with
 * it, 0 when docker's socket says there is none, 2 when the client finds
 * none (or failed otherwise: it cannot tell), -1 when nothing answers. */
int images_id(const char *engine, const char *ref, char *id);

/* The IDs of the images of the engine's containers, running or not, and
 * the tools of those tbx started (their tbx.tool label). Returns 0 or -1
 * with e. */
int images_in_use(const char *engine, struct strv *ids, struct strv *tools,
		  struct tbx_err *e);

/* Take the catalog repositories' names off im: the image goes with its
 * last name. Returns 1 when it is gone, 0 when names of other
 * repositories keep it, -1 with e. */
int images_remove(const char *engine, const struct image *im,
		  struct tbx_err *e);

void images_free(struct images *im);

#endif
