/* tbx doctor: is this machine ready to run tools through shims, and what
 * to do when it is not. Each check prints one line, and its fix when it
 * fails; the exit status is 1 when any check failed. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmds.h"
#include "base/duration.h"
#include "base/endpoint.h"
#include "base/flag.h"
#include "plan.h"
#include "base/engine.h"
#include "base/mkdirs.h"
#include "base/path.h"
#include "base/project.h"
#include "catalog.h"
#include "paths.h"
#include "project_pins.h"
#include "runprog.h"
#include "shimdir.h"

/* Seconds an engine may take to answer 'info'. */
#define ENGINE_TIMEOUT 15

enum verdict { OK, WARN, FAIL };

struct doctor {
	int colour, failed;
};

static void report(struct doctor *d, enum verdict v, const char *what,
		   const char *fix, const char *format, ...)
	__attribute__((format(printf, 5, 6)));

static void report(struct doctor *d, enum verdict v, const char *what,
		   const char *fix, const char *format, ...)
{
	static const char *const word[] = {"ok", "warn", "FAIL"};
	static const char *const colour[] = {"\033[32m", "\033[33m",
					     "\033[31m"};
	va_list ap;

	if (d->colour)
		printf("%s%-4s\033[0m  %-8s ", colour[v], word[v], what);
	else
		printf("%-4s  %-8s ", word[v], what);
	va_start(ap, format);
	vprintf(format, ap);
	va_end(ap);
	putchar('\n');
	if (fix && v != OK)
		printf("      %-8s fix: %s\n", "", fix);
	d->failed |= v == FAIL;
}

static const char *json_str(json_t *root, const char *path)
{
	char key[64];
	json_t *j = root;

	while (j && *path) {
		size_t n = strcspn(path, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		j = json_object_get(j, key);
		path += n + (path[n] == '.');
	}
	return json_is_string(j) ? json_string_value(j) : NULL;
}

/* Whether the engine says it runs rootless. */
static int engine_says_rootless(json_t *info)
{
	json_t *opts = json_object_get(info, "SecurityOptions"), *o;
	size_t i;

	if (json_is_true(json_object_get(
		    json_object_get(json_object_get(info, "host"), "security"),
		    "rootless")))
		return 1;
	json_array_foreach(opts, i, o) if (json_is_string(o) &&
					   strstr(json_string_value(o),
						  "name=rootless")) return 1;
	return 0;
}

/* The init process the engine runs with --init, where it can be found. */
static void check_init(struct doctor *d, enum engine_kind kind, json_t *info)
{
	static const char *const podman_inits[] = {
		"/usr/libexec/podman/catatonit", "/usr/bin/catatonit",
		"/usr/local/libexec/podman/catatonit"};
	const char *name = json_str(info, "InitBinary");
	char path[PATH_MAX];

	if (kind == ENGINE_PODMAN) {
		for (size_t i = 0; i < 3; i++)
			if (access(podman_inits[i], X_OK) == 0) {
				report(d, OK, "init", NULL, "%s",
				       podman_inits[i]);
				return;
			}
		report(d, FAIL, "init",
		       "install catatonit (Debian: apt-get install catatonit)",
		       "podman's --init needs catatonit, which is not installed");
		return;
	}
	if (kind != ENGINE_DOCKER || !name || !*name) {
		report(d, OK, "init", NULL,
		       "left to the engine (--init is on every call)");
		return;
	}
	if (!endpoint_get()->socket) {
		report(d, OK, "init", NULL, "%s, on the remote engine", name);
		return;
	}
	for (const char *dir =
		     "/usr/bin:/usr/sbin:/usr/libexec/docker:/usr/local/bin:/usr/local/sbin";
	     *dir;) {
		size_t n = strcspn(dir, ":");

		snprintf(path, sizeof(path), "%.*s/%s", (int)n, dir, name);
		if (access(path, X_OK) == 0) {
			report(d, OK, "init", NULL, "%s", path);
			return;
		}
		dir += n + (dir[n] == ':');
	}
	report(d, WARN, "init",
	       "install the engine's init (Debian's docker.io ships /usr/sbin/docker-init)",
	       "%s not found on this machine: --init may fail", name);
}

static void check_engine(struct doctor *d, const char *shims)
{
	const char *name;
	char path[PATH_MAX], out[64 * 1024];
	struct tbx_err e;
	json_t *info = NULL, *ver = NULL;
	enum engine_kind kind;
	int found, status, rootless, mapped;

	found = engine_find(shims, &name, path, &e) == 0;
	if (found && access(path, X_OK) < 0) {
		err_sys(&e, TBX_EXIT_NOT_FOUND, "engine '%s' not found", path);
		found = 0;
	}
	if (!found) {
		report(d, FAIL, "engine",
		       "install docker (apt-get install docker.io), podman or nerdctl, or set TBX_ENGINE",
		       "%s", e.msg);
		return;
	}
	kind = engine_kind(path);
	status = spawn_capture(
		(char *[]){path, "info", "--format", "{{json .}}", NULL}, NULL,
		out, sizeof(out), ENGINE_TIMEOUT);
	if (status == 0)
		info = json_loads(out, 0, NULL);
	if (!info) {
		report(d, FAIL, "engine",
		       kind == ENGINE_PODMAN
			       ? "check 'podman info'"
			       : "start the daemon (systemctl start docker, or dockerd &), or point DOCKER_HOST or a docker context at one",
		       "%s at %s does not answer ('%s info' %s)", name, path,
		       name,
		       status < 0    ? strerror(errno)
		       : status == 0 ? "printed no JSON"
				     : "failed");
		return;
	}
	if (spawn_capture(
		    (char *[]){path, "version", "--format", "{{json .}}", NULL},
		    NULL, out, sizeof(out), ENGINE_TIMEOUT) == 0)
		ver = json_loads(out, 0, NULL);
	rootless = engine_says_rootless(info);
	mapped = engine_user(kind) != USER_MAP_UID;
	report(d, OK, "engine", NULL, "%s %s (API %s) at %s, %s", name,
	       json_str(info, "ServerVersion") ? json_str(info, "ServerVersion")
	       : json_str(info, "version.Version")
		       ? json_str(info, "version.Version")
		       : "?",
	       json_str(ver, "Server.ApiVersion")
		       ? json_str(ver, "Server.ApiVersion")
	       : json_str(ver, "Client.APIVersion")
		       ? json_str(ver, "Client.APIVersion")
		       : "?",
	       path, rootless ? "rootless" : "rootful");
	if (rootless != mapped)
		report(d, FAIL, "rootless",
		       rootless ? "set TBX_ROOTLESS=1" : "set TBX_ROOTLESS=0",
		       "the engine is %s but shims would map users as for a %s one: files would not belong to you",
		       rootless ? "rootless" : "rootful",
		       rootless ? "rootful" : "rootless");
	check_init(d, kind, info);
	json_decref(info);
	json_decref(ver);
}

/* The first PATH entry holding an executable named cmd, or NULL. */
static const char *first_in_path(const char *cmd, char *out)
{
	const char *p = getenv("PATH");

	for (; p && *p;) {
		size_t n = strcspn(p, ":");

		if (n &&
		    snprintf(out, PATH_MAX, "%.*s/%s", (int)n, p, cmd) <
			    PATH_MAX &&
		    access(out, X_OK) == 0)
			return out;
		p += n + (p[n] == ':');
	}
	return NULL;
}

/* Whether a PATH entry is dir (by identity: PATH may name it otherwise). */
static int on_path(const char *dir)
{
	const char *p = getenv("PATH");
	char entry[PATH_MAX];
	struct stat a, b;

	if (stat(dir, &b) < 0)
		return 0;
	for (; p && *p;) {
		size_t n = strcspn(p, ":");

		snprintf(entry, sizeof(entry), "%.*s", (int)n, p);
		if (n && stat(entry, &a) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			return 1;
		p += n + (p[n] == ':');
	}
	return 0;
}

static void check_path(struct doctor *d, const char *shims)
{
	struct shim_set set;
	struct tbx_err e;
	char found[PATH_MAX], fix[PATH_MAX + 64], *shadowed = NULL;
	size_t len = 0;
	struct stat a, b;

	snprintf(fix, sizeof(fix),
		 "add to your shell's profile: export PATH=\"%s:$PATH\"",
		 shims);
	if (shimdir_read(shims, &set, &e) < 0) {
		report(d, FAIL, "shims", NULL, "%s", e.msg);
		return;
	}
	if (!set.n)
		report(d, WARN, "shims", "tbx install <tool>...",
		       "no shims installed in %s", shims);
	for (size_t i = 0; i < set.n; i++) {
		const char *first = first_in_path(set.v[i].name, found);

		if (first && stat(first, &a) == 0 &&
		    stat(set.v[i].path, &b) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			continue;
		if (!first)
			continue; /* the shims dir is not on PATH: said below */
		shadowed = xrealloc(shadowed, len + strlen(first) + 3);
		len += (size_t)sprintf(shadowed + len, "%s%s", len ? ", " : "",
				       first);
	}
	if (!on_path(shims))
		report(d, FAIL, "PATH", fix, "%s is not in PATH", shims);
	else if (shadowed)
		report(d, FAIL, "PATH", fix, "native commands come first: %s",
		       shadowed);
	else
		report(d, OK, "PATH", NULL,
		       "%s comes first for its %zu commands", shims, set.n);
	free(shadowed);
	shimdir_free(&set);
}

/* A shim written by another tbx, or before its catalog entry changed,
 * runs what it was written with: the version files it ignores, the
 * settings it lacks. */
static void check_stale(struct doctor *d, const char *shims)
{
	struct shim_set set;
	struct strv tools = {0};
	struct tbx_err e;
	char *list = NULL;
	size_t len = 0;

	/* an unreadable directory is check_path's to say */
	if (shimdir_read(shims, &set, &e) < 0)
		return;
	shimdir_stale(&set, &tools, NULL);
	for (size_t i = 0; i < tools.n; i++) {
		list = xrealloc(list, len + strlen(tools.v[i]) + 3);
		len += (size_t)sprintf(list + len, "%s%s", len ? ", " : "",
				       tools.v[i]);
	}
	if (list)
		report(d, FAIL, "stale", "tbx install --refresh",
		       "shims written by another tbx or catalog run what they were written with: %s (%zu %s)",
		       list, tools.n, tools.n == 1 ? "tool" : "tools");
	else if (set.n)
		report(d, OK, "stale", NULL,
		       "every shim is what this tbx and catalog write");
	free(list);
	strv_free(&tools);
	shimdir_free(&set);
}

static void check_cache(struct doctor *d)
{
	char *dir, fix[PATH_MAX + 64];
	struct tbx_err e;

	dir = paths_cache_dir(&e);
	if (!dir) {
		report(d, FAIL, "cache", "set HOME", "%s", e.msg);
		return;
	}
	snprintf(fix, sizeof(fix), "make it yours: chown -R %u %s",
		 (unsigned)getuid(), dir);
	if (mkdirs(dir, 0700, &e) < 0)
		report(d, FAIL, "cache", fix, "%s", e.msg);
	else if (access(dir, W_OK) < 0)
		report(d, FAIL, "cache", fix, "%s is not writable: %s", dir,
		       strerror(errno));
	else
		report(d, OK, "cache", NULL, "%s is writable", dir);
	free(dir);
}

/* A pinned tool without a shim runs whatever the host has of that name,
 * if anything, at another version: said, with the fix. */
static void check_shims(struct doctor *d, const struct project_pins *pp)
{
	struct shim_set set = {0};
	struct tbx_err e;
	char *dir = paths_shims_dir(&e);

	if (!dir || shimdir_read(dir, &set, &e) < 0) {
		free(dir);
		return;
	}
	for (size_t i = 0; i < pp->pins.n; i++) {
		const struct tool *t = pp->tools[i];
		const char *cmd = t->commands.v[0], *host;
		const struct shim_entry *en = shimdir_get(&set, cmd);
		char path[PATH_MAX];

		if (en && !strcmp(en->shim.spec.tool, t->name))
			continue;
		host = first_in_path(cmd, path);
		report(d, FAIL, "project", "tbx install",
		       "%s = %s (%s:%u) has no shim: '%s' runs %s", t->name,
		       pp->pins.v[i].request, pp->where[i].file,
		       pp->where[i].line, cmd, host ? host : "nothing");
	}
	shimdir_free(&set);
	free(dir);
}

/* The names a .tool-versions (its first words) or a mise.toml (its [tools]
 * keys) gives that no catalog tool answers to: those tools run as the
 * host has them, if at all, whatever the file says. */
static void unknown_names(struct doctor *d, const char *path, int mise,
			  const struct strv *names)
{
	char *text = NULL, *line, *next, name[128];
	size_t len;
	unsigned no = 0;
	int in = !mise;

	if (read_file(path, 64 * 1024, &text, &len) < 0)
		return;
	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		no++;
		line += strspn(line, " \t");
		if (mise && *line == '[') {
			in = !strncmp(line, "[tools]", 7);
			continue;
		}
		line += *line == '"' || *line == '\'';
		/* a key has its '='; an array's element on its own line not */
		if (!in || !*line || *line == '#' ||
		    (mise && !strchr(line, '=')) ||
		    sscanf(line, mise ? "%127[A-Za-z0-9_.:-]" : "%127[^ \t\r=]",
			   name) != 1 ||
		    strv_has(names, name))
			continue;
		report(d, WARN, "project",
		       "'tbx catalog' lists the tools; one it has not runs as the host has it",
		       "%s:%u names '%s', which no catalog tool answers to",
		       path, no, name);
	}
	free(text);
}

/* The version files from the cwd up to the project's root. */
static void check_names(struct doctor *d, const struct project *p)
{
	static const char *const files[] = {".tool-versions", "mise.toml",
					    ".mise.toml"};
	struct strv names = {0}, tools = {0};
	char dir[PATH_MAX], path[PATH_MAX];
	struct tool *t;
	struct tbx_err e;

	if (!p->root[0])
		return;
	catalog_names(&tools);
	for (size_t i = 0; i < tools.n; i++)
		if (catalog_find(tools.v[i], &t, &e) == 0) {
			strv_push(&names, xstrdup(t->name));
			for (size_t j = 0; j < t->aliases.n; j++)
				strv_push(&names, xstrdup(t->aliases.v[j]));
			tool_free(t);
		}
	snprintf(dir, sizeof(dir), "%s", p->cwd);
	while (path_within(dir, p->root)) {
		for (size_t i = 0; i < 3; i++)
			if (project_has(dir, files[i], 1, 0, path))
				unknown_names(d, path, i > 0, &names);
		if (!strcmp(dir, p->root))
			break;
		project_parent(dir);
	}
	strv_free(&names);
	strv_free(&tools);
}

static void check_project(struct doctor *d)
{
	struct project_pins pp;
	const char *context = NULL;
	struct tbx_err e;
	size_t stale = 0;
	const char *where;

	if (pp_load(&pp, 0, &context, &e) < 0) {
		if (!pp.project.cwd[0])
			report(d, WARN, "project",
			       "run tools from a project directory", "%s",
			       e.msg);
		else
			report(d, FAIL, "project",
			       "fix the file as the message says", "%s%s%s",
			       context ? context : "", context ? ": " : "",
			       e.msg);
		pp_free(&pp);
		return;
	}
	where = pp.project.root[0] ? pp.project.root : pp.project.cwd;
	for (size_t i = 0; i < pp.pins.n; i++)
		stale += pp_mismatch(&pp, i) != NULL;
	if (!pp.pins.n)
		report(d, OK, "project", NULL,
		       "%s, nothing pinned ('tbx add' pins versions here)",
		       where);
	else if (access(pp.lock_path, F_OK) < 0)
		report(d, OK, "project", NULL,
		       "%s: %zu tools pinned, no lock ('tbx lock' pins digests)",
		       where, pp.pins.n);
	else if (stale)
		report(d, FAIL, "project", "tbx lock",
		       "%s is out of date for %zu of %zu tools", pp.lock_path,
		       stale, pp.pins.n);
	else
		report(d, OK, "project", NULL, "%s: %zu tools, locked", where,
		       pp.pins.n);
	check_shims(d, &pp);
	check_names(d, &pp.project);
	pp_free(&pp);
}

/* Whether calls run in kept containers here, and for how long. */
static void check_warm(struct doctor *d)
{
	const char *env = getenv("TBX_WARM");

	if (env && *env && duration_seconds(env) < 0)
		report(d, FAIL, "warm", "TBX_WARM=10m, or TBX_WARM=0 for cold",
		       "TBX_WARM '%s' " DURATION_HELP, env);
	else if (!endpoint_local(endpoint_get()))
		report(d, OK, "warm", NULL,
		       "off: the engine may not share this kernel (a remote "
		       "DOCKER_HOST, a context or CONTAINER_HOST)");
	else if (env && *env)
		report(d, OK, "warm", NULL, "TBX_WARM=%s for every tool%s", env,
		       strcmp(env, "0") ? "" : ": a container per call");
	else if (flag_on("CI"))
		report(d, OK, "warm", NULL,
		       "off: CI is set (a container per call, as a job wants)");
	else
		report(d, OK, "warm", NULL,
		       "kept containers, stopped after " PLAN_WARM_DEFAULT
		       " idle by default (a catalog entry or .toolbox may say "
		       "otherwise; TBX_WARM=0 turns it off)");
}

int cmd_doctor(int argc, char **argv)
{
	struct doctor d = {0, 0};
	const char *no_colour = getenv("NO_COLOR"), *term = getenv("TERM");
	struct tbx_err e;
	char *shims;

	(void)argv;
	if (argc)
		return cmd_usage("doctor");
	d.colour = isatty(1) && !(no_colour && *no_colour) &&
		   !(term && !strcmp(term, "dumb"));
	shims = paths_shims_dir(&e);
	if (!shims)
		return cmd_fail("doctor", &e);
	check_engine(&d, shims);
	check_path(&d, shims);
	check_stale(&d, shims);
	check_cache(&d);
	check_project(&d);
	check_warm(&d);
	free(shims);
	return d.failed;
}
