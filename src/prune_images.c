/* Listing and removing images through the engine's client, whose output
 * formats docker and podman share. */
#include "prune_images.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/endpoint.h"
#include "base/engine.h"
#include "base/engine_api.h"
#include "prune_keep.h"
#include "runprog.h"

/* Seconds the engine may take to list, inspect or remove. */
#define ENGINE_TIMEOUT 120
/* The most a listing may print: tens of thousands of lines. */
#define LIST_MAX (4 * 1024 * 1024)
/* Containers inspected per call, so that the command line stays short. */
#define INSPECT_BATCH 100

/* Split line at tabs into n fields; 0 when it has fewer. */
static int fields(char *line, char **f, size_t n)
{
	f[0] = line;
	for (size_t i = 1; i < n; i++) {
		f[i] = strchr(f[i - 1], '\t');
		if (!f[i])
			return 0;
		*f[i]++ = '\0';
	}
	return 1;
}

/* An image ID as docker and podman print it, with or without "sha256:". */
static const char *bare_id(const char *id)
{
	return strncmp(id, "sha256:", 7) ? id : id + 7;
}

int images_id(const char *engine, const char *ref, char *id)
{
	const struct endpoint *ep = endpoint_get();
	char out[ENGINE_IMAGE_ID_SIZE];
	int r;

	/* docker's socket tells "no such image" from "no answer" */
	if (engine_kind(engine) == ENGINE_DOCKER && ep->socket &&
	    endpoint_local(ep) &&
	    (r = engine_image_id(ep->socket, ref, out)) >= 0) {
		if (r)
			snprintf(id, ENGINE_IMAGE_ID_SIZE, "%.64s",
				 bare_id(out));
		return r;
	}
	r = spawn_capture((char *[]){(char *)engine, "image", "inspect",
				     "--format", "{{.Id}}", (char *)ref, NULL},
			  NULL, out, sizeof(out), ENGINE_TIMEOUT);
	if (r < 0 || r >= 126)
		return -1; /* not run, or killed at its deadline */
	if (r)
		return 2; /* the client's "no such image", or another failure */
	out[strcspn(out, "\n")] = '\0';
	snprintf(id, ENGINE_IMAGE_ID_SIZE, "%.64s", bare_id(out));
	return *id ? 1 : 0;
}

static struct image *image_of(struct images *out, const char *id, int add)
{
	struct image *im;

	for (size_t i = 0; i < out->n; i++)
		if (!strcmp(out->v[i].id, bare_id(id)))
			return &out->v[i];
	if (!add)
		return NULL;
	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	im = &out->v[out->n++];
	memset(im, 0, sizeof(*im));
	im->id = xstrdup(bare_id(id));
	return im;
}

/* Add name to im unless there: tags before digests, so that removing
 * them in order untags before it deletes. */
static void add_name(struct image *im, char *name, int tag)
{
	char norm[PATH_MAX];

	if (strv_has(&im->names, name) || keep_norm(name, 0, norm) < 0) {
		free(name);
		return;
	}
	strv_push(&im->names, name);
	strv_push(&im->norm, xstrdup(norm));
	for (size_t i = im->names.n - 1; tag && i > im->tags; i--) {
		char *n = im->names.v[i], *m = im->norm.v[i];

		im->names.v[i] = im->names.v[i - 1];
		im->norm.v[i] = im->norm.v[i - 1];
		im->names.v[i - 1] = n;
		im->norm.v[i - 1] = m;
	}
	im->tags += tag;
}

static void image_clear(struct image *im)
{
	free(im->id);
	free(im->size);
	strv_free(&im->names);
	strv_free(&im->norm);
}

static int by_name(const void *a, const void *b)
{
	const struct image *x = a, *y = b;

	return strcmp(x->names.v[0], y->names.v[0]);
}

int images_list(const char *engine, const struct strv *repos,
		struct images *out, struct tbx_err *e)
{
	char *text = xmalloc(LIST_MAX), *save = NULL, norm[PATH_MAX];
	char *argv[] = {
		(char *)engine,
		"images",
		"--digests",
		"--no-trunc",
		"--format",
		"{{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.Size}}",
		NULL};
	struct strv others = {0};
	int r;

	memset(out, 0, sizeof(*out));
	r = spawn_listing(argv, engine, text, LIST_MAX, ENGINE_TIMEOUT, e);
	for (char *line = r ? NULL : strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[5];
		struct image *im;

		if (!fields(line, f, 5) || !strcmp(f[0], "<none>"))
			continue;
		if (keep_norm(f[0], 1, norm) < 0 || !strv_has(repos, norm)) {
			strv_push(&others, xstrdup(f[3]));
			continue;
		}
		if (!strcmp(f[1], "<none>") && !strcmp(f[2], "<none>"))
			continue; /* no name to take off */
		im = image_of(out, f[3], 1);
		if (!im->size)
			im->size = xstrdup(f[4]);
		if (strcmp(f[1], "<none>"))
			add_name(im, xfmt("%s:%s", f[0], f[1]), 1);
		if (strcmp(f[2], "<none>"))
			add_name(im, xfmt("%s@%s", f[0], f[2]), 0);
	}
	/* one whose names none could read is left alone */
	for (size_t i = 0; i < out->n; i++)
		if (!out->v[i].names.n) {
			image_clear(&out->v[i]);
			out->v[i--] = out->v[--out->n];
		}
	for (size_t i = 0; i < others.n; i++) {
		struct image *im = image_of(out, others.v[i], 0);

		if (im)
			im->foreign = 1;
	}
	strv_free(&others);
	free(text);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_name);
	return r;
}

int images_in_use(const char *engine, struct strv *ids, struct strv *tools,
		  struct tbx_err *e)
{
	char *text = xmalloc(LIST_MAX), *save = NULL;
	char *argv[] = {(char *)engine,
			"ps",
			"-a",
			"--no-trunc",
			"--format",
			"{{.ID}}\t{{.Label \"tbx.tool\"}}",
			NULL};
	char *inspect[INSPECT_BATCH + 5] = {(char *)engine, "inspect",
					    "--format", "{{.Image}}"};
	struct strv containers = {0};
	int r = spawn_listing(argv, engine, text, LIST_MAX, ENGINE_TIMEOUT, e),
	    status;

	for (char *line = r ? NULL : strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[2];

		if (!fields(line, f, 2))
			continue;
		if (*f[1] && !strv_has(tools, f[1]))
			strv_push(tools, xstrdup(f[1]));
		strv_push(&containers, xstrdup(f[0]));
	}
	for (size_t i = 0; r == 0 && i < containers.n; i += INSPECT_BATCH) {
		size_t n = 4;

		for (size_t j = i; j < containers.n && j < i + INSPECT_BATCH;
		     j++)
			inspect[n++] = containers.v[j];
		inspect[n] = NULL;
		/* a container gone since (exit 1) is no error: its image is
		 * free; and the engine refuses to remove one a container
		 * uses, whatever this list missed */
		status = spawn_capture(inspect, NULL, text, LIST_MAX,
				       ENGINE_TIMEOUT);
		if (status < 0 || status >= 126) {
			r = err_set(
				e, TBX_EXIT_FAIL,
				"'%s inspect' of the containers failed; is the engine running?",
				engine);
			break;
		}
		for (char *id = strtok_r(text, "\n", &save); id;
		     id = strtok_r(NULL, "\n", &save))
			if (!strv_has(ids, bare_id(id)))
				strv_push(ids, xstrdup(bare_id(id)));
	}
	strv_free(&containers);
	free(text);
	return r;
}

int images_remove(const char *engine, const struct image *im, struct tbx_err *e)
{
	char id[ENGINE_IMAGE_ID_SIZE], out[4096], brief[13];
	int r, removed = 0;

	snprintf(brief, sizeof(brief), "%s", im->id); /* err_set has no %.Ns */

	/* one name at a time, each only while it still names this image (a
	 * pull may have moved a tag since the listing): once the last tag
	 * goes, the engine drops the digests with the image */
	for (size_t i = 0; i < im->names.n; i++) {
		const char *name = im->names.v[i];

		if (images_id(engine, name, id) != 1 || strcmp(id, im->id))
			continue;
		if (spawn_capture((char *[]){(char *)engine, "rmi",
					     (char *)name, NULL},
				  NULL, out, sizeof(out), ENGINE_TIMEOUT) == 0)
			removed = 1;
		else if ((r = images_id(engine, name, id)) == 1 || r < 0)
			return err_set(e, TBX_EXIT_FAIL,
				       "'%s rmi %s' failed; run it to see why",
				       engine, name);
	}
	/* gone when the engine's socket says so, or when a name was removed
	 * and the client finds it not: one that answers nothing removed
	 * nothing */
	r = images_id(engine, im->id, id);
	if (r == 2 && removed)
		r = 0;
	if (r < 0 || r == 2)
		return err_set(
			e, TBX_EXIT_FAIL,
			"the engine does not say whether sha256:%s is gone; is it running?",
			brief);
	if (r == 0)
		return 1;
	return im->foreign
		       ? 0
		       : err_set(e, TBX_EXIT_FAIL,
				 "image sha256:%s is still here without its names; see '%s image inspect %s'",
				 brief, engine, brief);
}

void images_free(struct images *im)
{
	for (size_t i = 0; i < im->n; i++)
		image_clear(&im->v[i]);
	free(im->v);
}
