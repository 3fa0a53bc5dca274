/* git config --global on the user's own file, through a copy. */
#include "gitglobal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/fmt.h"
#include "base/fullio.h"
#include "base/inifile.h"
#include "base/mkdirs.h"
#include "gitargs.h"
#include "mountset.h"

#define COPY "config"

int gitglobal_asked(char *const *args, int nargs)
{
	int i = gitargs_command(args, nargs), global = 0, first = 1;

	if (i < 0 || strcmp(args[i], "config"))
		return 0;
	for (i++; i < nargs && strcmp(args[i], "--"); i++) {
		const char *a = args[i];

		if (!strcmp(a, "--edit") || !strcmp(a, "-e") ||
		    (first && !strcmp(a, "edit")))
			return 0;
		global |= !strcmp(a, "--global");
		first &= a[0] == '-';
	}
	return global;
}

int gitglobal_plan(struct plan *p, struct tbx_err *e)
{
	const char *home = getenv("HOME");
	const char *xdg;
	struct timespec t;

	if (!p->spec.gitconfig || p->container[0] || !home ||
	    strcmp(p->home, home) ||
	    !gitglobal_asked(p->req->args, p->req->nargs))
		return 0;
	if (p->nenv + 2 > SPEC_MAX_LIST)
		return err_set(e, TBX_EXIT_FAIL, "too many variables");
	/* git's choice: ~/.gitconfig, unless only the XDG file is there */
	p->global_file = arena_printf(&p->arena, "%s/.gitconfig", home);
	xdg = arena_printf(&p->arena, "%s/.config/git/config", home);
	if (p->global_file && xdg && access(p->global_file, R_OK) < 0 &&
	    access(xdg, R_OK) == 0)
		p->global_file = xdg;
	clock_gettime(CLOCK_REALTIME, &t);
	p->global_dir = arena_printf(&p->arena, "%s/global/%d-%x", p->tool_dir,
				     (int)getpid(), (unsigned)t.tv_nsec);
	if (!p->global_file || !p->global_dir)
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	p->env[p->nenv++] = "GIT_CONFIG_GLOBAL=" GITGLOBAL_DIR "/" COPY;
	/* no pager, which the project's settings (pager.config, core.pager)
	 * or files in the tool's HOME (a lesskey's LESSOPEN) could make
	 * write the copy: the variable wins over them and over the user's */
	p->env[p->nenv++] = "GIT_PAGER=cat";
	return mountset_add(p, p->global_dir, GITGLOBAL_DIR, 0, e) ? 0 : -1;
}

/* The file as the call found it: where it really is (links resolved, as
 * git's own lock follows them), its bytes and identity. */
static struct {
	char real[PATH_MAX];
	int existed;
	struct stat st;
	char text[INI_MAX_SIZE + 1];
	size_t len;
} was;

static void remove_dir(const struct plan *p, int keep_copy)
{
	int dir = open(p->global_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (dir < 0)
		return;
	unlinkat(dir, COPY ".lock", 0);
	if (!keep_copy) {
		unlinkat(dir, COPY, 0);
		rmdir(p->global_dir);
	}
	close(dir);
}

int gitglobal_begin(const struct plan *p, struct tbx_err *e)
{
	const char *file = p->global_file;
	struct stat link;
	ssize_t n;
	int fd, dir, r;

	if (!p->global_dir)
		return 0;
	was.existed = realpath(file, was.real) != NULL;
	if (!was.existed) {
		if (lstat(file, &link) == 0)
			return err_set(
				e, TBX_EXIT_FAIL,
				"%s is a link to nothing: point it at a file, or remove it",
				file);
		fmt(was.real, sizeof(was.real), "%s", file);
	} else {
		fd = open(was.real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
					    O_NOCTTY | O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &was.st) == 0 &&
		    !S_ISREG(was.st.st_mode)) {
			close(fd);
			return err_set(
				e, TBX_EXIT_FAIL,
				"%s is not a regular file, which git config --global would write: make it one",
				file);
		}
		if (fd < 0 ||
		    (n = fullio_read(fd, was.text, sizeof(was.text))) < 0) {
			err_sys(e, TBX_EXIT_FAIL, "cannot read %s", file);
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
		was.len = (size_t)n;
	}
	if (mkdirs_private(p->global_dir, p->tool_dir, e) < 0)
		return -1;
	if (!was.existed)
		return 0;
	dir = open(p->global_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	fd = dir < 0 ? -1
		     : openat(dir, COPY,
			      O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
				      O_CLOEXEC,
			      0600);
	r = fd < 0 || fullio_write(fd, was.text, was.len) < 0;
	if (fd >= 0)
		r |= close(fd) < 0;
	if (dir >= 0)
		close(dir);
	if (!r)
		return 0;
	err_sys(e, TBX_EXIT_FAIL, "cannot copy %s into %s", file,
		p->global_dir);
	remove_dir(p, 0);
	return -1;
}

/* Whether the file at dir/base is still the one the call found. */
static int unchanged(int dir, const char *base)
{
	struct stat st;

	if (fstatat(dir, base, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return !was.existed && errno == ENOENT;
	return was.existed && st.st_dev == was.st.st_dev &&
	       st.st_ino == was.st.st_ino && st.st_size == was.st.st_size &&
	       st.st_mtim.tv_sec == was.st.st_mtim.tv_sec &&
	       st.st_mtim.tv_nsec == was.st.st_mtim.tv_nsec &&
	       st.st_ctim.tv_sec == was.st.st_ctim.tv_sec &&
	       st.st_ctim.tv_nsec == was.st.st_ctim.tv_nsec;
}

/* Put len bytes of text in place of the file, as git does: in its lock
 * file beside it, then renamed over it. Returns 0, or -1 with e. */
static int put_in_place(const struct plan *p, const char *text, size_t len,
			struct tbx_err *e)
{
	char dirpath[PATH_MAX], lock[NAME_MAX + 1];
	const char *slash = strrchr(was.real, '/'), *base = slash + 1;
	mode_t mask = umask(0);
	int dir, fd = -1, r = -1;

	umask(mask);
	fmt(dirpath, sizeof(dirpath), "%.*s", (int)(slash - was.real),
	    was.real);
	if ((size_t)fmt(lock, sizeof(lock), "%s.lock", base) >= sizeof(lock))
		return err_set(e, TBX_EXIT_FAIL, "%s: name too long",
			       p->global_file);
	dir = open(dirpath[0] ? dirpath : "/",
		   O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return err_sys(e, TBX_EXIT_FAIL, "cannot open %s", dirpath);
	fd = openat(dir, lock,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			err_set(e, TBX_EXIT_FAIL,
				"%s/%s exists: another git is changing it (if none is, remove the lock)",
				dirpath, lock);
		else
			err_sys(e, TBX_EXIT_FAIL, "cannot create %s/%s",
				dirpath, lock);
		goto out;
	}
	if (was.existed && was.st.st_uid != getuid()) {
		err_set(e, TBX_EXIT_FAIL, "it is not yours");
		goto drop;
	}
	if (!unchanged(dir, base)) {
		err_set(e, TBX_EXIT_FAIL, "it changed while git ran");
		goto drop;
	}
	if (fullio_write(fd, text, len) < 0 ||
	    fchmod(fd, was.existed ? was.st.st_mode & 07777 : 0666 & ~mask) <
		    0 ||
	    fsync(fd) < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot write %s/%s", dirpath, lock);
		goto drop;
	}
	if (close(fd) < 0 || renameat(dir, lock, dir, base) < 0) {
		fd = -1;
		err_sys(e, TBX_EXIT_FAIL, "cannot rename %s/%s over %s",
			dirpath, lock, p->global_file);
		goto drop;
	}
	fd = -1;
	r = 0;
	goto out;
drop:
	unlinkat(dir, lock, 0);
out:
	if (fd >= 0)
		close(fd);
	close(dir);
	return r;
}

/* The tool's copy, which the container may have replaced: only a
 * regular file of one link is read, never a FIFO (which would block) or
 * a link. Its length; 0 with *none when there is none; -1 with e. */
static ssize_t read_copy(const struct plan *p, char *buf, int *none,
			 struct tbx_err *e)
{
	int dir = open(p->global_dir,
		       O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int fd = dir < 0 ? -1
			 : openat(dir, COPY,
				  O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
					  O_NOCTTY | O_CLOEXEC);
	ssize_t len = -1;
	struct stat st;

	*none = fd < 0 && errno == ENOENT;
	if (*none)
		len = 0;
	else if (fd < 0)
		err_sys(e, TBX_EXIT_FAIL, "cannot read %s/" COPY,
			p->global_dir);
	else if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1)
		err_set(e, TBX_EXIT_FAIL,
			"%s/" COPY " is no longer a regular file of its own",
			p->global_dir);
	else if ((len = fullio_read(fd, buf, INI_MAX_SIZE + 1)) < 0)
		err_sys(e, TBX_EXIT_FAIL, "cannot read %s/" COPY,
			p->global_dir);
	if (fd >= 0)
		close(fd);
	if (dir >= 0)
		close(dir);
	return len;
}

int gitglobal_end(const struct plan *p, int status)
{
	static char now[INI_MAX_SIZE + 1];
	struct tbx_err e, said;
	ssize_t len;
	int none;

	if (!p->global_dir)
		return status;
	len = read_copy(p, now, &none, &e);
	/* no copy: git wrote nothing (it never removes the file); or the
	 * same bytes */
	if (none || (len >= 0 && was.existed && (size_t)len == was.len &&
		     !memcmp(now, was.text, was.len))) {
		remove_dir(p, 0);
		return status;
	}
	if (len >= 0 && put_in_place(p, now, (size_t)len, &e) == 0) {
		remove_dir(p, 0);
		return status;
	}
	remove_dir(p, 1);
	err_set(&said, GITGLOBAL_CANNOT_WRITE,
		"cannot change %s: %s; the tool's version is kept in %s/" COPY
		": merge it by hand",
		p->global_file, e.msg, p->global_dir);
	err_print(p->spec.tool, &said);
	return GITGLOBAL_CANNOT_WRITE;
}
