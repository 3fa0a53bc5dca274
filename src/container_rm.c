/* A container of --rm that has ended is removed by the engine in its own
 * time: meanwhile 'rm -f' fails, saying removal is in progress, and the
 * container is still listed. */
#include "container_rm.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runprog.h"
#include "util.h"

#define LIST_SIZE (1024 * 1024)

/* The state of container id (an ID's start or a whole name) in list, the
 * engine's "ID\tnames\tstate" lines, in place; NULL when it is not there. */
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
		*state++ = '\0';
		if (!strncmp(line, id, len) ||
		    (!strncmp(names + 1, id, len) && names[1 + len] == '\0'))
			return state;
	}
	return NULL;
}

int container_rm(const char *engine, const char *id, int timeout,
		 struct tbx_err *e)
{
	char *ps[] = {(char *)engine,
		      "ps",
		      "-a",
		      "--no-trunc",
		      "--format",
		      "{{.ID}}\t{{.Names}}\t{{.State}}",
		      NULL};
	const char *client =
		strrchr(engine, '/') ? strrchr(engine, '/') + 1 : engine;
	char out[64], *list;
	const char *state = "running";
	int status = spawn_capture(
		(char *[]){(char *)engine, "rm", "-f", (char *)id, NULL}, NULL,
		out, sizeof(out), timeout);

	if (status == 0)
		return 0;
	list = xmalloc(LIST_SIZE);
	/* an answer, not a client killed at its timeout */
	for (int i = 0; status > 0 && status < 128 && i < timeout * 20; i++) {
		struct timespec pause = {0, 50000000};

		if (spawn_listing(ps, client, list, LIST_SIZE, timeout, e) <
		    0) {
			free(list);
			return -1;
		}
		state = state_in(list, id);
		if (!state || !strcmp(state, "running"))
			break;
		nanosleep(&pause, NULL);
	}
	if (!state) {
		free(list);
		return 0;
	}
	err_set(e, TBX_EXIT_FAIL,
		"cannot remove container %s, which %s has as %s: '%s rm -f %s' says why",
		id, client, status > 0 && status < 128 ? state : "unanswered",
		client, id);
	free(list);
	return -1;
}
