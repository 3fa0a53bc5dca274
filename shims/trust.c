/* Looking a .toolbox up in the user's trust store. */
#include "trust.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "sha256.h"

int trust_store(char *out, struct tbx_err *e)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	if (state && state[0] == '/')
		n = fmt(out, PATH_MAX, "%s/tbx/trusted", state);
	else if (home && home[0] == '/')
		n = fmt(out, PATH_MAX, "%s/.local/state/tbx/trusted", home);
	else
		return err_set(
			e, TBX_EXIT_FAIL,
			"neither XDG_STATE_HOME nor HOME is an absolute path");
	return n < PATH_MAX ? 0 : err_set(e, TBX_EXIT_FAIL, "path too long");
}

int trust_check(const char *path, const char *text, struct tbx_err *e)
{
	static char store[TRUST_MAX + 1];
	char where[PATH_MAX], hash[65], line[PATH_MAX + 80];
	size_t len = 0, want;
	ssize_t n;
	int fd;

	if (trust_store(where, e) < 0)
		return -1;
	fd = open(where, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0
				       : err_set(e, TBX_EXIT_FAIL, "%s: %s",
						 where, strerror(errno));
	while (len < TRUST_MAX &&
	       ((n = read(fd, store + len, TRUST_MAX - len)) > 0 ||
		(n < 0 && errno == EINTR)))
		len += n > 0 ? (size_t)n : 0;
	close(fd);
	store[len] = '\0';
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
