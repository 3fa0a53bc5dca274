/* mkdir -p, trying the full path first: it usually exists already. */
#include "mkdirs.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

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
