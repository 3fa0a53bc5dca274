/* Finding the engine's client and telling how it maps users. */
#include "engine.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "endpoint.h"
#include "fmt.h"
#include "spec.h"

static int executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, X_OK) == 0;
}

/* Whether the program at path is a tbx shim, which as the engine would run
 * itself, or another tool, in a loop. Shims are small: an engine's client
 * is told apart by its size alone. */
static int is_shim(const char *path)
{
	static unsigned char buf[SPEC_SHIM_MAX];
	struct stat st;
	ssize_t n = -1;
	int fd;

	if (stat(path, &st) < 0 || st.st_size > (off_t)sizeof(buf))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf));
		close(fd);
	}
	return n > 0 && spec_find(buf, (size_t)n) >= 0;
}

/* Whether the PATH entry (len bytes) is the directory skip_st describes,
 * by identity rather than by name: PATH may reach it through a symlink. */
static int is_skipped(const char *entry, size_t len, const struct stat *skip_st)
{
	char dir[PATH_MAX];
	struct stat st;

	if (!skip_st || len >= sizeof(dir))
		return 0;
	memcpy(dir, entry, len);
	dir[len] = '\0';
	return stat(dir, &st) == 0 && st.st_dev == skip_st->st_dev &&
	       st.st_ino == skip_st->st_ino;
}

static int lookup(const char *name, const struct stat *skip_st, char *out)
{
	const char *path = getenv("PATH"), *end;

	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (; *path; path = *end ? end + 1 : end) {
		size_t len;

		end = strchr(path, ':');
		if (!end)
			end = path + strlen(path);
		len = (size_t)(end - path);
		if (len == 0)
			continue;
		if (fmt(out, PATH_MAX, "%.*s/%s", (int)len, path, name) >=
		    PATH_MAX)
			continue;
		/* never a shim of ours named like the engine: it would exec
		 * itself forever */
		if (executable(out) && !is_skipped(path, len, skip_st) &&
		    !is_shim(out))
			return 0;
	}
	return -1;
}

int engine_find(const char *skip, const char **name, char *path,
		struct tbx_err *e)
{
	static const char *const known[] = {"docker", "podman", "nerdctl"};
	const char *want = getenv("TBX_ENGINE");
	struct stat st;
	const struct stat *skip_st = skip && stat(skip, &st) == 0 ? &st : NULL;

	if (want && *want) {
		*name = want;
		if (strchr(want, '/')) {
			if (fmt(path, PATH_MAX, "%s", want) >= PATH_MAX)
				return err_set(e, TBX_EXIT_NOT_FOUND,
					       "engine path too long");
			if (is_shim(path))
				return err_set(
					e, TBX_EXIT_FAIL,
					"TBX_ENGINE=%s is a tbx shim, not a container engine; name docker, podman or nerdctl",
					want);
			return 0;
		}
		if (lookup(want, skip_st, path) == 0)
			return 0;
		return err_set(
			e, TBX_EXIT_NOT_FOUND,
			"engine '%s' not found in PATH (install it or set TBX_ENGINE)",
			want);
	}
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		*name = known[i];
		if (lookup(known[i], skip_st, path) == 0)
			return 0;
	}
	*name = known[0];
	return err_set(
		e, TBX_EXIT_NOT_FOUND,
		"no engine found in PATH: none of docker, podman, nerdctl (install one or set TBX_ENGINE)");
}

enum engine_kind engine_kind(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (!strcmp(base, "docker"))
		return ENGINE_DOCKER;
	if (!strcmp(base, "podman"))
		return ENGINE_PODMAN;
	if (!strcmp(base, "nerdctl"))
		return ENGINE_NERDCTL;
	return ENGINE_OTHER;
}

/* Whether docker's daemon runs as the caller: its socket is theirs. */
static int docker_rootless(void)
{
	const char *sock = endpoint_get()->socket;
	struct stat st;

	return sock && stat(sock, &st) == 0 && st.st_uid == getuid();
}

enum engine_user engine_user(enum engine_kind kind)
{
	const char *force = getenv("TBX_ROOTLESS");
	int rootless;

	if (force && *force)
		rootless = strcmp(force, "0") != 0;
	else if (getuid() == 0)
		rootless = 0;
	else
		rootless = kind == ENGINE_PODMAN || kind == ENGINE_NERDCTL ||
			   (kind == ENGINE_DOCKER && docker_rootless());
	if (!rootless)
		return USER_MAP_UID;
	return kind == ENGINE_PODMAN ? USER_MAP_KEEPID : USER_MAP_ROOT;
}

const char *engine_says(char *err)
{
	char *c = err + strspn(err, " \t\r\n");

	c[strcspn(c, "\r\n")] = '\0';
	if (!strncmp(c, "docker: ", 8))
		c += 8;
	if (!strncmp(c, "Error response from daemon: ", 28))
		c += 28;
	return *c ? c : "the engine said nothing more";
}
