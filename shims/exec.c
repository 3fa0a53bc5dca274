/* Running a plan: dry run, the tool's HOME, engine reachability, exec. */
#include "runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "engine.h"
#include "fmt.h"
#include "mkdirs.h"
#include "passwd.h"
#include "quote.h"
#include "warm.h"

int rt_dry_run(void)
{
	const char *v = getenv("TBX_DRY_RUN");

	return v && *v && strcmp(v, "0");
}

/* Whether the docker CLI has a current context other than "default" in its
 * config, in which case the default socket is not the one it will use. */
int rt_docker_context_set(void)
{
	char path[PATH_MAX], text[16384];
	const char *dir = getenv("DOCKER_CONFIG"), *home = getenv("HOME");
	const char *key, *val;
	ssize_t n;
	int fd;

	if (dir && *dir)
		fmt(path, sizeof(path), "%s/config.json", dir);
	else if (home)
		fmt(path, sizeof(path), "%s/.docker/config.json", home);
	else
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	if ((size_t)n == sizeof(text) - 1)
		return 1; /* too large to tell: let the CLI decide */
	text[n] = '\0';
	key = strstr(text, "\"currentContext\"");
	if (!key)
		return 0;
	val = key + strlen("\"currentContext\"");
	val += strspn(val, " \t\r\n:");
	return strncmp(val, "\"default\"", 9) != 0 &&
	       strncmp(val, "\"\"", 2) != 0;
}

/* For the docker CLI on a unix socket, check that a daemon answers there, so
 * that a stopped engine gives one clear line. Other engines and remote or
 * context-selected daemons are left to the CLI. */
static int engine_reachable(const struct rt_plan *p, struct tbx_err *e)
{
	const char *host = getenv("DOCKER_HOST"),
		   *ctx = getenv("DOCKER_CONTEXT");
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	const char *sock = "/var/run/docker.sock";
	int fd, r, saved;

	if (engine_kind(p->engine_path) != ENGINE_DOCKER || (ctx && *ctx))
		return 0;
	if (host && *host) {
		if (strncmp(host, "unix://", 7))
			return 0;
		sock = host + 7;
	}
	if (strlen(sock) >= sizeof(addr.sun_path))
		return 0;
	strcpy(addr.sun_path, sock);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	do
		r = connect(fd, (struct sockaddr *)&addr, sizeof(addr));
	while (r < 0 && errno == EINTR);
	saved = errno;
	close(fd);
	if (r == 0 || (!(host && *host) && rt_docker_context_set()))
		return 0;
	return err_set(e, TBX_EXIT_FAIL,
		       "engine unreachable: cannot connect to unix://%s: %s "
		       "(is the docker daemon running?)",
		       sock, strerror(saved));
}

int rt_run(const struct rt_request *req)
{
	static struct rt_plan plan;
	struct tbx_err e;

	if (rt_plan(req, &plan, &e) < 0)
		goto fail;
	if (plan.warning) {
		struct tbx_err w = {0, ""};

		fmt(w.msg, sizeof(w.msg), "%s", plan.warning);
		err_print(req->spec->tool, &w);
	}
	if (rt_dry_run()) {
		quote_argv(stdout, plan.argv);
		if (fflush(stdout) == 0 && !ferror(stdout)) {
			rt_plan_free(&plan);
			return 0;
		}
		err_set(&e, TBX_EXIT_FAIL, "cannot write to stdout: %s",
			strerror(errno));
		goto fail;
	}
	if (plan.engine_err.status) {
		e = plan.engine_err;
		goto fail;
	}
	if ((!plan.container[0] &&
	     (mkdirs(plan.host_home, 0700, &e) < 0 ||
	      (req->spec->passwd &&
	       passwd_write(plan.tool_dir, req->spec->home, plan.uid, plan.gid,
			    &e) < 0))) ||
	    engine_reachable(&plan, &e) < 0)
		goto fail;
	if (plan.warm) {
		int st = warm_run(&plan, req, &e);

		if (st < 0)
			goto fail;
		rt_plan_free(&plan);
		return st;
	}
	execv(plan.engine_path, plan.argv);
	err_set(&e, errno == ENOENT ? TBX_EXIT_NOT_FOUND : TBX_EXIT_CANNOT_EXEC,
		"cannot run engine %s: %s", plan.engine_path, strerror(errno));
fail:
	err_print(req->spec->tool, &e);
	rt_plan_free(&plan);
	return e.status;
}
