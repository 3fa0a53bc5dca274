/* plan: tag templates, version names, TBX_<TOOL>_VERSION; golden plans of
 * a call rendered one argument a line; the warm key. */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "plan.h"
#include "render.h"
#include "warm/client.h"
#include "base/toolbox.h"
#include "unit.h"

UNIT_TEST(test_plan_names)
{
	static const struct {
		const char *tmpl, *version, *out;
	} tags[] = {
		{"{version}", "1.22", "1.22"},
		{"{version}-eclipse-temurin-21", "3.9.9",
		 "3.9.9-eclipse-temurin-21"},
		{"v{version}", "2.45.2", "v2.45.2"},
		{"{version}-{version}", "a", "a-a"},
		{"fixed", "1", "fixed"},
		{"{version}", "", NULL},
	};
	static const struct {
		const char *tool, *var;
	} vars[] = {
		{"go", "TBX_GO_VERSION"},
		{"google-java-format", "TBX_GOOGLE_JAVA_FORMAT_VERSION"},
		{"c++.x", "TBX_C___X_VERSION"},
	};
	static const struct {
		const char *v;
		int ok;
	} versions[] = {
		{"1.22", 1}, {"latest", 1},   {"3.9.9-eclipse_1", 1},
		{"", 0},     {".1", 0},	      {"-1", 0},
		{"1 2", 0},  {"1;2", 0},      {"1/2", 0},
		{"a:b", 0},  {"1@sha256", 0}, {"\xc3\xa9", 0},
	};
	char buf[256];

	for (size_t i = 0; i < ROWS(tags); i++) {
		int r = plan_expand_tag(tags[i].tmpl, tags[i].version, buf,
					sizeof(buf));

		CHECK(tags[i].out ? r == 0 && !strcmp(buf, tags[i].out) : r < 0,
		      "tag %s with %s", tags[i].tmpl, tags[i].version);
	}
	CHECK(plan_expand_tag("{version}", "1.22", buf, 4) < 0,
	      "tag overflow refused");
	for (size_t i = 0; i < ROWS(vars); i++) {
		plan_version_var(vars[i].tool, buf, sizeof(buf));
		CHECK(!strcmp(buf, vars[i].var), "%s -> %s", vars[i].tool, buf);
	}
	for (size_t i = 0; i < ROWS(versions); i++)
		CHECK((version_invalid(versions[i].v) == NULL) ==
			      versions[i].ok,
		      "version '%s'", versions[i].v);
	{
		static char long_v[200];

		memset(long_v, '1', 129);
		CHECK(version_invalid(long_v) != NULL,
		      "129 characters refused");
	}
}

/* A project in a directory of its own, as a shim would find it. */
struct scene {
	char top[64], cwd[PATH_MAX];
	struct spec spec;
	struct plan_request req;
};

static char *user_args[] = {"-n", "a b", "", NULL};

static void scene_make(struct scene *sc)
{
	static const char *const dirs[] = {"home", "home/p", "home/p/.git",
					   "home/p/sub", "home/extra"};
	static const char *const user[] = {"EDITOR", "VISUAL", "PAGER",
					   "LESS",   "LANG",   "LANGUAGE",
					   "TMPDIR"};
	extern char **environ;
	char path[PATH_MAX];
	FILE *f;

	snprintf(sc->top, sizeof(sc->top), "/tmp/tbx-unit.XXXXXX");
	if (!mkdtemp(sc->top))
		return;
	for (size_t i = 0; i < ROWS(dirs); i++) {
		snprintf(path, sizeof(path), "%s/%s", sc->top, dirs[i]);
		mkdir(path, 0700);
	}
	snprintf(path, sizeof(path), "%s/home/.probe.conf", sc->top);
	if ((f = fopen(path, "w"))) {
		fputs("[a]\nb = ~/.probe-inc\nc = /usr/x\nd = ~\n", f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/home/.probe-inc", sc->top);
	if ((f = fopen(path, "w")))
		fclose(f);
	snprintf(path, sizeof(path), "%s/home", sc->top);
	setenv("HOME", path, 1);
	for (size_t i = 0; i < ROWS(user); i++)
		unsetenv(user[i]);
	for (char **v = environ; *v;) {
		if (!strncmp(*v, "LC_", 3)) {
			snprintf(path, sizeof(path), "%.*s",
				 (int)strcspn(*v, "="), *v);
			unsetenv(path);
		} else
			v++;
	}
	setenv("TZ", "UTC", 1);
	snprintf(sc->cwd, sizeof(sc->cwd), "%s/home/p/sub", sc->top);
	if (chdir(sc->cwd) < 0)
		return;
	setenv("TBX_ENGINE", "/usr/bin/docker", 1);
	setenv("TBX_ROOTLESS", "0", 1);
	setenv("TBX_IN_CONTAINER", "0", 1);
	setenv("PROBE_PASS", "secret", 1);
	unsetenv("PROBE_UNSET");
	unsetenv("TBX_WARM");
	unsetenv("CI");
	unsetenv("TBX_PROBE_VERSION");
	unsetenv("XDG_CACHE_HOME");
	unsetenv("DOCKER_HOST");
	sc->spec = (struct spec){
		.tool = "probe",
		.command = "cat",
		.image = "tbx-test/probe",
		.version = "1",
		.tag = "{version}",
		.home = "/home/probe",
		.passwd = "true",
		.env = {{"FIXED=a b",
			 "EXPANDED=<${PROBE_PASS}>${PROBE_UNSET}$"},
			2},
		.passenv = {{"PROBE_PASS", "PROBE_UNSET"}, 2},
		.mounts = {{"~/extra:/extra:ro", "~/missing:/missing"}, 2},
		.settings = {{"~/.probe.conf:ini", "~/.missing.conf"}, 2},
		.caches = {{"~/.probe-cache"}, 1},
	};
	sc->req = (struct plan_request){&sc->spec, "cat", user_args,
					3,	   NULL,  NULL};
}

static void scene_free(struct scene *sc)
{
	char cmd[PATH_MAX];

	if (chdir("/") == 0 && !strncmp(sc->top, "/tmp/tbx-unit.", 14)) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", sc->top);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", sc->top);
	}
}

/* argv against golden lines: "$T" stands for the scene's directory, a
 * line may be an fnmatch pattern. */
static void check_lines(const char *what, char **argv, const char *const *want,
			const char *top)
{
	size_t i = 0;

	for (; want[i] && argv[i]; i++) {
		char line[2 * PATH_MAX];
		const char *w = want[i], *t = strstr(w, "$T");
		size_t n = 0;

		for (; t; w = t + 2, t = strstr(w, "$T"))
			n += (size_t)snprintf(line + n, sizeof(line) - n,
					      "%.*s%s", (int)(t - w), w, top);
		snprintf(line + n, sizeof(line) - n, "%s", w);
		CHECK(!fnmatch(line, argv[i], 0),
		      "%s: argument %zu: %s, not %s", what, i, argv[i], line);
	}
	CHECK(!want[i] && !argv[i], "%s: %zu arguments, %s more", what, i,
	      want[i] ? "want" : "got");
}

UNIT_TEST(test_plan_golden)
{
	static const char *const cold[] = {
		"/usr/bin/docker",
		"run",
		"--rm",
		"-i",
		"--init",
		"--label",
		"tbx.tool=probe",
		"--label",
		"tbx.owner=*:*:*[0-9]",
		"-u",
		"*[0-9]:*[0-9]",
		"--mount",
		"type=bind,src=$T/home/p,dst=$T/home/p",
		"-w",
		"$T/home/p/sub",
		"--mount",
		"type=bind,src=$T/home/.cache/tbx/probe/home,dst=$T/home",
		"-e",
		"HOME=$T/home",
		"-e",
		"TINI_KILL_PROCESS_GROUP=1",
		"-e",
		"FIXED=a b",
		"-e",
		"EXPANDED=<secret>$",
		"-e",
		"PROBE_PASS",
		"-e",
		"TZ",
		"--mount",
		"type=bind,src=$T/home/extra,dst=/extra,readonly",
		"--mount",
		"type=bind,src=$T/home/.probe.conf,dst=$T/home/.probe.conf,readonly",
		"--mount",
		"type=bind,src=$T/home/.probe-inc,dst=$T/home/.probe-inc,readonly",
		"--mount",
		"type=bind,src=$T/home/.probe-cache,dst=$T/home/.probe-cache",
		"--mount",
		"type=bind,src=$T/home/.cache/tbx/probe/passwd,dst=/etc/passwd,readonly",
		"--mount",
		"type=bind,src=$T/home/.cache/tbx/probe/group,dst=/etc/group,readonly",
		"--network",
		"host",
		"--",
		"tbx-test/probe:1",
		"cat",
		"-n",
		"a b",
		"",
		NULL};
	static const char *const tty[] = {"/usr/bin/docker",
					  "run",
					  "--rm",
					  "-i",
					  "-t",
					  "--detach-keys=ctrl-z",
					  "--name",
					  "tbx-cold-*-*",
					  "--init",
					  NULL};
	static const char *const shared[] = {
		"/usr/bin/docker",
		"run",
		"-u",
		"*[0-9]:*[0-9]",
		"--mount",
		"type=bind,src=$T/home/p,dst=$T/home/p",
		"--mount",
		"type=bind,src=$T/home/.cache/tbx/probe/home,dst=$T/home",
		"-e",
		"HOME=$T/home",
		"-e",
		"TINI_KILL_PROCESS_GROUP=1",
		"-e",
		"FIXED=a b",
		"-e",
		"EXPANDED=<secret>$",
		"--mount",
		"type=bind,src=$T/home/extra,dst=/extra,readonly",
		"--mount",
		"type=bind,src=$T/home/.probe.conf,dst=$T/home/.probe.conf,readonly",
		"--mount",
		"type=bind,src=$T/home/.probe-inc,dst=$T/home/.probe-inc,readonly",
		"--mount",
		"type=bind,src=$T/home/.probe-cache,dst=$T/home/.probe-cache",
		"--mount",
		"type=bind,src=$T/home/.cache/tbx/probe/passwd,dst=/etc/passwd,readonly",
		"--mount",
		"type=bind,src=$T/home/.cache/tbx/probe/group,dst=/etc/group,readonly",
		"--network",
		"host",
		NULL};
	static struct plan p;
	struct scene sc;
	struct tbx_err e = {0, 0, ""};
	struct args a = ARGS_INIT;
	char old[PATH_MAX];

	if (!getcwd(old, sizeof(old)))
		return;
	scene_make(&sc);
	CHECK(plan_make(&sc.req, &p, &e) == 0, "plan: %s", e.msg);
	p.tty = 0; /* the plan is data: as if piped, whatever runs the test */
	CHECK(p.warm == 600 && p.version_from == PLAN_FROM_CATALOG && !p.locked,
	      "warm by default, the catalog's version, no lock");
	CHECK(render_cold(&p, &a, &e) == 0, "cold: %s", e.msg);
	check_lines("cold", a.v, cold, sc.top);
	args_free(&a);
	p.tty = 1;
	CHECK(render_cold(&p, &a, &e) == 0, "tty: %s", e.msg);
	a.v[9] = NULL;
	check_lines("tty", a.v, tty, sc.top);
	args_free(&a);
	CHECK(render_shared(&p, &a, &e) == 0, "shared: %s", e.msg);
	check_lines("shared", a.v, shared, sc.top);
	args_free(&a);
	plan_free(&p);
	scene_free(&sc);
	if (chdir(old) < 0)
		return;
}

/* The warm key of the scene with a variable of len bytes ending in c. */
static void key_with(struct scene *sc, size_t len, char c, char key[65])
{
	static struct plan p;
	struct tbx_err e = {0, 0, ""};
	struct args a = ARGS_INIT;
	char *v = malloc(len + 1);

	memset(v, 'a', len);
	v[len - 1] = c;
	v[len] = '\0';
	setenv("PROBE_BIG", v, 1);
	free(v);
	key[0] = '\0';
	if (plan_make(&sc->req, &p, &e) == 0 && render_shared(&p, &a, &e) == 0)
		warm_key(&p, &a, key);
	args_free(&a);
	plan_free(&p);
}

UNIT_TEST(test_plan_warm_key)
{
	struct scene sc;
	char k1[65], k2[65], k3[65], k4[65], old[PATH_MAX];

	if (!getcwd(old, sizeof(old)))
		return;
	scene_make(&sc);
	sc.spec.env.item[sc.spec.env.n++] = "BIG=${PROBE_BIG}";
	/* settings that differ only past 64 KiB of variables */
	key_with(&sc, 70000, 'x', k1);
	key_with(&sc, 70000, 'y', k2);
	key_with(&sc, 70000, 'x', k3);
	key_with(&sc, 69999, 'x', k4);
	CHECK(strlen(k1) == 64 && strcmp(k1, k2), "differ at byte 70000: %s %s",
	      k1, k2);
	CHECK(!strcmp(k1, k3), "the same settings, the same key");
	CHECK(strcmp(k1, k4), "one byte shorter, another key");
	unsetenv("PROBE_BIG");
	scene_free(&sc);
	if (chdir(old) < 0)
		return;
}

UNIT_TEST(test_plan_env)
{
	static struct plan p;
	static char name[301], item[320], want[64];
	struct scene sc;
	struct tbx_err e = {0, 0, ""};
	char old[PATH_MAX];

	if (!getcwd(old, sizeof(old)))
		return;
	scene_make(&sc);
	/* a variable name of any length, as the caller's environment has it */
	memset(name, 'N', sizeof(name) - 1);
	setenv(name, "long", 1);
	snprintf(item, sizeof(item), "X=<${%s}>", name);
	sc.spec.env.item[0] = item;
	CHECK(plan_make(&sc.req, &p, &e) == 0, "plan: %s", e.msg);
	snprintf(want, sizeof(want), "X=<long>");
	CHECK(p.nenv == 2 && !strcmp(p.env[0], want), "%s", p.env[0]);
	plan_free(&p);
	unsetenv(name);
	unsetenv("HOME");
	CHECK(plan_make(&sc.req, &p, &e) < 0 &&
		      !strcmp(e.msg, "neither XDG_CACHE_HOME nor HOME is an "
				     "absolute path"),
	      "no HOME: %s", e.msg);
	plan_free(&p);
	scene_free(&sc);
	if (chdir(old) < 0)
		return;
}

UNIT_TEST(test_plan_warm)
{
	static const struct {
		const char *tbx_warm, *ci, *catalog, *toolbox;
		long warm; /* -1: an error */
		const char *from;
	} rows[] = {
		{NULL, NULL, NULL, NULL, 600, "the default"},
		{"90s", NULL, NULL, NULL, 90, "TBX_WARM"},
		{"0", NULL, NULL, NULL, 0, "TBX_WARM"},
		{NULL, "true", NULL, NULL, 0, "CI"},
		{NULL, "false", NULL, NULL, 600, "the default"},
		{"5m", "true", NULL, NULL, 300, "TBX_WARM"},
		{NULL, NULL, "30m", NULL, 1800, "the catalog's warm"},
		{NULL, NULL, NULL, "2m", 120, ".toolbox"},
		{NULL, NULL, NULL, "0", 0, ".toolbox"},
		/* an untrusted file never lengthens the user's own */
		{NULL, NULL, NULL, "7d", 600, "the default"},
		{NULL, "true", NULL, "10m", 0, "CI"},
		{NULL, NULL, "30m", "20m", 1200, ".toolbox"},
		{"1m", NULL, NULL, "5s", 60, "TBX_WARM"},
		{"soon", NULL, NULL, NULL, -1, NULL},
	};
	static struct plan p;
	struct scene sc;
	char old[PATH_MAX], path[PATH_MAX];

	if (!getcwd(old, sizeof(old)))
		return;
	scene_make(&sc);
	snprintf(path, sizeof(path), "%s/home/p/.toolbox", sc.top);
	for (size_t i = 0; i < ROWS(rows); i++) {
		struct tbx_err e = {0, 0, ""};
		const char *from;
		FILE *f;
		int r;

		if (rows[i].tbx_warm)
			setenv("TBX_WARM", rows[i].tbx_warm, 1);
		else
			unsetenv("TBX_WARM");
		if (rows[i].ci)
			setenv("CI", rows[i].ci, 1);
		else
			unsetenv("CI");
		sc.spec.warm = rows[i].catalog;
		unlink(path);
		if (rows[i].toolbox && (f = fopen(path, "w"))) {
			fprintf(f, "[tool.probe]\nwarm = %s\n",
				rows[i].toolbox);
			fclose(f);
		}
		r = plan_make(&sc.req, &p, &e);
		from = r == 0 && p.warm_from ? p.warm_from : "";
		if (strstr(from, "/.toolbox"))
			from = ".toolbox";
		CHECK(rows[i].warm < 0
			      ? r < 0 && strstr(e.msg, "TBX_WARM 'soon'")
			      : r == 0 && p.warm == rows[i].warm &&
					!strcmp(from, rows[i].from),
		      "row %zu: %d %u from %s (%s)", i, r, p.warm, from, e.msg);
		plan_free(&p);
	}
	unsetenv("TBX_WARM");
	unsetenv("CI");
	scene_free(&sc);
	if (chdir(old) < 0)
		return;
}
