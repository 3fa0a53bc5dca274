/* Locations: tbx's home, the shims directory, the tools' directories,
 * the built-in catalog. */
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

char *paths_tbx_home(struct tbx_err *e)
{
	const char *v = getenv("TBX_HOME"), *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (v && *v)
		return v[0] == '/'
			       ? xstrdup(v)
			       : (err_set(e, TBX_EXIT_FAIL,
					  "TBX_HOME must be an absolute path"),
				  NULL);
	if (data && data[0] == '/')
		return xfmt("%s/tbx", data);
	if (home && home[0] == '/')
		return xfmt("%s/.local/share/tbx", home);
	err_set(e, TBX_EXIT_FAIL,
		"cannot locate tbx's home: set HOME or TBX_HOME");
	return NULL;
}

char *paths_cache_dir(struct tbx_err *e)
{
	const char *cache = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (cache && cache[0] == '/')
		return xfmt("%s/tbx", cache);
	if (home && home[0] == '/')
		return xfmt("%s/.cache/tbx", home);
	err_set(e, TBX_EXIT_FAIL,
		"neither XDG_CACHE_HOME nor HOME is an absolute path");
	return NULL;
}

char *paths_shims_dir(struct tbx_err *e)
{
	char *home = paths_tbx_home(e), *dir;

	if (!home)
		return NULL;
	dir = xfmt("%s/shims", home);
	free(home);
	return dir;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *paths_builtin_catalog(void)
{
	const char *env = getenv("TBX_BUILTIN_CATALOG");
	const char *rel[] = {"../share/tbx/catalog", "../catalog"};
	char self[PATH_MAX], *slash;
	ssize_t n;

	if (env && *env)
		return xstrdup(env);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return NULL;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		char *dir = xfmt("%s/%s", self, rel[i]);

		if (is_dir(dir))
			return dir;
		free(dir);
	}
	return NULL;
}
