/* Looking a .toolbox up in the user's trust store. */
#include "trust.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fmt.h"
#include "inifile.h"
#include "mkdirs.h"
#include "sha256.h"
#include "state.h"

int trust_store(char *out, struct tbx_err *e)
{
	return state_path("trusted", out, e);
}

int trust_check(const char *path, const char *text, struct tbx_err *e)
{
	static char store[INI_MAX_SIZE + 2];
	char where[PATH_MAX], dir[PATH_MAX], hash[65], line[PATH_MAX + 80];
	struct stat st;
	size_t want;
	int r;

	if (trust_store(where, e) < 0)
		return -1;
	if (lstat(where, &st) < 0)
		return 0; /* no store: nothing is trusted */
	/* a store others can write trusts what they choose */
	strcpy(dir, where);
	if (private_check(where, 0, e) < 0 ||
	    private_check(dirname(dir), 1, e) < 0 ||
	    private_ancestors(dir, e) < 0)
		return -1;
	r = ini_read(where, store, sizeof(store), e);
	if (r)
		return r > 0 ? 0 : -1;
	sha256_hex(text, strlen(text), hash);
	want = (size_t)fmt(line, sizeof(line), "%s %s\n", hash, path);
	if (want >= sizeof(line))
		return 0;
	for (const char *p = store; p && *p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, line, want))
			return 1;
	}
	return 0;
}
