/* mkdir -p, trying the full path first: it usually exists already. */
#include "mkdirs.h"

#include <errno.h>
#include <limits.h>
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
