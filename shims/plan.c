/* Making a plan: the engine, the project and its .toolbox, the version and
 * image, the tool's state, warm mode; mounts.c adds what the container
 * sees. */
#include "plan.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/duration.h"
#include "base/endpoint.h"
#include "base/engine.h"
#include "base/flag.h"
#include "base/hostmount.h"
#include "base/fmt.h"
#include "base/inifile.h"
#include "base/lock.h"
#include "base/proc.h"
#include "base/ref.h"
#include "base/path.h"
#include "base/pinfind.h"
#include "base/toolbox.h"
#include "base/trust.h"
#include "argpaths.h"
#include "hostcall.h"
#include "mounts.h"

void plan_version_var(const char *tool, char *out, size_t size)
{
	int n = fmt(out, size, "TBX_%s_VERSION", tool);
	size_t end = n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;

	for (size_t i = 4; i + 8 < end; i++) {
		char c = out[i];

		if (c >= 'a' && c <= 'z')
			out[i] = (char)(c - 'a' + 'A');
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			out[i] = '_';
	}
}

int plan_expand_tag(const char *tmpl, const char *version, char *out,
		    size_t size)
{
	size_t n = 0, vlen = strlen(version);

	for (const char *t = tmpl; *t;) {
		int is_var = !strncmp(t, "{version}", 9);
		size_t add = is_var ? vlen : 1;

		if (n + add >= size)
			return -1;
		memcpy(out + n, is_var ? version : t, add);
		n += add;
		t += is_var ? 9 : 1;
	}
	out[n] = '\0';
	return n >= 1 && n <= 128 ? 0 : -1;
}

static int out_of_memory(struct tbx_err *e)
{
	return err_set(e, TBX_EXIT_FAIL, "out of memory");
}

/* The engine's client and how it maps the caller's uid. */
static void find_engine(struct plan *p)
{
	engine_find(p->req->skip_dir, &p->engine, p->engine_path,
		    &p->engine_err);
	p->kind = engine_kind(p->engine_path);
	p->user = engine_user(p->kind);
	p->uid = p->user == USER_MAP_ROOT ? 0 : (unsigned)getuid();
	p->gid = p->user == USER_MAP_ROOT ? 0 : (unsigned)getgid();
}

/* The mounts of this container that hold the project, as the engine
 * lists them: the tool's container is given those, and not the rest (the
 * engine's socket above all). */
static int shared_mounts(struct plan *p, struct tbx_err *e)
{
	static char text[16384], said[256];
	char *argv[] = {(char *)p->engine,	   "inspect",	 "--format",
			INCONTAINER_MOUNTS_FORMAT, p->container, NULL};
	struct proc_out out = {text, sizeof(text), 0};
	struct proc_out err = {said, sizeof(said), 0};
	int st;

	if (p->engine_err.status) {
		*e = p->engine_err;
		return -1;
	}
	st = proc_capture(argv, p->engine_path, &out, &err);
	said[strcspn(said, "\n")] = '\0';
	if (st != 0)
		return err_set(
			e, TBX_EXIT_FAIL,
			"cannot ask the engine which volume of this container (%.*s) holds %s: '%s inspect' exited %d (%s)",
			12, p->container, p->project.root, p->engine, st, said);
	p->nshared = incontainer_workspace(text, p->project.root, p->shared,
					   PLAN_MAX_SHARED);
	if (!p->nshared)
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s is on no volume or bind mount the engine lists for this container (%.*s): the tool could not see it; mount the workspace",
			p->project.root, 12, p->container);
	return 0;
}

/* The container the shim runs in, "" on a host. */
static int container_id(struct plan *p, struct tbx_err *e)
{
	int r = incontainer_id(p->container, sizeof(p->container), e);

	if (r <= 0)
		p->container[0] = '\0';
	return r < 0 ? -1 : 0;
}

/* In a container, the project must be on one of its mounts: the tool's
 * container shares those, not the container's own files. */
static int in_container(struct plan *p, struct tbx_err *e)
{
	if (!p->container[0])
		return 0;
	if (!p->project.root[0])
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s is no project directory: the tool could see no workspace; run it from the workspace",
			p->project.cwd);
	if (!incontainer_on_mount(p->project.root))
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s is not on a volume of this container (%.*s): the tool could not see it; mount the workspace",
			p->project.root, 12, p->container);
	return shared_mounts(p, e);
}

/* The nearest .toolbox, read once, and what it asks of this tool beyond a
 * version: all of it applies once the user trusts the file, none before. */
static int read_toolbox(struct plan *p, struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	const char *path = p->project.toolbox;
	struct spec *s = &p->spec;
	int r;

	if (!path[0])
		return 0;
	r = ini_read(path, text, sizeof(text), e);
	if (r)
		return r > 0 ? err_set(e, TBX_EXIT_FAIL, "%s: vanished", path)
			     : -1;
	p->toolbox_text = text;
	if (overrides_read(text, path, s->tool, &p->ov, e) < 0)
		return -1;
	if (!p->ov.what[0])
		return 0;
	r = trust_check(path, text, e);
	if (r <= 0)
		return r < 0 ? -1
			     : err_set(e, TBX_EXIT_FAIL,
				       "%s asks for more than a version of %s (%s) and is not trusted; read it, then run 'tbx trust %s'",
				       path, s->tool, p->ov.what, path);
	if (p->ov.image[0])
		s->image = p->ov.image;
	if (p->ov.network[0])
		s->network = p->ov.network;
	for (unsigned i = 0; i < p->ov.nenv; i++) {
		if (s->env.n == SPEC_MAX_LIST)
			return err_set(e, TBX_EXIT_FAIL, "too many variables");
		s->env.item[s->env.n++] = p->ov.env[i];
	}
	return mounts_trusted(p, e);
}

/* The user's global file: versions, and a warm of the user's own. What
 * it asks beyond that is a project's to ask. */
static int read_global(struct plan *p, struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	static struct overrides ov;
	char dir[PATH_MAX], path[PATH_MAX];
	int r;

	pin_global_path(p->global);
	if (!p->global[0])
		return 0;
	strcpy(dir, p->global);
	project_parent(dir);
	/* not there (or not the user's): pin_find need not look again */
	if (!project_has(dir, "toolbox", 1, 0, path)) {
		p->global[0] = '\0';
		return 0;
	}
	r = ini_read(p->global, text, sizeof(text), e);
	if (r)
		return r > 0 ? 0 : -1;
	if (overrides_read(text, p->global, p->spec.tool, &ov, e) < 0)
		return -1;
	if (ov.what[0])
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s: [tool.%s] asks for %s, which the global file does not give; put it in a project's .toolbox",
			p->global, p->spec.tool, ov.what);
	strcpy(p->global_warm, ov.warm);
	return 0;
}

static int choose_version(struct plan *p, struct tbx_err *e)
{
	const struct spec *s = &p->spec;
	const char *env, *why;
	int pinned;

	plan_version_var(s->tool, p->version_var, sizeof(p->version_var));
	env = getenv(p->version_var);
	if (env && *env) {
		why = version_invalid(env);
		if (why)
			return err_set(e, TBX_EXIT_FAIL, "%s='%s' %s",
				       p->version_var, env, why);
		strcpy(p->version, env);
		p->version_from = PLAN_FROM_ENV;
		return 0;
	}
	pinned = pin_find(p->project.cwd, p->project.root,
			  p->container[0] != '\0', p->global, s, &p->pin, e);
	if (pinned < 0)
		return -1;
	if (pinned) {
		strcpy(p->version, p->pin.version);
		p->version_from =
			p->pin.global ? PLAN_FROM_GLOBAL : PLAN_FROM_FILE;
		return 0;
	}
	if (strlen(s->version) >= sizeof(p->version))
		return err_set(e, TBX_EXIT_FAIL, "default version too long");
	strcpy(p->version, s->version);
	p->version_from = PLAN_FROM_CATALOG;
	return 0;
}

static int image_ref(struct plan *p, struct tbx_err *e)
{
	const struct spec *s = &p->spec;
	char tag[512];

	if (plan_expand_tag(s->tag, p->version, tag, sizeof(tag)) < 0)
		return err_set(
			e, TBX_EXIT_FAIL,
			"tag from '%s' with version '%s' must have 1 to 128 characters",
			s->tag, p->version);
	p->image_ref = arena_printf(&p->arena, "%s:%s", s->image, tag);
	return p->image_ref ? 0 : out_of_memory(e);
}

/* What the engine is given as the image, tag or locked digest, must be an
 * image reference: never an option, whatever a file says. */
static int image_checked(struct plan *p, struct tbx_err *e)
{
	char why_buf[REF_NAME_MAX + 64];
	const char *why;
	struct ref r;

	if (ref_parse(p->image_ref, &r, why_buf, sizeof(why_buf), &why) < 0)
		return err_set(e, TBX_EXIT_FAIL,
			       "'%s' is not an image reference: %s",
			       p->image_ref, why);
	return 0;
}

/* When .toolbox.lock has this tool at the requested version and the
 * catalog's repository and tag, run the locked digest. When it does not,
 * warn and run the tag, or fail under TBX_FROZEN=1. A project without a
 * lock file has not adopted locking: nothing to say. */
static int apply_lock(struct plan *p, struct tbx_err *e)
{
	const struct spec *s = &p->spec;
	struct lock_entry le;
	char path[PATH_MAX], tag[512];
	const char *why;
	int r;

	/* the lock pins what the project's own files ask for, nothing else */
	if (p->version_from != PLAN_FROM_FILE ||
	    !path_within(p->pin.file, p->project.root) ||
	    project_lock_path(&p->project, path) < 0)
		return 0;
	r = lock_lookup(path, s->tool, &le, e);
	if (r < 0)
		return -1;
	if (r == 0 && !flag_on("TBX_FROZEN"))
		return 0;
	if (r == 0)
		why = "has no";
	else if (r == 2)
		why = "is not in";
	else if (strcmp(le.request, p->version))
		why = "asks for another version than";
	else if (strcmp(le.repository, s->image) ||
		 plan_expand_tag(s->tag, le.version, tag, sizeof(tag)) < 0 ||
		 strcmp(tag, le.tag))
		why = "has another image than the catalog in";
	else {
		p->image_ref =
			arena_printf(&p->arena, "%s@%s", s->image, le.digest);
		p->locked = 1;
		return p->image_ref ? 0 : out_of_memory(e);
	}
	if (flag_on("TBX_FROZEN"))
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s = %s %s %s (TBX_FROZEN is set); run 'tbx lock'",
			s->tool, p->version, why, path);
	p->warning = arena_printf(
		&p->arena,
		"warning: %s = %s %s %s; running the tag (run 'tbx lock')",
		s->tool, p->version, why, path);
	return p->warning ? 0 : out_of_memory(e);
}

static int tool_dirs(struct plan *p, struct tbx_err *e)
{
	const char *home = getenv("HOME"), *cache = getenv("XDG_CACHE_HOME");
	const char *tool = p->spec.tool;

	if (cache && cache[0] == '/')
		p->tool_dir = arena_printf(&p->arena, "%s/tbx/%s", cache, tool);
	else if (home && home[0] == '/')
		p->tool_dir =
			arena_printf(&p->arena, "%s/.cache/tbx/%s", home, tool);
	else
		return err_set(
			e, TBX_EXIT_FAIL,
			"neither XDG_CACHE_HOME nor HOME is an absolute path");
	p->host_home = p->tool_dir
			       ? arena_printf(&p->arena, "%s/home", p->tool_dir)
			       : NULL;
	/* the caller's HOME, so that "~/" in the user's settings means the
	 * same path in the container as outside; not a CI job's, which may
	 * lie in its workspace, nor one in the image's own directories */
	p->home = !p->container[0] && home && home[0] == '/' &&
				  home[strspn(home, "/")] &&
				  strlen(home) < 1024 &&
				  !hostmount_unsayable(home) &&
				  !argpaths_image_dir(home)
			  ? home
			  : p->spec.home;
	return p->host_home ? 0 : out_of_memory(e);
}

static int idle_time(const char *v, const char *from, long *out,
		     struct tbx_err *e)
{
	*out = duration_seconds(v);
	return *out < 0 ? err_set(e, TBX_EXIT_FAIL, "%s '%s' " DURATION_HELP,
				  from, v)
			: 0;
}

/* The idle time that applies to the tool. The user's own: TBX_WARM, else
 * cold under CI=true (reproducible jobs), else the catalog's warm, else
 * PLAN_WARM_DEFAULT. A .toolbox's warm may shorten it (0: cold), and
 * lengthen it only once trusted. Cold in a CI container and with an
 * engine that may not share this kernel. */
static int choose_warm(struct plan *p, struct tbx_err *e)
{
	const char *env = getenv("TBX_WARM");
	long mine, asked;
	int r;

	if (env && *env) {
		p->warm_from = "TBX_WARM";
		if (idle_time(env, p->warm_from, &mine, e) < 0)
			return -1;
	} else if (flag_on("CI")) {
		p->warm_from = "CI";
		mine = 0;
	} else {
		p->warm_from = p->global_warm[0] ? p->global
			       : p->spec.warm	 ? "the catalog's warm"
						 : "the default";
		if (idle_time(p->global_warm[0] ? p->global_warm
			      : p->spec.warm	? p->spec.warm
						: PLAN_WARM_DEFAULT,
			      p->warm_from, &mine, e) < 0)
			return -1;
	}
	if (!(env && *env) && p->ov.warm[0]) {
		if (idle_time(p->ov.warm, p->project.toolbox, &asked, e) < 0)
			return -1;
		r = asked > mine ? trust_check(p->project.toolbox,
					       p->toolbox_text, e)
				 : 1;
		if (r < 0)
			return -1;
		if (r) {
			mine = asked;
			p->warm_from = p->project.toolbox;
		}
	}
	if (p->container[0] || !endpoint_local(endpoint_get())) {
		mine = 0;
		p->warm_from = p->container[0] ? "a CI container"
					       : "an engine that may be remote";
	}
	p->warm = (unsigned)mine;
	return 0;
}

/* The options every call gives whatever its mode. */
static int fixed_options(struct plan *p, struct tbx_err *e)
{
	const struct spec *s = &p->spec;
	struct timespec t;

	p->tty = isatty(0) && isatty(1);
	clock_gettime(CLOCK_REALTIME, &t);
	fmt(p->cold_name, sizeof(p->cold_name), "tbx-cold-%d-%x", (int)getpid(),
	    (unsigned)t.tv_nsec);
	p->term = getenv("TERM") != NULL;
	p->user_arg = arena_printf(&p->arena, "%u:%u", p->uid, p->gid);
	p->home_env = arena_printf(&p->arena, "HOME=%s", p->home);
	if (p->container[0])
		p->home_tmpfs =
			arena_printf(&p->arena, "%s:uid=%u,gid=%u,mode=0700",
				     p->home, p->uid, p->gid);
	if (s->entrypoint)
		p->entrypoint = arena_printf(&p->arena, "--entrypoint=%s",
					     s->entrypoint);
	/* the shim runs the tool in a cold container where the engine
	 * can mount this file: on this machine, not from a CI container,
	 * and not behind an entrypoint the catalog names, which is given
	 * the command as its first argument */
	if (p->req->self && !p->container[0] &&
	    endpoint_local(endpoint_get()) &&
	    !(s->entrypoint && s->entrypoint[0]))
		p->launcher = p->req->self;
	/* the host's network: what a native tool has, and the fastest
	 * start (no bridge interface to set up) */
	p->network = s->network ? s->network : "host";
	if (!p->user_arg || !p->home_env ||
	    (p->container[0] && !p->home_tmpfs) ||
	    (s->entrypoint && !p->entrypoint))
		return out_of_memory(e);
	return 0;
}

int plan_make(const struct plan_request *req, struct plan *p, struct tbx_err *e)
{
	memset(p, 0, sizeof(*p));
	p->req = req;
	p->spec = *req->spec;
	find_engine(p);
	if (container_id(p, e) < 0 ||
	    project_find_in(p->container[0] ? NULL : getenv("HOME"),
			    p->container[0] != '\0', &p->project, e) < 0 ||
	    in_container(p, e) < 0 || read_toolbox(p, e) < 0 ||
	    read_global(p, e) < 0 || choose_version(p, e) < 0 ||
	    image_ref(p, e) < 0 || apply_lock(p, e) < 0 ||
	    image_checked(p, e) < 0 || tool_dirs(p, e) < 0 ||
	    choose_warm(p, e) < 0 || fixed_options(p, e) < 0)
		return -1;
	return mounts_plan(p, e) < 0 ? -1 : hostcall_plan(p, e);
}

void plan_free(struct plan *p)
{
	arena_free(&p->arena);
}
