/* tbx gc: remove the containers that shims started and whose engine client
 * is gone (a shim killed with SIGKILL leaves its container running). Only
 * containers labelled by tbx, started on this boot of this machine in this
 * pid namespace, are considered: a label names the client's process, and a
 * process still alive with that label in its command line owns it. Only
 * the caller's are removed, unless root asks for all (--all): on a shared
 * engine another user's may look abandoned from here. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "container_rm.h"
#include "base/engine.h"
#include "base/labels.h"
#include "base/owner.h"
#include "paths.h"
#include "runprog.h"
#include "util.h"

/* Seconds the engine may take to list or remove containers. */
#define ENGINE_TIMEOUT 60

/* Whether process pid is alive and has "tbx.owner=<owner>" in its command
 * line: the engine client that started the container. */
static int owner_alive(pid_t pid, const char *owner)
{
	char path[64], cmdline[64 * 1024],
		*want = xfmt(LABEL_OWNER "=%s", owner);
	size_t len = 0, wlen = strlen(want) + 1;
	ssize_t n;
	int fd, found = 0;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(want);
		/* alive but unreadable (another user's): not ours to judge */
		return kill(pid, 0) == 0 || errno == EPERM;
	}
	while (len < sizeof(cmdline) &&
	       ((n = read(fd, cmdline + len, sizeof(cmdline) - len)) > 0 ||
		(n < 0 && errno == EINTR)))
		len += n > 0 ? (size_t)n : 0;
	close(fd);
	for (size_t i = 0; i + wlen <= len && !found; i++)
		found = (i == 0 || cmdline[i - 1] == '\0') &&
			!memcmp(cmdline + i, want, wlen);
	free(want);
	return found;
}

/* Whether container id, whose tbx.user label is user ("" when it has
 * none), is the caller's: by the label, else by the uid it runs as, which
 * a shim sets to the caller's on a rootful engine; a rootless engine is
 * the caller's alone. */
static int caller_owns(const char *engine, const char *id, const char *user,
		       int rootless)
{
	char out[256], *end;
	unsigned long uid;

	if (*user)
		return strtoul(user, &end, 10) == getuid() && !*end &&
		       end != user;
	if (rootless)
		return 1;
	if (spawn_capture((char *[]){(char *)engine, "inspect", "--format",
				     "{{.Config.User}}", (char *)id, NULL},
			  NULL, out, sizeof(out), ENGINE_TIMEOUT) != 0)
		return 0;
	uid = strtoul(out, &end, 10);
	return end != out && (*end == ':' || *end == '\n' || !*end) &&
	       uid == getuid();
}

struct gc {
	int dry, all, rootless;
	char engine[PATH_MAX];
	size_t removed, kept, others;
};

/* One line of the listing: "id\ttool\towner\tuser". */
static int collect(struct gc *g, char *line, const char *scope,
		   struct tbx_err *e)
{
	char *f[4] = {line};
	size_t n = 1;
	long pid;

	while (n < 4 && (f[n] = strchr(f[n - 1], '\t')))
		*f[n++]++ = '\0';
	if (n < 4 || strncmp(f[2], scope, strlen(scope)))
		return 0; /* another machine's, boot's or namespace's */
	pid = strtol(f[2] + strlen(scope), NULL, 10);
	if (pid > 0 && owner_alive((pid_t)pid, f[2])) {
		g->kept++;
		return 0;
	}
	if (!g->all && !caller_owns(g->engine, f[0], f[3], g->rootless)) {
		g->others++;
		return 0;
	}
	if (!g->dry && container_rm(g->engine, f[0], ENGINE_TIMEOUT, e) < 0)
		return -1;
	printf("%s %.12s (%s: its engine client, pid %ld, is gone)\n",
	       g->dry ? "would remove" : "removed", f[0], f[1], pid);
	g->removed++;
	return 0;
}

int cmd_gc(int argc, char **argv)
{
	struct gc g = {0};
	char scope[128], *list = NULL, *shims = NULL;
	const char *name;
	struct tbx_err e;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--dry-run") && !g.dry)
			g.dry = 1;
		else if (!strcmp(argv[i], "--all") && !g.all)
			g.all = 1;
		else
			return cmd_usage("gc");
	}
	if (g.all && getuid() != 0) {
		err_set(&e, TBX_EXIT_USAGE,
			"--all removes other users' containers too, which only root may do (run gc without it)");
		return cmd_fail("gc", &e);
	}
	shims = paths_shims_dir(&e);
	if (!shims || engine_find(shims, &name, g.engine, &e) < 0)
		goto fail;
	g.rootless = engine_user(engine_kind(g.engine)) == USER_MAP_ROOT;
	list = xmalloc(1024 * 1024);
	if (spawn_listing((char *[]){g.engine, "ps", "-a", "--filter",
				     "label=" LABEL_OWNER, "--format",
				     "{{.ID}}\t{{.Label \"" LABEL_TOOL
				     "\"}}\t{{.Label \"" LABEL_OWNER
				     "\"}}\t{{.Label \"" LABEL_USER "\"}}",
				     NULL},
			  name, list, 1024 * 1024, ENGINE_TIMEOUT, &e) < 0)
		goto fail;
	owner_scope(scope, sizeof(scope));
	for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n"))
		if (collect(&g, line, scope, &e) < 0)
			goto fail;
	printf("%zu %s, %zu in use", g.removed, g.dry ? "to remove" : "removed",
	       g.kept);
	if (g.others)
		printf(", %zu of other users left (theirs to remove, or root's with --all)",
		       g.others);
	putchar('\n');
	free(list);
	free(shims);
	return 0;
fail:
	free(list);
	free(shims);
	return cmd_fail("gc", &e);
}
