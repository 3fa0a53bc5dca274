/* The user's files a tool replaces, through links of the tool's own. */
#include "writes.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fmt.h"
#include "base/mkdirs.h"
#include "mountset.h"

/* The device of path's nearest existing directory. */
static int device_of(const char *path, dev_t *dev)
{
	char dir[PATH_MAX];
	struct stat st;

	if (fmt(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return -1;
	while (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		char *slash = strrchr(dir, '/');

		if (!slash || slash == dir)
			return -1;
		*slash = '\0';
	}
	*dev = st.st_dev;
	return 0;
}

static int one_write(struct plan *p, const char *user, struct tbx_err *e)
{
	struct plan_write *w = &p->write[p->nwrites];
	const char *home = getenv("HOME"), *name = strrchr(user, '/') + 1;
	char real[PATH_MAX];
	struct stat link, st;
	dev_t file_dev, tool_dev;

	w->target = user;
	if (lstat(user, &link) == 0) {
		if (stat(user, &st) < 0 || !S_ISREG(st.st_mode) ||
		    link.st_uid != getuid() || st.st_uid != getuid() ||
		    !realpath(user, real))
			return 0;
		w->target = arena_printf(&p->arena, "%s", real);
	}
	if (!w->target || device_of(w->target, &file_dev) < 0 ||
	    device_of(p->tool_dir, &tool_dev) < 0 || file_dev != tool_dev)
		return 0;
	w->user = user;
	w->name = name;
	w->dir = arena_printf(&p->arena, "%s/writes/%u", p->tool_dir,
			      p->nwrites);
	w->link = arena_printf(&p->arena, "%s%s", p->host_home,
			       user + strlen(home));
	if (!w->dir || !w->link ||
	    !mountset_add(p, w->dir,
			  arena_printf(&p->arena, WRITES_DIR "/%u", p->nwrites),
			  0, e))
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	p->nwrites++;
	return 0;
}

int writes_plan(struct plan *p, struct tbx_err *e)
{
	const char *home = getenv("HOME"), *why;

	if (!home || strcmp(p->home, home))
		return 0;
	for (unsigned i = 0; i < p->spec.writes.n; i++) {
		const char *item = p->spec.writes.item[i];
		char *host = mountset_host_path(p, item, strlen(item), &why);

		if (!host)
			return err_set(e, TBX_EXIT_FAIL, "write '%s' %s", item,
				       why);
		if (p->nwrites < PLAN_MAX_WRITES && one_write(p, host, e) < 0)
			return -1;
	}
	return 0;
}

int writes_has(const struct plan *p, const char *host)
{
	for (unsigned i = 0; i < p->nwrites; i++)
		if (!strcmp(p->write[i].user, host))
			return 1;
	return 0;
}

/* Put a new name in dir's place through a temporary one: never through a
 * link, and never half done. */
static int replace_at(int dfd, const char *name, const char *from_path,
		      const char *link_to)
{
	char tmp[NAME_MAX + 1];
	int r;

	if (fmt(tmp, sizeof(tmp), ".%s.tbx-%d", name, (int)getpid()) >=
	    (int)sizeof(tmp))
		return -1;
	unlinkat(dfd, tmp, 0);
	if ((from_path ? linkat(AT_FDCWD, from_path, dfd, tmp, 0)
		       : symlinkat(link_to, dfd, tmp)) < 0)
		return -1;
	/* a rename between two links to one file leaves both */
	r = renameat(dfd, tmp, dfd, name);
	unlinkat(dfd, tmp, 0);
	return r;
}

/* dir's descriptor, its last part's name in *name. */
static int open_parent(const char *path, const char **name, char *dir)
{
	const char *slash = strrchr(path, '/');

	*name = slash + 1;
	if (fmt(dir, PATH_MAX, "%.*s", (int)(slash - path), path) >= PATH_MAX)
		return -1;
	return open(dir[0] ? dir : "/",
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

int writes_before(struct plan *p, struct tbx_err *e)
{
	for (unsigned i = 0; i < p->nwrites; i++) {
		struct plan_write *w = &p->write[i];
		char in[PATH_MAX], parent[PATH_MAX];
		const char *name;
		struct stat st;
		int dfd, hfd;

		if (mkdirs_private(w->dir, p->tool_dir, e) < 0)
			return -1;
		dfd = open(w->dir,
			   O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0)
			return err_sys(e, TBX_EXIT_FAIL, "cannot open %s",
				       w->dir);
		w->dev = w->ino = 0;
		if (lstat(w->target, &st) == 0 && S_ISREG(st.st_mode) &&
		    replace_at(dfd, w->name, w->target, NULL) == 0 &&
		    fstatat(dfd, w->name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			w->dev = (unsigned long)st.st_dev;
			w->ino = (unsigned long)st.st_ino;
		} else
			unlinkat(dfd, w->name, 0);
		close(dfd);
		fmt(in, sizeof(in), WRITES_DIR "/%u/%s", i, w->name);
		name = strrchr(w->link, '/');
		if (name - w->link > (long)strlen(p->host_home) &&
		    mkpoint(p->host_home,
			    arena_printf(&p->arena, "%.*s",
					 (int)(name - w->link -
					       strlen(p->host_home)),
					 w->link + strlen(p->host_home)),
			    1, e) < 0)
			return -1;
		hfd = open_parent(w->link, &name, parent);
		if (hfd < 0 || replace_at(hfd, name, NULL, in) < 0) {
			if (hfd >= 0)
				close(hfd);
			return err_sys(
				e, TBX_EXIT_FAIL,
				"cannot link %s to the tool's %s; remove it",
				w->link, w->user);
		}
		close(hfd);
	}
	return 0;
}

void writes_after(const struct plan *p)
{
	for (unsigned i = 0; i < p->nwrites; i++) {
		const struct plan_write *w = &p->write[i];
		char file[PATH_MAX], parent[PATH_MAX];
		const char *name;
		struct stat mine, theirs;
		struct tbx_err note;
		int have, fd;

		if (fmt(file, sizeof(file), "%s/%s", w->dir, w->name) >=
			    (int)sizeof(file) ||
		    lstat(file, &mine) < 0 || !S_ISREG(mine.st_mode) ||
		    ((unsigned long)mine.st_ino == w->ino &&
		     (unsigned long)mine.st_dev == w->dev))
			continue;
		/* the tool wrote it: the user's takes its place, unless it
		 * changed on the host meanwhile */
		have = lstat(w->target, &theirs) == 0;
		if (have ? (unsigned long)theirs.st_ino != w->ino ||
				    (unsigned long)theirs.st_dev != w->dev
			 : w->ino != 0) {
			err_set(&note, 0,
				"warning: %s changed while %s wrote it; its version is in %s",
				w->user, p->spec.tool, file);
			err_print(p->spec.tool, &note);
			continue;
		}
		fd = open_parent(w->target, &name, parent);
		if (fd < 0 || replace_at(fd, name, file, NULL) < 0) {
			errno = errno ? errno : EIO;
			err_sys(&note, 0,
				"warning: cannot put what %s wrote in %s; it is in %s",
				p->spec.tool, w->target, file);
			err_print(p->spec.tool, &note);
		}
		if (fd >= 0)
			close(fd);
	}
}
