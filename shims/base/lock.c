/* Looking up one tool in .toolbox.lock (the shim reads nothing else). */
#include "lock.h"

#include <string.h>

#include "inifile.h"
#include "toolbox.h"

const char *digest_invalid(const char *d)
{
	if (strncmp(d, "sha256:", 7) ||
	    strspn(d + 7, "0123456789abcdef") != 64 || d[71])
		return "is not sha256: and 64 lowercase hex digits";
	return NULL;
}

int lock_lookup_text(const char *text, const char *name, const char *tool,
		     struct lock_entry *le, struct tbx_err *e)
{
	struct ini_want w[] = {
		{tool, "request", le->request, sizeof(le->request),
		 version_invalid, "request", tool, 0, 0},
		{tool, "version", le->version, sizeof(le->version),
		 version_invalid, "version", tool, 0, 0},
		{tool, "repository", le->repository, sizeof(le->repository),
		 NULL, "repository", tool, 0, 0},
		{tool, "tag", le->tag, sizeof(le->tag), NULL, "tag", tool, 0,
		 0},
		{tool, "digest", le->digest, sizeof(le->digest), digest_invalid,
		 "digest", tool, 0, 0},
	};
	size_t n = sizeof(w) / sizeof(w[0]), found = 0;

	if (ini_lookup(text, name, w, n, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		found += (size_t)w[i].found;
	if (found == 0)
		return 2;
	if (found < n)
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s: [%s] lacks some of request, version, repository, tag, digest; run 'tbx lock'",
			name, tool);
	return 1;
}

int lock_lookup(const char *path, const char *tool, struct lock_entry *le,
		struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	int r = ini_read(path, text, sizeof(text), e);

	if (r)
		return r > 0 ? 0 : -1;
	return lock_lookup_text(text, path, tool, le, e);
}
