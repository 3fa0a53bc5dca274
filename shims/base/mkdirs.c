/* mkdir -p, trying the full path first: it usually exists already. */
#include "mkdirs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mkdirs(const char *path, mode_t mode, struct tbx_err *e)
{
	char dir[PATH_MAX];
	char *slash;

	if (mkdir(path, mode) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || strlen(path) >= sizeof(dir))
		goto fail;
	strcpy(dir, path);
	for (slash = strchr(dir + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(dir, mode) < 0 && errno != EEXIST)
			goto fail;
		*slash = '/';
	}
	if (mkdir(path, mode) == 0 || errno == EEXIST)
		return 0;
fail:
	return err_sys(e, TBX_EXIT_FAIL, "cannot create %s", path);
}

int private_check(const char *path, int dir, struct tbx_err *e)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return err_sys(e, TBX_EXIT_FAIL, "cannot read %s", path);
	if (dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
		return err_set(e, TBX_EXIT_FAIL,
			       "%s is not a %s (a link?); remove it", path,
			       dir ? "directory" : "file");
	if (st.st_uid != geteuid())
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s belongs to uid %u, not to you; remove it (tbx keeps your tools' files there)",
			path, (unsigned)st.st_uid);
	if (st.st_mode & 022)
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s may be written by others (mode %o); run 'chmod go-w %s'",
			path, (unsigned)(st.st_mode & 07777), path);
	return 0;
}

/* Why someone other than the caller and root could replace what lies
 * below a directory (or where a link points), or NULL: it is theirs, or
 * others may write to it and it is not sticky (as /tmp is). */
static const char *open_to_others(const struct stat *st)
{
	if (st->st_uid != geteuid() && st->st_uid != 0)
		return "belongs to another user";
	if (S_ISLNK(st->st_mode) || (st->st_mode & S_ISVTX))
		return NULL;
	if ((st->st_mode & 002) ||
	    ((st->st_mode & 020) && st->st_gid != getegid()))
		return "may be written by others";
	return NULL;
}

int private_ancestors(const char *path, struct tbx_err *e)
{
	char real[PATH_MAX], dir[PATH_MAX];
	const char *ways[2] = {path, realpath(path, real) ? real : NULL};

	for (int w = 0; w < 2 && ways[w]; w++) {
		strcpy(dir, ways[w]);
		for (char *slash = strchr(dir + 1, '/'); slash;
		     slash = strchr(slash + 1, '/')) {
			struct stat st;
			const char *why;

			*slash = '\0';
			why = lstat(dir, &st) < 0 ? NULL : open_to_others(&st);
			if (why)
				return err_set(
					e, TBX_EXIT_FAIL,
					"%s %s, who could replace %s; keep tbx's files in a directory of your own (XDG_CACHE_HOME, XDG_STATE_HOME)",
					dir, why, ways[w]);
			*slash = '/';
		}
	}
	return 0;
}

int mkdirs_private(const char *path, const char *top, struct tbx_err *e)
{
	char dir[PATH_MAX];
	size_t n = strlen(top);

	if (mkdirs(path, 0700, e) < 0)
		return -1;
	if (strlen(path) >= sizeof(dir) || strncmp(path, top, n))
		return err_set(e, TBX_EXIT_FAIL, "%s: path too long", path);
	strcpy(dir, path);
	for (char *slash = strchr(dir + n, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (private_check(dir, 1, e) < 0)
			return -1;
		*slash = '/';
	}
	return private_check(path, 1, e);
}

int mkpoint(const char *top, const char *rel, int dir, struct tbx_err *e)
{
	int fd = open(top, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	const char *whole = rel, *start = rel;
	char part[NAME_MAX + 1];
	struct stat st;

	while (fd >= 0) {
		size_t n;
		int next, last;

		while (*rel == '/')
			rel++;
		start = rel;
		n = strcspn(rel, "/");
		last = !rel[n + strspn(rel + n, "/")];
		if (n == 0 || n > NAME_MAX)
			break;
		memcpy(part, rel, n);
		part[n] = '\0';
		rel += n;
		if (last && !dir) {
			/* never opened for writing, nor waited on: a FIFO
			 * the tool left there is not a file */
			next = openat(fd, part,
				      O_RDONLY | O_CREAT | O_NOFOLLOW |
					      O_NONBLOCK | O_CLOEXEC,
				      0600);
			close(fd);
			fd = -1;
			if (next < 0)
				break;
			n = fstat(next, &st) == 0 && S_ISREG(st.st_mode);
			close(next);
			return n ? 0
				 : err_set(e, TBX_EXIT_FAIL,
					   "%s/%s, where a mount goes, is not a file; remove it",
					   top, whole);
		}
		if (mkdirat(fd, part, 0700) < 0 && errno != EEXIST)
			break;
		next = openat(fd, part,
			      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		fd = next;
		if (last) {
			if (fd < 0)
				break;
			close(fd);
			return 0;
		}
	}
	if (fd >= 0)
		close(fd);
	return err_sys(
		e, TBX_EXIT_FAIL,
		"cannot make %s/%.*s for a mount (a link, or not a file?); remove it",
		top, (int)(start - whole + strcspn(start, "/")), whole);
}
