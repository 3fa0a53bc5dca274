/* The host's side of host calls (hostcall.h): the socket a shim listens on
 * while its tool runs, and a server per request, which checks it, runs
 * the user's program on the descriptors the tool passed and sends back
 * its status. One socket per shim process. */
#ifndef TBX_HOSTSERVE_H
#define TBX_HOSTSERVE_H

#include <sys/types.h>

#include "plan.h"

/* Listen at path (bound through its directory's descriptor, so that a
 * long path does not matter), for what p->host allows. Its directory is
 * made the caller's own up from top (mkdirs_private). Returns 0 or -1
 * with e. */
int hostserve_open(const struct plan *p, const char *path, const char *top,
		   struct tbx_err *e);

/* The listening socket, for a relay loop to poll; -1 when none. */
int hostserve_fd(void);

/* A connection waits: serve it in a process of its own (which the shim
 * does not wait for: its end is the request's). */
void hostserve_accept(void);

/* waitpid(child, wstatus, 0), serving requests meanwhile. 0, or -1 with
 * errno. */
int hostserve_wait(pid_t child, int *wstatus);

/* Run argv at path (the engine's client) with the shim's descriptors,
 * serving requests until it ends, and passing it the signals a process
 * sends the shim (a terminal's reach it in the same process group). Its
 * exit status, and in *signo the signal that killed it (0: none), by
 * which the shim ends too once it is done. -1 with e when it cannot
 * start. Closes the socket. */
int hostserve_run(const char *path, char *const argv[], int *signo,
		  struct tbx_err *e);

/* Stop listening and remove the socket. */
void hostserve_close(void);

#endif
