/* A container of --rm that has ended is removed by the engine in its own
 * time: meanwhile 'rm -f' fails, saying removal is in progress, and the
 * container is listed as "removing". */
#include "container_rm.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runprog.h"
#include "util.h"

#define LIST_SIZE (64 * 1024)

/* Whether id is a container's ID (or its start), not a name. */
static int is_id(const char *id)
{
	size_t n = strspn(id, "0123456789abcdef");

	return n >= 12 && !id[n];
}

/* The state of container id in list, the engine's "ID\tnames\tstate"
 * lines, in place; NULL when it is not there. */
static const char *state_in(char *list, const char *id)
{
	size_t len = strlen(id);

	/* not strtok: the callers walk their own listing with it */
	for (char *line = list, *next; *line; line = next) {
		char *names, *state;

		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		names = strchr(line, '\t');
		if (!names || !(state = strchr(names + 1, '\t')))
			continue;
		*names++ = '\0';
		*state++ = '\0';
		if (is_id(id) ? !strncmp(line, id, len) : !strcmp(names, id))
			return state;
	}
	return NULL;
}

int container_rm(const char *engine, const char *id, int timeout,
		 struct tbx_err *e)
{
	char *filter = xfmt("%s=%s", is_id(id) ? "id" : "name", id);
	char *ps[] = {(char *)engine,
		      "ps",
		      "-a",
		      "--no-trunc",
		      "--filter",
		      filter,
		      "--format",
		      "{{.ID}}\t{{.Names}}\t{{.State}}",
		      NULL};
	const char *client =
		strrchr(engine, '/') ? strrchr(engine, '/') + 1 : engine;
	char out[64], *list = NULL;
	const char *state = NULL;
	long deadline = now_ms() + timeout * 1000L;
	int r = -1, status = spawn_capture((char *[]){(char *)engine, "rm",
						      "-f", (char *)id, NULL},
					   NULL, out, sizeof(out), timeout);

	if (status == 0) {
		r = 0;
		goto out;
	}
	if (status < 0 || status >= 128) {
		err_set(e, TBX_EXIT_FAIL,
			"cannot remove container %s: '%s rm -f' did not answer in %d s (is the engine running?)",
			id, client, timeout);
		goto out;
	}
	list = xmalloc(LIST_SIZE);
	do {
		struct timespec pause = {0, 50000000};

		if (spawn_listing(ps, client, list, LIST_SIZE, timeout, e) < 0)
			goto out;
		state = state_in(list, id);
		if (!state) {
			r = 0; /* the engine's removal is done */
			goto out;
		}
		if (strcmp(state, "removing"))
			break;
		nanosleep(&pause, NULL);
	} while (now_ms() < deadline);
	if (!strcmp(state, "removing"))
		err_set(e, TBX_EXIT_FAIL,
			"container %s is still being removed by %s after %d s; run this again once '%s ps -a' no longer lists it",
			id, client, timeout, client);
	else
		err_set(e, TBX_EXIT_FAIL,
			"cannot remove container %s, which %s has as %s: run '%s rm -f %s' to see why",
			id, client, state, client, id);
out:
	free(list);
	free(filter);
	return r;
}
