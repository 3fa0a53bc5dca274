/* Walking a tree by directory descriptors: each entry is opened or
 * removed relative to its directory, never through a link. */
#include "tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Walk the directory name in at (its path, for messages, in path of len
 * bytes); with rm, remove what it holds and then it. Adds to *size. */
static int walk(int at, const char *name, char *path, size_t len, int rm,
		long long *size)
{
	int fd = openat(at, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	struct dirent *d;
	DIR *dir;
	int r = 0;

	if (fd < 0 || fstat(fd, &st) < 0)
		goto fail;
	if (rm && st.st_uid == geteuid() && (st.st_mode & 0700) != 0700 &&
	    fchmod(fd, st.st_mode | 0700) < 0)
		goto fail;
	dir = fdopendir(fd);
	if (!dir)
		goto fail;
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
		if (fstatat(fd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			r = -1;
		else if (S_ISDIR(st.st_mode))
			r = walk(fd, d->d_name, path, len + 1 + n, rm, size);
		else {
			*size += (long long)st.st_blocks * 512;
			r = rm ? unlinkat(fd, d->d_name, 0) : 0;
		}
		if (r == 0)
			path[len] = '\0';
	}
	if (r == 0 && errno)
		r = -1;
	if (r == 0 && fstat(fd, &st) == 0)
		*size += (long long)st.st_blocks * 512;
	if (r < 0) {
		int saved = errno;

		closedir(dir);
		errno = saved;
		return -1;
	}
	closedir(dir);
	return rm ? unlinkat(at, name, AT_REMOVEDIR) : 0;
fail:
	if (fd >= 0) {
		int saved = errno;

		close(fd);
		errno = saved;
	}
	return -1;
}

long long tree_size(const char *path)
{
	char buf[PATH_MAX];
	long long size = 0;

	snprintf(buf, sizeof(buf), "%s", path);
	walk(AT_FDCWD, path, buf, strlen(buf), 0, &size);
	return size;
}

int tree_remove(const char *path, char *failed)
{
	long long size = 0;
	int r;

	snprintf(failed, PATH_MAX, "%s", path);
	r = walk(AT_FDCWD, path, failed, strlen(failed), 1, &size);
	return r;
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
