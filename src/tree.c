/* Walking a tree by directory descriptors: each entry is opened or
 * removed relative to its directory, never through a link, and never
 * across a mount point. */
#include "tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The mount a directory entry is on: its mount ID where the kernel tells
 * (a bind mount of the same file system has the same st_dev), else its
 * device. */
static unsigned long long mount_of(int at, const char *name,
				   const struct stat *st)
{
	struct statx sx;

	if (statx(at, name, AT_SYMLINK_NOFOLLOW, STATX_MNT_ID, &sx) == 0 &&
	    (sx.stx_mask & STATX_MNT_ID))
		return sx.stx_mnt_id;
	return (unsigned long long)st->st_dev | 1ULL << 63;
}

/* Walk the directory name in at, whose lstat is st (its path, for
 * messages, in path of len bytes); with rm, remove what it holds and then
 * it. Adds to *size. */
static int walk(int at, const char *name, const struct stat *st, char *path,
		size_t len, int rm, long long *size)
{
	unsigned long long mnt = mount_of(at, name, st);
	struct stat sub;
	struct dirent *d;
	DIR *dir;
	int fd, r = 0, saved;

	/* a directory of the caller's that it may not list or empty: a Go
	 * module cache's are read-only; never through a link put there
	 * since */
	if (rm && st->st_uid == geteuid() && (st->st_mode & 0700) != 0700 &&
	    fchmodat(at, name, (st->st_mode & 07777) | 0700,
		     AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	dir = fdopendir(fd);
	if (!dir) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	*size += (long long)st->st_blocks * 512;
	while (r == 0 && (errno = 0, d = readdir(dir))) {
		size_t n = strlen(d->d_name);

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		if (len + 1 + n >= PATH_MAX) {
			errno = ENAMETOOLONG;
			r = -1;
			break;
		}
		path[len] = '/';
		memcpy(path + len + 1, d->d_name, n + 1);
		if (fstatat(fd, d->d_name, &sub, AT_SYMLINK_NOFOLLOW) < 0)
			r = -1;
		else if (S_ISDIR(sub.st_mode) &&
			 mount_of(fd, d->d_name, &sub) != mnt) {
			errno = EXDEV; /* what is mounted there is not ours */
			r = -1;
		} else if (S_ISDIR(sub.st_mode))
			r = walk(fd, d->d_name, &sub, path, len + 1 + n, rm,
				 size);
		else {
			*size += (long long)sub.st_blocks * 512;
			r = rm ? unlinkat(fd, d->d_name, 0) : 0;
		}
		if (r == 0)
			path[len] = '\0';
	}
	if (r == 0 && errno)
		r = -1;
	saved = errno;
	closedir(dir);
	errno = saved;
	if (r < 0)
		return -1;
	return rm ? unlinkat(at, name, AT_REMOVEDIR) : 0;
}

static int top(const char *path, char *buf, int rm, long long *size)
{
	struct stat st;

	snprintf(buf, PATH_MAX, "%s", path);
	if (lstat(path, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return walk(AT_FDCWD, path, &st, buf, strlen(buf), rm, size);
}

long long tree_size(const char *path)
{
	char buf[PATH_MAX];
	long long size = 0;

	top(path, buf, 0, &size);
	return size;
}

int tree_remove(const char *path, char *failed)
{
	long long size = 0;

	return top(path, failed, 1, &size);
}

void tree_size_text(long long size, char *out, unsigned len)
{
	static const char *const unit[] = {"B", "kB", "MB", "GB", "TB"};
	double v = (double)size;
	unsigned u = 0;

	while (v >= 1000 && u < 4) {
		v /= 1000;
		u++;
	}
	if (u == 0 || v >= 100)
		snprintf(out, len, "%.0f%s", v, unit[u]);
	else
		snprintf(out, len, "%.3g%s", v, unit[u]);
}
