/* tbx gc: remove the containers that shims started and whose engine client
 * is gone (a shim killed with SIGKILL leaves its container running). Only
 * containers labelled by tbx, started on this boot of this machine in this
 * pid namespace, are considered: a label names the client's process, and a
 * process still alive with that label in its command line owns it. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
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

int cmd_gc(int argc, char **argv)
{
	int dry = argc == 1 && !strcmp(argv[0], "--dry-run");
	char scope[128], engine[PATH_MAX], *list = NULL, *shims = NULL;
	const char *name;
	struct tbx_err e;
	size_t nscope, removed = 0, kept = 0;
	int status;

	if (argc > 1 || (argc && !dry))
		return cmd_usage("gc");
	shims = paths_shims_dir(&e);
	if (!shims || engine_find(shims, &name, engine, &e) < 0)
		goto fail;
	list = xmalloc(1024 * 1024);
	status = spawn_capture((char *[]){engine, "ps", "-a", "--filter",
					  "label=" LABEL_OWNER, "--format",
					  "{{.ID}} {{.Label \"" LABEL_TOOL
					  "\"}} {{.Label \"" LABEL_OWNER "\"}}",
					  NULL},
			       NULL, list, 1024 * 1024, ENGINE_TIMEOUT);
	if (status) {
		err_set(&e, TBX_EXIT_FAIL, "'%s ps' failed (%s)", name,
			status < 0 ? strerror(errno)
				   : "is the engine running?");
		goto fail;
	}
	if (strlen(list) >= 1024 * 1024 - 1) {
		err_set(&e, TBX_EXIT_FAIL,
			"'%s ps' listed more than tbx reads; nothing removed",
			name);
		goto fail;
	}
	owner_scope(scope, sizeof(scope));
	nscope = strlen(scope);
	for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
		char id[128], tool[128], owner[256], out[256];
		long pid;

		if (sscanf(line, "%127s %127s %255s", id, tool, owner) != 3 ||
		    strncmp(owner, scope, nscope))
			continue; /* another machine's, boot's or namespace's */
		pid = strtol(owner + nscope, NULL, 10);
		if (pid > 0 && owner_alive((pid_t)pid, owner)) {
			kept++;
			continue;
		}
		if (!dry &&
		    spawn_capture((char *[]){engine, "rm", "-f", id, NULL},
				  NULL, out, sizeof(out),
				  ENGINE_TIMEOUT) != 0) {
			err_set(&e, TBX_EXIT_FAIL, "cannot remove container %s",
				id);
			goto fail;
		}
		printf("%s %.12s (%s: its engine client, pid %ld, is gone)\n",
		       dry ? "would remove" : "removed", id, tool, pid);
		removed++;
	}
	printf("%zu %s, %zu in use\n", removed, dry ? "to remove" : "removed",
	       kept);
	free(list);
	free(shims);
	return 0;
fail:
	free(list);
	free(shims);
	return cmd_fail("gc", &e);
}
