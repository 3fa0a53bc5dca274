/* Building the engine command line for one call of a tool, and running it. */
#include "runtime.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "fmt.h"
#include "inifile.h"
#include "lock.h"
#include "overrides.h"
#include "owner.h"
#include "toolbox.h"
#include "trust.h"
#include "warm.h"

/* Engine flags before the per-spec ones: run --rm -i -t --init -u -w and
 * the project, HOME, signal-group and passwd settings, with room to
 * spare. */
#define RT_FIXED_ARGS 48

char *rt_store(struct rt_plan *p, const char *format, ...)
{
	size_t room = sizeof(p->strings) - p->used;
	char *out = p->strings + p->used;
	va_list ap;
	int n;

	va_start(ap, format);
	n = fmt_v(out, room, format, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room)
		return NULL;
	p->used += (size_t)n + 1;
	return out;
}

void rt_version_var(const char *tool, char *out, size_t size)
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

static int choose_version(const struct spec *s, struct rt_plan *p,
			  struct tbx_err *e)
{
	const char *env, *why;
	int pinned;

	rt_version_var(s->tool, p->version_var, sizeof(p->version_var));
	env = getenv(p->version_var);
	if (env && *env) {
		why = version_invalid(env);
		if (why)
			return err_set(e, TBX_EXIT_FAIL, "%s='%s' %s",
				       p->version_var, env, why);
		strcpy(p->version, env);
		p->version_from = RT_FROM_ENV;
		return 0;
	}
	if (p->project.toolbox[0]) {
		pinned = toolbox_pin_text(p->toolbox_text, p->project.toolbox,
					  s->tool, p->version,
					  sizeof(p->version), e);
		if (pinned < 0)
			return -1;
		if (pinned) {
			p->version_from = RT_FROM_TOOLBOX;
			return 0;
		}
	}
	if (strlen(s->version) >= sizeof(p->version))
		return err_set(e, TBX_EXIT_FAIL, "default version too long");
	strcpy(p->version, s->version);
	p->version_from = RT_FROM_CATALOG;
	return 0;
}

int rt_expand_tag(const char *tmpl, const char *version, char *out, size_t size)
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

static int image_ref(const struct spec *s, struct rt_plan *p, struct tbx_err *e)
{
	char tag[512];

	if (rt_expand_tag(s->tag, p->version, tag, sizeof(tag)) < 0)
		return err_set(
			e, TBX_EXIT_FAIL,
			"tag from '%s' with version '%s' must have 1 to 128 characters",
			s->tag, p->version);
	p->image_ref = rt_store(p, "%s:%s", s->image, tag);
	return p->image_ref ? 0
			    : err_set(e, TBX_EXIT_FAIL, "image name too long");
}

static int frozen(void)
{
	const char *v = getenv("TBX_FROZEN");

	return v && *v && strcmp(v, "0") && strcmp(v, "false");
}

/* When .toolbox.lock has this tool at the requested version and the
 * catalog's repository and tag, run the locked digest. When it does not,
 * warn and run the tag, or fail under TBX_FROZEN=1. A project without a
 * lock file has not adopted locking: nothing to say. */
static int apply_lock(const struct spec *s, struct rt_plan *p,
		      struct tbx_err *e)
{
	struct lock_entry le;
	char path[PATH_MAX], tag[512];
	const char *why;
	int r;

	/* the lock pins what .toolbox asks for, nothing else */
	if (p->version_from != RT_FROM_TOOLBOX)
		return 0;
	if (fmt(path, sizeof(path), "%s.lock", p->project.toolbox) >=
	    (int)sizeof(path))
		return err_set(e, TBX_EXIT_FAIL, "lock path too long");
	r = lock_lookup(path, s->tool, &le, e);
	if (r < 0)
		return -1;
	if (r == 0 && !frozen())
		return 0;
	if (r == 0)
		why = "has no";
	else if (r == 2)
		why = "is not in";
	else if (strcmp(le.request, p->version))
		why = "asks for another version than";
	else if (strcmp(le.repository, s->image) ||
		 rt_expand_tag(s->tag, le.version, tag, sizeof(tag)) < 0 ||
		 strcmp(tag, le.tag))
		why = "has another image than the catalog in";
	else {
		p->image_ref = rt_store(p, "%s@%s", s->image, le.digest);
		p->locked = 1;
		return p->image_ref ? 0
				    : err_set(e, TBX_EXIT_FAIL,
					      "image name too long");
	}
	if (frozen())
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s = %s %s %s (TBX_FROZEN is set); run 'tbx lock'",
			s->tool, p->version, why, path);
	p->warning = rt_store(
		p, "warning: %s = %s %s %s; running the tag (run 'tbx lock')",
		s->tool, p->version, why, path);
	return 0;
}

static int host_home(const struct spec *s, struct rt_plan *p, struct tbx_err *e)
{
	const char *home = getenv("HOME"), *cache = getenv("XDG_CACHE_HOME");

	if (cache && cache[0] == '/')
		p->tool_dir = rt_store(p, "%s/tbx/%s", cache, s->tool);
	else if (home && home[0] == '/')
		p->tool_dir = rt_store(p, "%s/.cache/tbx/%s", home, s->tool);
	else
		return err_set(
			e, TBX_EXIT_FAIL,
			"neither XDG_CACHE_HOME nor HOME is an absolute path");
	p->host_home = p->tool_dir ? rt_store(p, "%s/home", p->tool_dir) : NULL;
	return p->host_home ? 0 : err_set(e, TBX_EXIT_FAIL, "HOME too long");
}

int rt_passenv(const struct spec *s, char **v)
{
	int n = 0;

	for (unsigned i = 0; i < s->passenv.n; i++)
		if (getenv(s->passenv.item[i])) {
			v[n++] = "-e";
			v[n++] = (char *)s->passenv.item[i];
		}
	return n;
}

static int name_char(char c, int first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

/* A catalog env item with each ${NAME} replaced by the caller's value of
 * NAME (empty when unset), so that an entry can add to a variable the user
 * sets, as in MAVEN_OPTS="-Duser.home=/var/maven ${MAVEN_OPTS}". Any other
 * '$' stays as it is. NULL when the plan's string area is full. */
static char *expand_env(struct rt_plan *p, const char *item)
{
	char *out = p->strings + p->used, *o = out;
	const char *end = p->strings + sizeof(p->strings) - 1;

	if (!strstr(item, "${"))
		return (char *)item;
	for (const char *c = item; *c;) {
		size_t n = 0;
		const char *val = NULL;

		if (c[0] == '$' && c[1] == '{' && name_char(c[2], 1)) {
			while (name_char(c[2 + n], 0))
				n++;
			if (c[2 + n] == '}') {
				char name[128];

				if (n >= sizeof(name))
					return NULL;
				memcpy(name, c + 2, n);
				name[n] = '\0';
				val = getenv(name);
				val = val ? val : "";
			}
		}
		if (val) {
			size_t len = strlen(val);

			if (o + len > end)
				return NULL;
			memcpy(o, val, len);
			o += len;
			c += n + 3;
		} else {
			if (o >= end)
				return NULL;
			*o++ = *c++;
		}
	}
	*o = '\0';
	p->used += (size_t)(o - out) + 1;
	return out;
}

char *rt_mount_arg(struct rt_plan *p, const char *src, const char *dst, int ro)
{
	char field[2][2 * PATH_MAX + 8];
	const char *key[2] = {"src=", "dst="}, *val[2] = {src, dst};

	for (int i = 0; i < 2; i++) {
		char *o = field[i];
		int quote = strpbrk(val[i], ",\"\n\r") != NULL;

		if (strlen(val[i]) >= PATH_MAX)
			return NULL;
		if (quote)
			*o++ = '"';
		o = stpcpy(o, key[i]);
		for (const char *c = val[i]; *c; c++) {
			if (*c == '"')
				*o++ = '"';
			*o++ = *c;
		}
		if (quote)
			*o++ = '"';
		*o = '\0';
	}
	return rt_store(p, "type=bind,%s,%s%s", field[0], field[1],
			ro ? ",readonly" : "");
}

/* Note a mounted host path's identity: a kept container holds the file it
 * was given, so another file at that path (an editor's or git's rename, an
 * agent restarted) must give another key. */
static void stamp(struct rt_plan *p, const struct stat *st)
{
	size_t n = strlen(p->stamps);

	if (p->warm)
		fmt(p->stamps + n, sizeof(p->stamps) - n, "%lx:%lx;",
		    (unsigned long)st->st_dev, (unsigned long)st->st_ino);
}

/* A catalog mount "host:container[:ro|:rw]"; "~" starts host paths in the
 * caller's home. A host path that does not exist is skipped (the engine
 * would otherwise create it, owned by root). Returns 0 when skipped. */
static int extra_mount(struct rt_plan *p, const char *m, char **out,
		       struct tbx_err *e)
{
	char host[PATH_MAX], spec[PATH_MAX * 2];
	const char *home = getenv("HOME");
	char *dst, *mode;
	struct stat st;

	if (strlen(m) >= sizeof(spec))
		return err_set(e, TBX_EXIT_FAIL, "mount '%s' too long", m);
	strcpy(spec, m);
	dst = strchr(spec, ':');
	if (!dst)
		return err_set(e, TBX_EXIT_FAIL, "mount '%s' has no ':'", m);
	*dst++ = '\0';
	mode = strchr(dst, ':');
	if (mode)
		*mode++ = '\0';
	if (spec[0] == '~' && (spec[1] == '/' || spec[1] == '\0')) {
		if (!home || home[0] != '/')
			return err_set(e, TBX_EXIT_FAIL,
				       "mount '%s' needs HOME", m);
		if ((size_t)fmt(host, sizeof(host), "%s%s", home, spec + 1) >=
		    sizeof(host))
			return err_set(e, TBX_EXIT_FAIL, "mount '%s' too long",
				       m);
	} else {
		if (strlen(spec) >= sizeof(host))
			return err_set(e, TBX_EXIT_FAIL, "mount '%s' too long",
				       m);
		strcpy(host, spec);
	}
	if (stat(host, &st) < 0)
		return 0;
	stamp(p, &st);
	*out = rt_mount_arg(p, host, dst, mode && !strcmp(mode, "ro"));
	return *out ? 1 : err_set(e, TBX_EXIT_FAIL, "mount '%s' too long", m);
}

/* A variable naming a unix socket (an agent's) that the tool may use: the
 * socket is mounted at a fixed path and the variable points there. */
static int socket_args(struct rt_plan *p, const char *name, char **mount,
		       char **env)
{
	const char *path = getenv(name);
	struct stat st;

	if (!path || path[0] != '/' || stat(path, &st) < 0 ||
	    !S_ISSOCK(st.st_mode))
		return 0;
	stamp(p, &st);
	*env = rt_store(p, "%s=/run/tbx/%s", name, name);
	*mount =
		*env ? rt_mount_arg(p, path, *env + strlen(name) + 1, 0) : NULL;
	return 1;
}

static int build_argv(const struct rt_request *req, struct rt_plan *p,
		      struct tbx_err *e)
{
	const struct spec *s = &p->spec;
	int cold = !p->warm;
	size_t max = RT_FIXED_ARGS +
		     2 * (s->env.n + s->passenv.n + s->mounts.n) +
		     4 * s->sockets.n + (size_t)req->nargs + 1;
	char **v = calloc(max, sizeof(*v)), scope[128];
	int n = 0, tty = isatty(0) && isatty(1);

#define ADD(x)                                                                 \
	do {                                                                   \
		if (!(v[n++] = (x)))                                           \
			goto too_long;                                         \
	} while (0)
	if (!v)
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	p->argv = v;
	ADD((char *)p->engine);
	ADD("run");
	if (cold) {
		ADD("--rm");
		ADD("-i");
		if (tty)
			ADD("-t");
		ADD("--init");
		/* what 'tbx gc' knows its containers by, and whether the
		 * engine client that started one is still there */
		ADD("--label");
		ADD(rt_store(p, "tbx.tool=%s", s->tool));
		ADD("--label");
		owner_scope(scope, sizeof(scope));
		ADD(rt_store(p, "tbx.owner=%s%d", scope, (int)getpid()));
	}
	if (p->user == USER_MAP_KEEPID)
		ADD("--userns=keep-id");
	ADD("-u");
	ADD(rt_store(p, "%u:%u", p->uid, p->gid));
	if (p->container[0]) {
		/* in a CI container: its volumes, at the same paths, and a
		 * HOME of the call's own */
		ADD("--volumes-from");
		ADD(p->container);
		ADD("-w");
		ADD(p->project.cwd);
		ADD("--tmpfs");
		ADD(rt_store(p, "%s:uid=%u,gid=%u,mode=0700", s->home, p->uid,
			     p->gid));
	} else {
		ADD("--mount");
		ADD(rt_mount_arg(p, p->project.root, p->project.root, 0));
		if (cold) {
			ADD("-w");
			ADD(p->project.cwd);
		}
		ADD("--mount");
		ADD(rt_mount_arg(p, p->host_home, s->home, 0));
	}
	ADD("-e");
	ADD(rt_store(p, "HOME=%s", s->home));
	/* docker's init signals the whole process group of the tool, so that
	 * Ctrl-C stops a wrapper script and the program it started. */
	ADD("-e");
	ADD("TINI_KILL_PROCESS_GROUP=1");
	if (cold && tty && getenv("TERM")) {
		ADD("-e");
		ADD("TERM");
	}
	for (unsigned i = 0; i < s->env.n; i++) {
		ADD("-e");
		ADD(expand_env(p, s->env.item[i]));
	}
	if (cold)
		n += rt_passenv(s, v + n);
	for (unsigned i = 0; !p->container[0] && i < s->mounts.n; i++) {
		char *m;
		int r = extra_mount(p, s->mounts.item[i], &m, e);

		if (r < 0)
			return -1;
		if (r) {
			ADD("--mount");
			ADD(m);
		}
	}
	for (unsigned i = 0; !p->container[0] && i < s->sockets.n; i++) {
		char *m = NULL, *env = NULL;

		if (!socket_args(p, s->sockets.item[i], &m, &env))
			continue;
		ADD("--mount");
		ADD(m);
		ADD("-e");
		ADD(env);
	}
	for (int i = 0; s->passwd && !p->container[0] && i < 2; i++) {
		const char *name = i ? "group" : "passwd";
		char *src = rt_store(p, "%s/%s", p->tool_dir, name);

		ADD("--mount");
		ADD(src ? rt_mount_arg(p, src, i ? "/etc/group" : "/etc/passwd",
				       1)
			: NULL);
	}
	/* the host's network: what a native tool has, and the fastest
	 * start (no bridge interface to set up) */
	ADD("--network");
	ADD((char *)(s->network ? s->network : "host"));
	if (!cold) {
		v[n] = NULL;
		p->argc = n;
		return 0;
	}
	if (s->entrypoint)
		ADD(rt_store(p, "--entrypoint=%s", s->entrypoint));
	ADD((char *)p->image_ref);
	ADD((char *)req->command);
	for (int i = 0; i < req->nargs; i++)
		ADD(req->args[i]);
	v[n] = NULL;
	p->argc = n;
	return 0;
#undef ADD
too_long:
	return err_set(e, TBX_EXIT_FAIL, "engine arguments too long");
}

/* In a container, the project must be on one of its mounts: the tool's
 * container shares those, not the container's own files. */
static int in_container(struct rt_plan *p, struct tbx_err *e)
{
	int r = incontainer_id(p->container, sizeof(p->container), e);

	if (r <= 0) {
		p->container[0] = '\0';
		return r;
	}
	if (!incontainer_on_mount(p->project.root))
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s is not on a volume of this container (%.*s): the tool could not see it; mount the workspace",
			p->project.root, 12, p->container);
	return 0;
}

/* A .toolbox's mounts are checked where catalog mounts are not: the file
 * may come from anyone, trusted or not. */
static int override_mounts(struct rt_plan *p, struct tbx_err *e)
{
	const char *home = getenv("HOME");

	if (p->ov.nmounts && p->container[0])
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s: mounts cannot be made from inside a container",
			p->project.toolbox);
	for (unsigned i = 0; i < p->ov.nmounts; i++) {
		const char *m = p->ov.mount[i], *why;
		char host[PATH_MAX];
		size_t n = strcspn(m, ":");

		if (m[0] == '~')
			fmt(host, sizeof(host), "%s%.*s", home ? home : "",
			    (int)n - 1, m + 1);
		else
			fmt(host, sizeof(host), "%.*s", (int)n, m);
		why = overrides_mount_refused(host);
		if (why)
			return err_set(
				e, TBX_EXIT_FAIL,
				"%s: mount '%s' %s: refused even when trusted",
				p->project.toolbox, m, why);
		if (p->spec.mounts.n == SPEC_MAX_LIST)
			return err_set(e, TBX_EXIT_FAIL, "too many mounts");
		p->spec.mounts.item[p->spec.mounts.n++] = m;
	}
	return 0;
}

/* The nearest .toolbox, read once, and what it asks of this tool beyond a
 * version: all of it applies once the user trusts the file, none before. */
static int read_toolbox(struct rt_plan *p, struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	const char *path = p->project.toolbox;
	struct spec *s = &p->spec;
	int r;

	p->toolbox_text = NULL;
	p->ov.what[0] = '\0';
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
	return override_mounts(p, e);
}

int rt_plan(const struct rt_request *req, struct rt_plan *p, struct tbx_err *e)
{
	p->used = 0;
	p->stamps[0] = '\0';
	p->argv = NULL;
	p->locked = 0;
	p->warning = NULL;
	p->engine_err.status = 0;
	p->spec = *req->spec;
	engine_find(req->skip_dir, &p->engine, p->engine_path, &p->engine_err);
	p->user = engine_user(engine_kind(p->engine_path));
	p->uid = p->user == USER_MAP_ROOT ? 0 : (unsigned)getuid();
	p->gid = p->user == USER_MAP_ROOT ? 0 : (unsigned)getgid();
	if (project_find(getenv("HOME"), &p->project, e) < 0 ||
	    in_container(p, e) < 0 || read_toolbox(p, e) < 0 ||
	    choose_version(&p->spec, p, e) < 0 ||
	    image_ref(&p->spec, p, e) < 0 || apply_lock(&p->spec, p, e) < 0 ||
	    host_home(&p->spec, p, e) < 0 || warm_choose(p, e) < 0)
		return -1;
	if (!req->self || p->container[0] || rt_dry_run())
		p->warm = 0;
	return build_argv(req, p, e);
}

void rt_plan_free(struct rt_plan *p)
{
	free(p->argv);
	p->argv = NULL;
}
