/* tbx ps and tbx stop: the caller's kept containers of warm mode
 * (shims/warm/proto.h), which the engine knows by their tbx.warm and
 * tbx.user labels. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmds.h"
#include "container_rm.h"
#include "base/engine.h"
#include "base/labels.h"
#include "paths.h"
#include "runprog.h"
#include "util.h"

/* Seconds the engine may take to list or remove containers. */
#define ENGINE_TIMEOUT 60
#define LIST_SIZE      (1024 * 1024)

/* The engine's list of kept containers, one per line:
 * name, tool, idle seconds, key, project. */
static int list_kept(char *engine, const char *tool, char *out,
		     struct tbx_err *e)
{
	char *filter = tool ? xfmt("label=" LABEL_TOOL "=%s", tool) : NULL;
	char *mine = xfmt("label=" LABEL_USER "=%u", (unsigned)getuid());
	char *argv[] = {engine,
			"ps",
			"--filter",
			"label=" LABEL_WARM,
			"--filter",
			mine,
			"--format",
			"{{.Names}}\t{{.Label \"" LABEL_TOOL
			"\"}}\t{{.Label \"" LABEL_IDLE
			"\"}}\t{{.Label \"" LABEL_WARM
			"\"}}\t{{.Label \"" LABEL_PROJECT "\"}}",
			filter ? "--filter" : NULL,
			filter,
			NULL};
	char *shims = paths_shims_dir(e);
	const char *name;
	int status;

	if (!shims || engine_find(shims, &name, engine, e) < 0) {
		free(shims);
		free(filter);
		free(mine);
		return -1;
	}
	free(shims);
	status = spawn_listing(argv, name, out, LIST_SIZE, ENGINE_TIMEOUT, e);
	free(filter);
	free(mine);
	return status;
}

/* Split a line of list_kept into its 5 fields; 0 when malformed. */
static int fields(char *line, char *f[5])
{
	for (int i = 0; i < 5; i++) {
		f[i] = line;
		line = strchr(line, '\t');
		if (i < 4 && !line)
			return 0;
		if (line)
			*line++ = '\0';
	}
	return 1;
}

static void duration(long s, char *out, size_t size)
{
	if (s % 3600 == 0 && s)
		snprintf(out, size, "%ldh", s / 3600);
	else if (s % 60 == 0 && s)
		snprintf(out, size, "%ldm", s / 60);
	else
		snprintf(out, size, "%lds", s);
}

/* Seconds since the last call through key's lease, or -1 when the caller
 * has no such lease (the key's directory was removed, or is another
 * XDG_CACHE_HOME's). */
static long since_last_call(const char *tool, const char *key)
{
	struct tbx_err e;
	char *cache = paths_cache_dir(&e), *path;
	struct stat st;
	long r = -1;

	if (!cache)
		return -1;
	path = xfmt("%s/%s/warm/%.16s/lease", cache, tool, key);
	if (stat(path, &st) == 0)
		r = time(NULL) > st.st_mtime ? (long)(time(NULL) - st.st_mtime)
					     : 0;
	free(path);
	free(cache);
	return r;
}

int cmd_ps(int argc, char **argv)
{
	char engine[PATH_MAX], *list;
	struct tbx_err e;

	(void)argv;
	if (argc)
		return cmd_usage("ps");
	list = xmalloc(LIST_SIZE);
	if (list_kept(engine, NULL, list, &e) < 0) {
		free(list);
		return cmd_fail("ps", &e);
	}
	printf("%-12s %-6s %-10s %-26s %s\n", "TOOL", "IDLE", "LAST CALL",
	       "CONTAINER", "PROJECT");
	for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
		char *f[5], idle[32], last[32];
		long ago;

		if (!fields(line, f))
			continue;
		ago = since_last_call(f[1], f[3]);
		duration(strtol(f[2], NULL, 10), idle, sizeof(idle));
		if (ago < 0) {
			strcpy(last, "?"); /* the key's directory is gone */
		} else {
			duration(ago, last, sizeof(last) - 4);
			strcat(last, " ago");
		}
		printf("%-12s %-6s %-10s %-26s %s\n", f[1], idle, last, f[0],
		       f[4]);
	}
	free(list);
	return 0;
}

int cmd_stop(int argc, char **argv)
{
	char engine[PATH_MAX], *list = xmalloc(LIST_SIZE);
	struct tbx_err e;
	size_t stopped = 0;

	for (int i = 0; i < (argc ? argc : 1); i++) {
		if (argc && argv[i][0] == '-') {
			free(list);
			return cmd_usage("stop");
		}
		if (list_kept(engine, argc ? argv[i] : NULL, list, &e) < 0)
			goto fail;
		for (char *line = strtok(list, "\n"); line;
		     line = strtok(NULL, "\n")) {
			char *f[5];

			if (!fields(line, f))
				continue;
			/* removing ends the watcher, whose lock then tells
			 * the next call to start a new container */
			if (container_rm(engine, f[0], ENGINE_TIMEOUT, &e) < 0)
				goto fail;
			printf("stopped %s (%s, %s)\n", f[0], f[1], f[4]);
			stopped++;
		}
	}
	if (!stopped)
		printf("no kept containers%s\n", argc ? " of these tools" : "");
	free(list);
	return 0;
fail:
	free(list);
	return cmd_fail("stop", &e);
}
