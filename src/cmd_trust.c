/* tbx trust: let a .toolbox ask for more than versions (another image,
 * mounts, variables, a network), by its content: an edit makes it untrusted
 * again. The store is the one shims read (shims/trust.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "base/inifile.h"
#include "base/mkdirs.h"
#include "base/overrides.h"
#include "base/project.h"
#include "base/sha256.h"
#include "base/trust.h"
#include "util.h"

/* Sections "tool.<name>" and what each asks for, as lines for the user. */
struct asks {
	const char *text, *path;
	struct strv lines;
	struct tbx_err inner; /* why a section was refused */
	int failed;
};

static const char *on_section(void *user, const char *section, const char *key,
			      const char *value)
{
	struct asks *a = user;
	struct overrides ov;
	char *line;

	(void)key;
	(void)value;
	if (strncmp(section, "tool.", 5))
		return NULL;
	line = xfmt("  %s: ", section + 5);
	for (size_t i = 0; i < a->lines.n; i++)
		if (!strncmp(a->lines.v[i], line, strlen(line))) {
			free(line);
			return NULL;
		}
	free(line);
	if (overrides_read(a->text, a->path, section + 5, &ov, &a->inner) < 0) {
		a->failed = 1;
		return "refused";
	}
	strv_push(&a->lines, ov.image[0]
				     ? xfmt("  %s: %s (image %s)", section + 5,
					    ov.what, ov.image)
				     : xfmt("  %s: %s", section + 5, ov.what));
	return NULL;
}

/* The store's lines, without those for path (NULL: keep all). */
static char *store_without(const char *text, const char *path, int *removed)
{
	char *out = xmalloc(strlen(text) + 1), *o = out;

	*removed = 0;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		const char *sp = memchr(p, ' ', n);

		if (path && sp && (size_t)(p + n - sp - 1) == strlen(path) &&
		    !memcmp(sp + 1, path, strlen(path)))
			(*removed)++;
		else if (n) {
			memcpy(o, p, n);
			o += n;
			*o++ = '\n';
		}
		p += n + (p[n] == '\n');
	}
	*o = '\0';
	return out;
}

static int read_store(char *where, char **text, struct tbx_err *e)
{
	size_t len;

	if (trust_store(where, e) < 0)
		return -1;
	if (read_file(where, TRUST_MAX, text, &len) == 0)
		return 0;
	if (errno != ENOENT)
		return err_sys(e, TBX_EXIT_FAIL, "%s", where);
	*text = xstrdup("");
	return 0;
}

static int write_store(char *where, const char *text, struct tbx_err *e)
{
	char *dir = xstrdup(where);
	int r;

	*strrchr(dir, '/') = '\0';
	r = mkdirs(dir, 0700, e) < 0
		    ? -1
		    : write_atomic(where, text, strlen(text), 0600, e);
	free(dir);
	return r;
}

/* The file named, else the nearest .toolbox, as shims name it: its
 * directory's physical path and its own name (a .toolbox may be a link). */
static int target(const char *arg, char *path, struct tbx_err *e)
{
	struct project p;
	char dir[PATH_MAX], *name, *copy;

	if (!arg) {
		if (project_find(getenv("HOME"), &p, e) < 0)
			return -1;
		if (!p.toolbox[0])
			return err_set(e, TBX_EXIT_FAIL,
				       "no .toolbox here or above");
		arg = p.toolbox;
	}
	copy = xstrdup(arg);
	name = strrchr(copy, '/');
	if (name)
		*name++ = '\0';
	if (!realpath(name ? (*copy ? copy : "/") : ".", dir)) {
		err_sys(e, TBX_EXIT_FAIL, "%s", arg);
		free(copy);
		return -1;
	}
	if (snprintf(path, PATH_MAX, "%s/%s", strcmp(dir, "/") ? dir : "",
		     name ? name : copy) >= PATH_MAX) {
		free(copy);
		return err_set(e, TBX_EXIT_FAIL, "%s: path too long", arg);
	}
	free(copy);
	if (strchr(path, '\n'))
		return err_set(e, TBX_EXIT_FAIL,
			       "a path with a newline cannot be trusted");
	return 0;
}

static int trust(const char *arg, struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	char path[PATH_MAX], where[PATH_MAX], hash[65], *store, *kept, *next;
	struct asks a = {text, path, {0}, {0, 0, ""}, 0};
	int removed, r;

	if (target(arg, path, e) < 0)
		return -1;
	r = ini_read(path, text, sizeof(text), e);
	if (r)
		return r > 0 ? err_set(e, TBX_EXIT_FAIL, "%s: vanished", path)
			     : -1;
	if (ini_each(text, path, on_section, &a, e) < 0) {
		if (a.failed)
			*e = a.inner;
		strv_free(&a.lines);
		return -1;
	}
	if (read_store(where, &store, e) < 0) {
		strv_free(&a.lines);
		return -1;
	}
	sha256_hex(text, strlen(text), hash);
	kept = store_without(store, path, &removed);
	next = xfmt("%s%s %s\n", kept, hash, path);
	r = strlen(next) > TRUST_MAX
		    ? err_set(e, TBX_EXIT_FAIL,
			      "%s is full (%d bytes); revoke files no longer used",
			      where, TRUST_MAX)
		    : write_store(where, next, e);
	if (r == 0) {
		printf("trusted %s (sha256 %.12s)%s\n", path, hash,
		       a.lines.n ? "; it asks for:" : "");
		for (size_t i = 0; i < a.lines.n; i++)
			printf("%s\n", a.lines.v[i]);
	}
	strv_free(&a.lines);
	free(next);
	free(kept);
	free(store);
	return r;
}

static int revoke(const char *arg, struct tbx_err *e)
{
	char path[PATH_MAX], where[PATH_MAX], *store, *kept;
	int removed, r = -1;

	if (target(arg, path, e) < 0)
		return -1;
	if (read_store(where, &store, e) < 0)
		return -1;
	kept = store_without(store, path, &removed);
	if (!removed)
		err_set(e, TBX_EXIT_FAIL, "%s is not trusted", path);
	else if (write_store(where, kept, e) == 0) {
		printf("revoked %s\n", path);
		r = 0;
	}
	free(kept);
	free(store);
	return r;
}

static int list(struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	char where[PATH_MAX], hash[65], *store;

	if (read_store(where, &store, e) < 0)
		return -1;
	for (char *line = strtok(store, "\n"); line;
	     line = strtok(NULL, "\n")) {
		const char *path = strchr(line, ' ');
		struct tbx_err ignored;

		if (!path)
			continue;
		path++;
		if (ini_read(path, text, sizeof(text), &ignored) != 0) {
			printf("%s  (missing)\n", path);
			continue;
		}
		sha256_hex(text, strlen(text), hash);
		printf("%s  (%s)\n", path,
		       strncmp(line, hash, 64)
			       ? "changed since trusted: not trusted"
			       : "trusted");
	}
	free(store);
	return 0;
}

int cmd_trust(int argc, char **argv)
{
	struct tbx_err e;
	int r;

	if (argc == 1 && !strcmp(argv[0], "--list"))
		r = list(&e);
	else if (argc >= 1 && argc <= 2 && !strcmp(argv[0], "--revoke"))
		r = revoke(argc == 2 ? argv[1] : NULL, &e);
	else if (argc <= 1 && !(argc && argv[0][0] == '-'))
		r = trust(argc ? argv[0] : NULL, &e);
	else
		return cmd_usage("trust");
	return r < 0 ? cmd_fail("trust", &e) : 0;
}
