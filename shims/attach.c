/* Following a cold call at a terminal through Ctrl-Z and fg. */
#include "attach.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/endpoint.h"
#include "base/engine.h"
#include "base/engine_api.h"
#include "base/proc.h"
#include "hostserve.h"

/* The signal that ended the call from outside (a hang-up, say), or 0. */
static volatile sig_atomic_t ended;
static volatile pid_t client;

static void on_end(int sig)
{
	ended = sig;
	if (client > 0)
		kill(client, sig);
}

/* A window resized before the client watches for it is lost to it (it
 * ignores SIGWINCH until then): the shim passes it on again, once a
 * second for the client's first seconds. */
static volatile sig_atomic_t resized, resends;

static void on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

static void on_alarm(int sig)
{
	(void)sig;
	if (resized && client > 0)
		kill(client, SIGWINCH);
	if (--resends > 0)
		alarm(1);
}

/* Whether the container runs: the client left it detached. */
static int running(struct plan *p)
{
	const struct endpoint *ep = endpoint_get();
	char *q[] = {(char *)p->engine,	   "inspect",	 "-f",
		     "{{.State.Running}}", p->cold_name, NULL};
	char out[16];
	struct proc_out o = {out, sizeof(out), 0};

	int r = p->kind == ENGINE_DOCKER && endpoint_local(ep)
			? engine_container_running(ep->socket, p->cold_name)
			: -1;

	if (r >= 0)
		return r;
	return proc_capture(q, p->engine_path, &o, NULL) == 0 &&
	       !strncmp(out, "true", 4);
}

/* docker kill -s SIG name: the engine's init passes it to the tool's
 * whole process group (TINI_KILL_PROCESS_GROUP). */
static void signal_tool(struct plan *p, const char *sig)
{
	char *v[] = {(char *)p->engine, "kill",	      "-s",
		     (char *)sig,	p->cold_name, NULL};

	proc_capture(v, p->engine_path, NULL, NULL);
}

static void remove_container(struct plan *p)
{
	char *rm[] = {(char *)p->engine, "rm", "-f", p->cold_name, NULL};

	proc_capture(rm, p->engine_path, NULL, NULL);
}

/* Run argv, the engine's client, to its end: its status. With resume,
 * the client attaches to a stopped tool, which is continued once the
 * client had the time to attach, so that none of its output is lost. */
static int run_client(struct plan *p, char *const argv[], int resume,
		      struct tbx_err *e)
{
	struct timespec attach_time = {0, ATTACH_MS * 1000000L};
	int st;

	client = fork();
	if (client == 0) {
		execv(p->engine_path, argv);
		_exit(errno == ENOENT ? TBX_EXIT_NOT_FOUND
				      : TBX_EXIT_CANNOT_EXEC);
	}
	if (client < 0)
		return err_sys(e, TBX_EXIT_FAIL, "cannot run engine %s",
			       p->engine_path);
	resized = 0;
	resends = 3;
	alarm(1);
	if (resume) {
		while (nanosleep(&attach_time, &attach_time) < 0 &&
		       errno == EINTR)
			;
		signal_tool(p, "CONT");
	}
	/* the tool's host calls are served meanwhile */
	if (hostserve_wait(client, &st) < 0)
		return err_sys(e, TBX_EXIT_FAIL, "waitpid");
	alarm(0);
	client = 0;
	return proc_status(st);
}

int attach_run(struct plan *p, const struct args *a, struct tbx_err *e)
{
	static const int ends[] = {SIGHUP, SIGTERM, SIGINT, SIGQUIT};
	char *attach[] = {(char *)p->engine, "attach",
			  "--detach-keys=" ATTACH_KEYS, p->cold_name, NULL};
	struct sigaction sa = {.sa_handler = on_end};
	char *const *argv = a->v;
	int st, resume = 0;

	struct sigaction winch = {.sa_handler = on_winch},
			 tick = {.sa_handler = on_alarm};

	for (unsigned i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		sigaction(ends[i], &sa, NULL);
	sigaction(SIGWINCH, &winch, NULL);
	sigaction(SIGALRM, &tick, NULL);
	for (;;) {
		st = run_client(p, argv, resume, e);
		if (st >= 0 && ended && running(p)) {
			/* a client at a terminal passes no signal on: the
			 * call ends with the shim, as a native tool's would */
			remove_container(p);
			return 128 + ended;
		}
		if (st < 0 || ended || !running(p))
			return st;
		/* detached by Ctrl-Z: the tool gets the stop it would have,
		 * and the shim stops too, so that the shell gives its
		 * prompt back */
		signal_tool(p, "TSTP");
		kill(0, SIGTSTP);
		if (ended) {
			remove_container(p);
			return 128 + ended;
		}
		argv = attach;
		resume = 1;
	}
}
