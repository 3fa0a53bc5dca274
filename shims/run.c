/* Running a plan: the dry run, the tool's HOME, the engine's
 * reachability, then exec or a warm call. */
#include "run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/endpoint.h"
#include "base/engine.h"
#include "base/engine_api.h"
#include "base/group.h"
#include "base/mkdirs.h"
#include "base/passwd.h"
#include "base/path.h"
#include "base/proc.h"
#include "base/quote.h"
#include "base/state.h"
#include "attach.h"
#include "gitglobal.h"
#include "hostserve.h"
#include "render.h"
#include "warm/client.h"

int run_dry(void)
{
	const char *v = getenv("TBX_DRY_RUN");

	return v && *v && strcmp(v, "0");
}

enum run_mode run_mode(const struct plan *p)
{
	if (run_dry())
		return RUN_DRY;
	/* a kept container's mounts are fixed: a call that names a path
	 * outside them, or has a copy of git's global file, runs cold */
	return p->warm && p->req->self && !p->named && !p->global_dir
		       ? RUN_WARM
		       : RUN_COLD;
}

/* The engine's socket is there but not the caller's to use: name the
 * group that may, which is the usual fix. */
static int no_permission(const char *socket, struct tbx_err *e)
{
	struct stat st;
	char g[256];

	if (stat(socket, &st) < 0 || st.st_gid == 0 ||
	    group_name((unsigned)st.st_gid, g, sizeof(g)) < 0)
		return err_set(
			e, TBX_EXIT_FAIL,
			"no permission to use the engine's socket unix://%s, which only root may use: run a rootless engine, or give the socket a group of its own (docker's packages make one named docker)",
			socket);
	return err_set(
		e, TBX_EXIT_FAIL,
		"no permission to use the engine's socket unix://%s, which the group '%s' may use: run 'sudo usermod -aG %s $USER', then log in again",
		socket, g, g);
}

/* For the docker CLI on a unix socket, check that a daemon answers there, so
 * that a stopped engine gives one clear line. Other engines and remote or
 * context-selected daemons are left to the CLI. */
static int engine_reachable(const struct plan *p, struct tbx_err *e)
{
	const struct endpoint *ep = endpoint_get();
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	int fd, r, saved;

	if (p->kind != ENGINE_DOCKER || ep->context || !ep->socket ||
	    strlen(ep->socket) >= sizeof(addr.sun_path))
		return 0;
	strcpy(addr.sun_path, ep->socket);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	do
		r = connect(fd, (struct sockaddr *)&addr, sizeof(addr));
	while (r < 0 && errno == EINTR);
	saved = errno;
	close(fd);
	if (r == 0 || (!ep->host && endpoint_config_context()))
		return 0;
	if (saved == EACCES)
		return no_permission(ep->socket, e);
	/* the fix after the system's words */
	return err_set(e, TBX_EXIT_FAIL,
		       "engine unreachable: cannot connect to unix://%s: %s "
		       "(is the docker daemon running?)",
		       ep->socket, strerror(saved));
}

/* The caches the native tool would make, and in the tool's HOME the
 * points where the mounts below it go: made by the caller, not by the
 * engine, which would leave them root's. */
static int mount_point(const struct plan *p, const char *src, const char *dst,
		       struct tbx_err *e)
{
	size_t n = strlen(p->home);
	struct stat st;

	if (!dst[0] || !path_within(dst, p->home) || !dst[n] ||
	    stat(src, &st) < 0)
		return 0;
	return mkpoint(p->host_home, dst + n, S_ISDIR(st.st_mode), e);
}

static int mount_points(const struct plan *p, struct tbx_err *e)
{
	const struct project *pr = &p->project;

	if (mount_point(p, pr->root, pr->root, e) < 0 ||
	    mount_point(p, pr->gitdir, pr->gitdir, e) < 0)
		return -1;
	for (unsigned i = 0; i < p->nmounts; i++) {
		const struct plan_mount *m = &p->mount[i];

		if ((m->make == PLAN_MAKE_DIR && mkdirs(m->src, 0755, e) < 0) ||
		    (m->make == PLAN_MAKE_EMPTY &&
		     mkpoint(p->tool_dir, "empty", 0, e) < 0) ||
		    mount_point(p, m->src, m->dst, e) < 0)
			return -1;
	}
	return 0;
}

/* What a call needs on the host before the engine runs: the tool's HOME
 * and passwd files (not in a CI container, whose volumes it shares), and
 * an engine that answers. */
static int prepare(const struct plan *p, struct tbx_err *e)
{
	if (p->engine_err.status) {
		*e = p->engine_err;
		return -1;
	}
	/* the tool's directory and what lies above it are checked here,
	 * once; warm mode's directories below it only for themselves */
	if (!p->container[0] &&
	    (mkdirs_private(p->host_home, p->tool_dir, e) < 0 ||
	     private_ancestors(p->tool_dir, e) < 0 ||
	     (p->spec.passwd &&
	      passwd_write(p->tool_dir, p->home, p->uid, p->gid, e) < 0) ||
	     mount_points(p, e) < 0))
		return -1;
	return engine_reachable(p, e);
}

/* An image the engine does not have is pulled before the run, with one
 * line saying so and its progress on a terminal: a pull that fails is then
 * tbx's one line naming the image and the registry's answer, not the
 * engine's three. Asked of docker's socket; other engines pull as their
 * run does. */
static int pull_missing(const struct plan *p, struct tbx_err *e)
{
	const struct endpoint *ep = endpoint_get();
	char id[ENGINE_IMAGE_ID_SIZE], said[1024];
	int tty = isatty(2);
	char *quiet[] = {(char *)p->engine, "pull", "-q", (char *)p->image_ref,
			 NULL};
	char *shown[] = {(char *)p->engine, "pull", (char *)p->image_ref, NULL};
	struct proc_out err = {said, sizeof(said), 0};
	struct tbx_err note;

	if (p->kind != ENGINE_DOCKER || !endpoint_local(ep) ||
	    engine_image_id(ep->socket, p->image_ref, id) != 0)
		return 0;
	/* the pull's progress on the terminal, never in the tool's output */
	if (tty) {
		err_set(&note, 0, "pulling %s: it is not here yet",
			p->image_ref);
		err_print(p->spec.tool, &note);
	}
	if (proc_capture(tty ? shown : quiet, p->engine_path,
			 tty ? &proc_to_stderr : NULL, &err) == 0) {
		/* for 'tbx prune', which keeps what is used from where it
		 * knows; a failure here only leaves it knowing less */
		state_note_project(p->project.cwd, &note);
		return 0;
	}
	return err_set(e, TBX_EXIT_FAIL,
		       "image %s is not here and cannot be pulled: %s",
		       p->image_ref, engine_says(said));
}

static int dry_run(struct plan *p, struct tbx_err *e)
{
	struct args a = ARGS_INIT;
	int r = render_cold(p, &a, e);

	if (r == 0) {
		quote_argv(stdout, a.v);
		if (fflush(stdout) != 0 || ferror(stdout))
			r = err_sys(e, TBX_EXIT_FAIL, "cannot write to stdout");
	}
	args_free(&a);
	return r;
}

static int cold_run(struct plan *p, struct tbx_err *e)
{
	struct args a = ARGS_INIT;
	int st = -1, signo = 0;

	/* rendered before the host is touched: a call that cannot be
	 * given to the engine creates nothing */
	if (render_cold(p, &a, e) < 0 || prepare(p, e) < 0 ||
	    pull_missing(p, e) < 0 || gitglobal_begin(p, e) < 0)
		goto out;
	if (p->host_socket &&
	    hostserve_open(p, p->host_socket, p->tool_dir, e) < 0)
		goto done;
	/* the shim stays, to serve the tool's host calls, at a terminal to
	 * follow its stops, to put git's global file in place */
	if (p->tty || p->host_socket || p->global_dir) {
		st = p->tty ? attach_run(p, &a, e)
			    : hostserve_run(p->engine_path, a.v, &signo, e);
		hostserve_close();
		goto done;
	}
	execv(p->engine_path, a.v);
	err_sys(e, errno == ENOENT ? TBX_EXIT_NOT_FOUND : TBX_EXIT_CANNOT_EXEC,
		"cannot run engine %s", p->engine_path);
done:
	/* the call's own failure is said before what the copy then says */
	if (st < 0 && p->global_dir) {
		err_print(p->spec.tool, e);
		st = e->status;
	}
	st = gitglobal_end(p, st);
	/* the engine's client was killed: so is the shim, as it would be */
	if (signo) {
		signal(signo, SIG_DFL);
		raise(signo);
	}
out:
	args_free(&a);
	return st;
}

static int kept_run(struct plan *p, struct tbx_err *e)
{
	struct args shared = ARGS_INIT;
	int st = -1;

	/* an image not here yet: this call runs cold, and its engine pulls
	 * the image as a cold call always has; the next goes warm */
	if (warm_image(p) == 0)
		return cold_run(p, e);
	if (render_shared(p, &shared, e) == 0 && prepare(p, e) == 0)
		st = warm_run(p, &shared, e);
	args_free(&shared);
	return st;
}

int run_call(const struct plan_request *req)
{
	static struct plan plan;
	struct tbx_err e;
	int st = -1;

	if (plan_make(req, &plan, &e) < 0)
		goto out;
	if (plan.warning) {
		struct tbx_err w;

		err_set(&w, 0, "%s", plan.warning);
		err_print(req->spec->tool, &w);
	}
	switch (run_mode(&plan)) {
	case RUN_DRY: st = dry_run(&plan, &e); break;
	case RUN_COLD: st = cold_run(&plan, &e); break;
	case RUN_WARM: st = kept_run(&plan, &e); break;
	}
out:
	if (st < 0) {
		err_print(req->spec->tool, &e);
		st = e.status;
	}
	plan_free(&plan);
	return st;
}
