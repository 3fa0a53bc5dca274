/* tbx prune: remove the images of the catalog's repositories that no
 * place tbx knows would run, and the directories of tools that have no
 * shims, are pinned nowhere it knows and have no container. The places
 * are the directories noted in the state file "projects" (where lock,
 * use, install, pull ran, and where a shim pulled its image), the cwd and
 * $HOME. Only the names in the catalog's repositories are taken off an
 * image: another repository's name keeps it. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/engine.h"
#include "base/engine_api.h"
#include "cmds.h"
#include "paths.h"
#include "prune_images.h"
#include "prune_keep.h"
#include "shimdir.h"
#include "tree.h"

#define PRUNED ".pruned-"

struct prune {
	int dry, failed;
	char engine[PATH_MAX];
	struct keep keep;
	struct strv kept_ids, used_ids, used_tools;
	size_t images, dirs, kept;
	long long image_bytes, dir_bytes;
};

/* The engines print sizes as "1.98MB" (docker) or "1.98 MB" (podman). */
static long long size_bytes(const char *s)
{
	static const char units[] = "kMGT";
	char *end;
	double v = strtod(s, &end);
	const char *u;

	while (*end == ' ')
		end++;
	u = *end ? strchr(units, *end) : NULL;
	for (long i = u ? u - units + 1 : 0; i > 0; i--)
		v *= 1000;
	return (long long)v;
}

static int image_kept(const struct prune *p, const struct image *im)
{
	char repo[PATH_MAX];

	if (strv_has(&p->used_ids, im->id) || strv_has(&p->kept_ids, im->id))
		return 1;
	for (size_t i = 0; i < im->norm.n; i++) {
		if (strv_has(&p->keep.refs, im->norm.v[i]))
			return 1;
		/* a tool whose version could not be read keeps them all */
		if (keep_norm(im->norm.v[i], 1, repo) == 0 &&
		    strv_has(&p->keep.unsure_repos, repo))
			return 1;
	}
	return 0;
}

static void prune_image(struct prune *p, const struct image *im)
{
	struct tbx_err e;
	char *names = xstrdup(im->names.v[0]), *more;
	int r;

	for (size_t i = 1; i < im->names.n; i++) {
		more = xfmt("%s, %s", names, im->names.v[i]);
		free(names);
		names = more;
	}
	r = p->dry ? !im->foreign : images_remove(p->engine, im, &e);
	if (r < 0) {
		fprintf(stderr, "tbx: prune: %s\n", e.msg);
		p->failed = 1;
	} else if (r == 0)
		printf("%s %s (another repository's name keeps sha256:%.12s)\n",
		       p->dry ? "would untag" : "untagged", names, im->id);
	else {
		printf("%s %s (sha256:%.12s, %s)\n",
		       p->dry ? "would remove" : "removed", names, im->id,
		       im->size);
		p->images++;
		p->image_bytes += size_bytes(im->size);
	}
	free(names);
}

static int prune_images(struct prune *p, struct tbx_err *e)
{
	struct images all;
	char id[ENGINE_IMAGE_ID_SIZE];

	/* kept by what the names resolve to: an engine may list another
	 * digest of an image than the one a lock holds (podman lists the
	 * platform's, the lock has the index's) */
	for (size_t i = 0; i < p->keep.refs.n; i++)
		if (images_id(p->engine, p->keep.refs.v[i], id) == 1 &&
		    !strv_has(&p->kept_ids, id))
			strv_push(&p->kept_ids, xstrdup(id));
	if (images_in_use(p->engine, &p->used_ids, &p->used_tools, e) < 0 ||
	    images_list(p->engine, &p->keep.repos, &all, e) < 0)
		return -1;
	for (size_t i = 0; i < all.n; i++)
		if (image_kept(p, &all.v[i]))
			p->kept++;
		else
			prune_image(p, &all.v[i]);
	images_free(&all);
	return 0;
}

/* A directory of the cache that no tool uses: not one in keep.tools (with
 * shims, or pinned), nor one a container of tbx's runs, nor anything but
 * the caller's own directory. */
static int dir_unused(const struct prune *p, const char *cache,
		      const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", cache, name);
	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid())
		return 0;
	if (!strncmp(name, PRUNED, strlen(PRUNED)))
		return 1; /* what an earlier prune could not finish */
	return name[0] != '.' && !strv_has(&p->keep.tools, name) &&
	       !strv_has(&p->used_tools, name);
}

/* What to do about a directory that could not be removed. */
static const char *remove_fix(int err)
{
	switch (err) {
	case EXDEV: return "it is a mount point: unmount it";
	case EACCES:
	case EPERM: return "it is not yours to remove: remove it as its owner";
	default: return "a later prune tries again";
	}
}

static void prune_dir(struct prune *p, const char *cache, const char *name)
{
	char *path = xfmt("%s/%s", cache, name), size[32], failed[PATH_MAX];
	char *gone = path;
	int left = !strncmp(name, PRUNED, strlen(PRUNED)), err;
	long long bytes = tree_size(path);

	tree_size_text(bytes, size, sizeof(size));
	/* out of the shims' way at once; then removed at leisure */
	if (!p->dry && !left) {
		gone = xfmt("%s/" PRUNED "%s-%ld", cache, name, (long)getpid());
		if (rename(path, gone) < 0) {
			fprintf(stderr,
				"tbx: prune: cannot move %s aside: %s; it stays (tbx doctor checks %s)\n",
				path, strerror(errno), cache);
			p->failed = 1;
			goto out;
		}
	}
	if (!p->dry && tree_remove(gone, failed) < 0) {
		err = errno;
		fprintf(stderr, "tbx: prune: cannot remove %s: %s; %s\n",
			failed, strerror(err), remove_fix(err));
		p->failed = 1;
		goto out;
	}
	printf("%s %s (%s): %s\n", p->dry ? "would remove" : "removed", path,
	       size,
	       left ? "left by an earlier prune"
		    : "no shims, and pinned nowhere tbx knows");
	p->dirs++;
	p->dir_bytes += bytes;
out:
	if (gone != path)
		free(gone);
	free(path);
}

static int prune_dirs(struct prune *p, struct tbx_err *e)
{
	char *cache = paths_cache_dir(e);
	struct strv names = {0}, used_ids = {0};
	struct dirent *d;
	DIR *dir;

	if (!cache)
		return -1;
	/* asked again: a tool run since the images' removal began */
	strv_free(&p->used_tools);
	if (images_in_use(p->engine, &used_ids, &p->used_tools, e) < 0) {
		strv_free(&used_ids);
		free(cache);
		return -1;
	}
	strv_free(&used_ids);
	dir = opendir(cache);
	if (!dir) {
		int missing = errno == ENOENT;

		if (!missing)
			err_sys(e, TBX_EXIT_FAIL, "cannot read %s", cache);
		free(cache);
		return missing ? 0 : -1;
	}
	while ((d = readdir(dir)))
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..") &&
		    dir_unused(p, cache, d->d_name))
			strv_push(&names, xstrdup(d->d_name));
	closedir(dir);
	strv_sort(&names);
	for (size_t i = 0; i < names.n; i++)
		prune_dir(p, cache, names.v[i]);
	strv_free(&names);
	free(cache);
	return 0;
}

static void summary(const struct prune *p)
{
	char images[32], dirs[32];

	tree_size_text(p->image_bytes, images, sizeof(images));
	tree_size_text(p->dir_bytes, dirs, sizeof(dirs));
	if (!p->images && !p->dirs)
		printf("nothing to remove");
	else
		printf("%zu %s (%s) and %zu tool %s (%s) %s", p->images,
		       p->images == 1 ? "image" : "images", images, p->dirs,
		       p->dirs == 1 ? "directory" : "directories", dirs,
		       p->dry ? "to remove" : "removed");
	printf("; kept %zu %s in use (from %zu %s, or by a container)\n",
	       p->kept, p->kept == 1 ? "image" : "images", p->keep.places.n,
	       p->keep.places.n == 1 ? "place" : "places");
}

int cmd_prune(int argc, char **argv)
{
	struct prune p = {0};
	struct shim_set set = {0};
	struct tbx_err e;
	const char *name;
	char *shims = NULL;
	int status = 0;

	if (argc > 1 || (argc == 1 && strcmp(argv[0], "--dry-run")))
		return cmd_usage("prune");
	p.dry = argc == 1;
	shims = paths_shims_dir(&e);
	if (!shims || engine_find(shims, &name, p.engine, &e) < 0 ||
	    shimdir_read(shims, &set, &e) < 0 ||
	    keep_collect(&p.keep, &set, shims, &e) < 0 ||
	    prune_images(&p, &e) < 0 || prune_dirs(&p, &e) < 0 ||
	    (!p.dry && keep_write_places(&e) < 0)) {
		status = cmd_fail("prune", &e);
		goto out;
	}
	summary(&p);
	status = p.failed ? TBX_EXIT_FAIL : 0;
out:
	keep_free(&p.keep);
	strv_free(&p.kept_ids);
	strv_free(&p.used_ids);
	strv_free(&p.used_tools);
	shimdir_free(&set);
	free(shims);
	return status;
}
