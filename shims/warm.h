/* Warm mode: a call runs in a kept container, made on first use for one key
 * (engine, image, user, mounts, environment) and stopped by a watcher
 * inside it once no call has run for its idle time.
 *
 * The host and the container meet in a directory per key, bind-mounted
 * into the container. The watcher listens on its socket: a call sends its
 * stdin, stdout and stderr, its directory, variables and argv, then the
 * signals the shim gets, and reads back the status. The byte-range locks
 * of its lease file say what is going on:
 *   byte 0  write-locked by the watcher for as long as it lives
 *   byte 1  read-locked by each call; the watcher write-locks it to stop
 *   byte 2  write-locked by the shim creating the container; read-locked
 *           while a call reads the container's name and entrypoint
 *   byte 3  write-locked by the watcher, taken first: one watcher a lease
 * The file holds the image's entrypoint items, each NUL-terminated, and its
 * mtime is the last use; "name" beside it, written by the watcher that
 * holds byte 3, names its container. The watcher and the wrapper of a call made
 * with the engine's exec are the shim binary itself, mounted at WARM_AGENT. */
#ifndef TBX_WARM_H
#define TBX_WARM_H

#include "runtime.h"

#define WARM_AGENT "/run/tbx/warm"
#define WARM_DIR   "/run/tbx/w" /* the key's directory, from the host */
#define WARM_LEASE WARM_DIR "/lease"
#define WARM_SOCK  WARM_DIR "/sock"
#define WARM_SECONDS_HELP                                                      \
	"must be a duration such as 90s, 10m or 1h (at most 7d), or 0"

/* Seconds in "0", "90", "90s", "10m", "2h" or "1d"; -1 when invalid. */
long warm_seconds(const char *s);

/* The idle time that applies to p's tool: TBX_WARM, else the .toolbox's
 * warm, else the catalog's; 0 for cold. Returns 0 or -1 with e. */
int warm_choose(struct rt_plan *p, struct tbx_err *e);

/* Run the planned call in its kept container, creating it when none
 * lives from req->self, the shim's own executable. Returns the call's
 * status, or -1 with e. */
int warm_run(struct rt_plan *p, const struct rt_request *req,
	     struct tbx_err *e);

/* In a kept container, with argv[0] == WARM_AGENT:
 *   -w SECONDS NAME   serve calls as container NAME, exit when idle that
 *                     long
 *   -c CMD [ARG...]   run CMD as a call made with the engine's exec
 * Returns the exit status. */
int warm_agent(int argc, char **argv);

#endif
