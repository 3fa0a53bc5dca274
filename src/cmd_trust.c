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
#include "base/hostmount.h"
#include "base/mkdirs.h"
#include "base/overrides.h"
#include "base/project.h"
#include "base/sha256.h"
#include "base/trust.h"
#include "util.h"

/* What the [tool.<name>] sections of a file ask, as lines for the user. */
struct asks {
	const char *text, *path;
	struct strv tools; /* the sections read, each once */
	struct strv lines;
	struct tbx_err inner; /* why a section was refused */
	int failed;
};

/* A line shown with what could trick a terminal escaped (\xNN). */
static void say(struct strv *lines, char *raw)
{
	strv_push(lines, str_printable(raw));
	free(raw);
}

/* Why the shim will refuse the mount item m of the .toolbox at path, or
 * NULL; its project root is the file's directory. */
static const char *refusal(const char *m, const char *host, const char *path)
{
	static char buf[PATH_MAX + 80];
	char root[PATH_MAX], *slash;
	int missing;

	if (!realpath(path, root) || !(slash = strrchr(root, '/')))
		return NULL;
	*slash = '\0';
	return hostmount_trusted_refused(m, host, root[0] ? root : "/", buf,
					 sizeof(buf), &missing);
}

/* A mount item as the engine will be given it: the host path with ~
 * expanded and links resolved, the container path, the mode. */
static void say_mount(struct strv *lines, const char *m, const char *path)
{
	const char *dst = strchr(m, ':') + 1, *mode = strchr(dst, ':'),
		   *home = getenv("HOME"), *shown, *note = "", *refused;
	int hlen = (int)(dst - 1 - m),
	    dlen = (int)(mode ? (size_t)(mode - dst) : strlen(dst));
	char *host = NULL, real[PATH_MAX], *named = NULL;

	if (m[0] == '~' && !(home && home[0] == '/')) {
		shown = m;
		note = " (needs HOME: skipped)";
	} else {
		host = m[0] == '~' ? xfmt("%s%.*s", home, hlen - 1, m + 1)
				   : xfmt("%.*s", hlen, m);
		shown = realpath(host, real) ? real : host;
		refused = refusal(m, host, path);
		if (refused)
			note = named = xfmt(" (refused even when trusted: %s)",
					    refused);
		else if (shown == host)
			note = " (not there: skipped)";
		else if (strcmp(real, host))
			note = named = xfmt(" (named %.*s)", hlen, m);
	}
	say(lines,
	    xfmt("    mount %.*s -> %.*s, %s%s",
		 shown == m ? hlen : (int)strlen(shown), shown, dlen, dst,
		 mode && !strcmp(mode, ":ro") ? "read-only" : "read-write",
		 note));
	free(named);
	free(host);
}

/* Every key of the section, with its value. */
static void describe(struct strv *lines, const char *tool,
		     const struct overrides *ov, const char *path)
{
	say(lines, xfmt("  %s: %s", tool,
			ov->what[0] ? ov->what : "nothing that needs trust"));
	if (ov->image[0])
		say(lines, xfmt("    image %s", ov->image));
	for (unsigned i = 0; i < ov->nmounts; i++)
		say_mount(lines, ov->mount[i], path);
	for (unsigned i = 0; i < ov->nenv; i++)
		say(lines, xfmt("    env %s", ov->env[i]));
	if (ov->network[0])
		say(lines, xfmt("    network %s", ov->network));
	if (ov->warm[0])
		say(lines, xfmt("    warm %s", ov->warm));
}

static const char *on_section(void *user, const char *section, const char *key,
			      const char *value)
{
	struct asks *a = user;
	const char *tool = section + 5;
	struct overrides ov;

	(void)key;
	(void)value;
	if (strncmp(section, "tool.", 5))
		return NULL;
	for (size_t i = 0; i < a->tools.n; i++)
		if (!strcmp(a->tools.v[i], tool))
			return NULL;
	strv_push(&a->tools, xstrdup(tool));
	if (overrides_read(a->text, a->path, tool, &ov, &a->inner) < 0) {
		a->failed = 1;
		return "refused";
	}
	describe(&a->lines, tool, &ov, a->path);
	return NULL;
}

/* The lines saying what the file's text asks for. Caller frees with
 * strv_free. */
static int summarize(const char *text, const char *path, struct strv *lines,
		     struct tbx_err *e)
{
	struct asks a = {text, path, {0}, {0}, {0, 0, ""}, 0};
	int r = ini_each(text, path, on_section, &a, e);

	if (r < 0 && a.failed)
		*e = a.inner;
	strv_free(&a.tools);
	*lines = a.lines;
	if (r < 0)
		strv_free(lines);
	return r;
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

/* The first line of what a trusted file asks, and the rest. */
static void print_asks(const char *path, const char *hash,
		       const struct strv *lines)
{
	char *shown = str_printable(path);

	printf("trusted %s (sha256 %.12s)%s\n", shown, hash,
	       lines->n ? "; it asks for:" : "");
	for (size_t i = 0; i < lines->n; i++)
		printf("%s\n", lines->v[i]);
	free(shown);
}

static int trust(const char *arg, struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	char path[PATH_MAX], where[PATH_MAX], hash[65], *store, *kept, *next;
	struct strv lines = {0};
	int removed, r;

	if (target(arg, path, e) < 0)
		return -1;
	r = ini_read(path, text, sizeof(text), e);
	if (r)
		return r > 0 ? err_set(e, TBX_EXIT_FAIL, "%s: vanished", path)
			     : -1;
	/* all said is from the text hashed: what is trusted is what is
	 * shown */
	if (summarize(text, path, &lines, e) < 0)
		return -1;
	if (read_store(where, &store, e) < 0) {
		strv_free(&lines);
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
	if (r == 0)
		print_asks(path, hash, &lines);
	strv_free(&lines);
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

/* One line of the store: whether the file's content is still the one
 * trusted, then what it asks for. */
static void list_one(const char *line)
{
	static char text[INI_MAX_SIZE + 2];
	const char *path = strchr(line, ' ') + 1;
	struct strv lines = {0};
	struct tbx_err why;
	char hash[65] = "", *state;
	int missing = ini_read(path, text, sizeof(text), &why) != 0;

	if (!missing)
		sha256_hex(text, strlen(text), hash);
	if (missing)
		state = xstrdup("missing");
	else if (strncmp(line, hash, 64))
		state = xstrdup("changed since trusted: not trusted");
	else if (summarize(text, path, &lines, &why) < 0)
		state = xfmt("trusted, but it no longer reads: %s", why.msg);
	else
		state = xstrdup("trusted");
	say(&lines, xfmt("%s  (%s)", path, state));
	printf("%s\n", lines.v[lines.n - 1]);
	for (size_t i = 0; i + 1 < lines.n; i++)
		printf("%s\n", lines.v[i]);
	strv_free(&lines);
	free(state);
}

static int list(struct tbx_err *e)
{
	char where[PATH_MAX], *store, *rest;

	if (read_store(where, &store, e) < 0)
		return -1;
	/* strtok_r: what a line's summary reads may tokenize too */
	for (char *line = strtok_r(store, "\n", &rest); line;
	     line = strtok_r(NULL, "\n", &rest))
		if (strchr(line, ' '))
			list_one(line);
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
