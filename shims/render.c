/* Command lines from a plan, in the order the engine has always been given
 * them. */
#include "render.h"

#include <string.h>
#include <unistd.h>

#include "base/engine.h"
#include "base/labels.h"
#include "attach.h"
#include "hostcall.h"
#include "launch.h"
#include "base/owner.h"
#include "warm/proto.h"

/* One --mount field, "key=value", quoted as CSV when it must be. */
static char *mount_field(char *o, const char *key, const char *val)
{
	int quote = strpbrk(val, ",\"\n\r") != NULL;

	if (quote)
		*o++ = '"';
	o = stpcpy(o, key);
	for (const char *c = val; *c; c++) {
		if (*c == '"')
			*o++ = '"';
		*o++ = *c;
	}
	if (quote)
		*o++ = '"';
	return o;
}

const char *render_mount(struct plan *p, const struct plan_mount *m)
{
	size_t ns = strlen(m->src), nd = strlen(m->dst);
	char *out, *o;

	if (ns >= PATH_MAX || nd >= PATH_MAX)
		return NULL;
	/* each byte doubled at worst, two quotes each, the keys */
	out = arena_alloc(&p->arena, 2 * (ns + nd) + 48);
	if (!out)
		return NULL;
	o = stpcpy(out, m->volume ? "type=volume," : "type=bind,");
	o = mount_field(o, "src=", m->src);
	*o++ = ',';
	o = mount_field(o, "dst=", m->dst);
	strcpy(o, m->ro ? ",readonly" : "");
	return out;
}

static void add_mount(struct plan *p, struct args *a, const char *src,
		      const char *dst, int ro)
{
	struct plan_mount m = {.src = src, .dst = dst, .ro = ro};

	args_add(a, "--mount");
	args_add(a, render_mount(p, &m));
}

/* "engine run" and the options that depend on the plan; a cold call's
 * own options (removal, init, labels, the cwd, the terminal, passed
 * variables) only when cold. */
static void run_options(struct plan *p, struct args *a, int cold)
{
	const struct spec *s = &p->spec;
	char scope[128];

	args_add(a, p->engine);
	args_add(a, "run");
	if (cold) {
		args_add(a, "--rm");
		args_add(a, "-i");
		if (p->tty) {
			/* Ctrl-Z detaches the client, and the shim pauses
			 * the container: attach.h */
			args_add(a, "-t");
			args_add(a, "--detach-keys=" ATTACH_KEYS);
			args_add(a, "--name");
			args_add(a, p->cold_name);
		}
		args_add(a, "--init");
		/* what 'tbx gc' knows its containers by, and whether the
		 * engine client that started one is still there */
		owner_scope(scope, sizeof(scope));
		args_add(a, "--label");
		args_add(a, arena_printf(&p->arena, LABEL_TOOL "=%s", s->tool));
		args_add(a, "--label");
		args_add(a, arena_printf(&p->arena, LABEL_OWNER "=%s%d", scope,
					 (int)getpid()));
	}
	if (p->user == USER_MAP_KEEPID)
		args_add(a, "--userns=keep-id");
	args_add(a, "-u");
	args_add(a, p->user_arg);
	if (p->container[0]) {
		/* in a CI container: its volumes that hold the project, at
		 * the same paths, and a HOME of the call's own */
		for (size_t i = 0; i < p->nshared; i++) {
			const struct incontainer_mount *m = &p->shared[i];

			struct plan_mount pm = {.src = m->src,
						.dst = m->dst,
						.ro = m->ro,
						.volume = m->volume};

			args_add(a, "--mount");
			args_add(a, render_mount(p, &pm));
		}
		args_add(a, "-w");
		args_add(a, p->project.cwd);
		args_add(a, "--tmpfs");
		args_add(a, p->home_tmpfs);
	} else {
		if (p->project.root[0])
			add_mount(p, a, p->project.root, p->project.root, 0);
		if (p->project.gitdir[0])
			add_mount(p, a, p->project.gitdir, p->project.gitdir,
				  0);
		if (cold) {
			args_add(a, "-w");
			args_add(a, p->project.cwd);
		}
		/* with no project (a call from $HOME), nothing the tool
		 * writes may land where the user would not find it */
		add_mount(p, a, p->host_home, p->home, !p->project.root[0]);
	}
	args_add(a, "-e");
	args_add(a, p->home_env);
	/* docker's init signals the whole process group of the tool, so that
	 * Ctrl-C stops a wrapper script and the program it started. */
	args_add(a, "-e");
	args_add(a, "TINI_KILL_PROCESS_GROUP=1");
	if (cold && p->tty && p->term) {
		args_add(a, "-e");
		args_add(a, "TERM");
	}
	for (unsigned i = 0; i < p->nenv; i++) {
		args_add(a, "-e");
		args_add(a, p->env[i]);
	}
	/* not what host calls set (the editor's variables), given once, after:
	 * an engine keeps every -e of a name, and getenv takes the first */
	for (unsigned i = 0; cold && i < p->npassenv; i++) {
		if (p->host_socket && hostcall_sets(p, p->passenv[i]))
			continue;
		args_add(a, "-e");
		args_add(a, p->passenv[i]);
	}
	for (unsigned i = 0; i < p->nmounts; i++)
		add_mount(p, a, p->mount[i].src, p->mount[i].dst,
			  p->mount[i].ro);
	for (unsigned i = 0; i < p->nsockets; i++) {
		add_mount(p, a, p->socket[i].mount.src, p->socket[i].mount.dst,
			  0);
		args_add(a, "-e");
		args_add(a, p->socket[i].env);
	}
	for (unsigned i = 0; i < p->npasswd; i++)
		add_mount(p, a, p->passwd[i].src, p->passwd[i].dst, 1);
	/* the stub again where the tool runs a host program by path: a
	 * kept container's, with the key's other mounts */
	if (p->req->self && (!cold || p->host_socket)) {
		const char *bins[HOSTCALL_BINS_MAX];
		unsigned n = hostcall_bins(p, bins);

		for (unsigned i = 0; i < n; i++)
			add_mount(p, a, p->req->self, bins[i], 1);
	}
	args_add(a, "--network");
	args_add(a, p->network);
}

static int done(struct args *a, struct tbx_err *e)
{
	return a->failed
		       ? err_set(e, TBX_EXIT_FAIL, "engine arguments too long")
		       : 0;
}

/* A cold call's host calls: its socket, and the variables naming the stub
 * (after those passed, over which they win). */
static void host_options(struct plan *p, struct args *a)
{
	const char *env[HOSTCALL_VARS_MAX];
	unsigned n;

	if (!p->host_socket)
		return;
	add_mount(p, a, p->host_socket, HOSTCALL_COLD_SOCKET, 0);
	n = hostcall_env(p, LAUNCH_PATH, HOSTCALL_COLD_SOCKET, env);
	for (unsigned i = 0; i < n; i++) {
		args_add(a, "-e");
		args_add(a, env[i]);
	}
}

int render_cold(struct plan *p, struct args *a, struct tbx_err *e)
{
	const struct plan_request *req = p->req;

	run_options(p, a, 1);
	host_options(p, a);
	if (p->launcher)
		add_mount(p, a, p->launcher, LAUNCH_PATH, 1);
	if (p->entrypoint)
		args_add(a, p->entrypoint);
	args_add(a, "--");
	args_add(a, p->image_ref);
	if (p->launcher) {
		args_add(a, LAUNCH_PATH);
		args_add(a, arena_printf(&p->arena, "%s@%s", p->spec.tool,
					 p->version));
	}
	args_add(a, req->command);
	args_add_all(a, req->args, (size_t)req->nargs);
	return done(a, e);
}

int render_shared(struct plan *p, struct args *a, struct tbx_err *e)
{
	run_options(p, a, 0);
	return done(a, e);
}

int render_create(struct plan *p, const struct render_kept *k, struct args *a,
		  struct tbx_err *e)
{
	const char *idle = arena_printf(&p->arena, "%u", p->warm);

	args_add(a, "-d");
	args_add(a, "--rm");
	args_add(a, "--init");
	args_add(a, "--name");
	args_add(a, k->name);
	args_add(a, "--label");
	args_add(a, arena_printf(&p->arena, LABEL_TOOL "=%s", p->spec.tool));
	args_add(a, "--label");
	args_add(a, arena_printf(&p->arena, LABEL_WARM "=%s", k->key));
	args_add(a, "--label");
	args_add(a,
		 arena_printf(&p->arena, LABEL_PROJECT "=%s", p->project.root));
	args_add(a, "--label");
	args_add(a, arena_printf(&p->arena, LABEL_IDLE "=%s", idle));
	args_add(a, "--label");
	args_add(a,
		 arena_printf(&p->arena, LABEL_USER "=%u", (unsigned)getuid()));
	args_add(a, "--label");
	args_add(a, arena_printf(&p->arena, LABEL_CACHE "=%s", p->tool_dir));
	add_mount(p, a, k->dir, WARM_DIR, 0);
	add_mount(p, a, k->self, WARM_AGENT, 1);
	args_add(a, "--entrypoint=" WARM_AGENT);
	args_add(a, "--");
	/* the image the tag names now, when the run step asked */
	args_add(a, p->image_id[0] ? p->image_id : p->image_ref);
	args_add(a, "-w");
	args_add(a, idle);
	args_add(a, k->name);
	return done(a, e);
}
