/* Running a helper program (a credential helper, the engine's client) and
 * reading what it prints, without a shell. */
#ifndef TBX_RUNPROG_H
#define TBX_RUNPROG_H

#include <stddef.h>

#include "base/err.h"

/* The monotonic clock, in milliseconds: for deadlines. */
long now_ms(void);

/* Run argv (argv[0] looked up in PATH unless it holds a '/') with input on
 * its stdin (NULL: none) and stderr discarded; its stdout, up to size - 1
 * bytes, goes NUL-terminated into out. A program still running after
 * timeout seconds is killed. Returns its exit status (128 + n when killed
 * by signal n), or -1 with errno when it could not be started. */
int spawn_capture(char *const argv[], const char *input, char *out, size_t size,
		  int timeout);

/* spawn_capture of an engine's listing (argv[1] its verb, name the
 * engine's for messages): 0, or -1 with e when it failed or printed more
 * than out holds, which a caller must not act on half-read. */
int spawn_listing(char *const argv[], const char *name, char *out, size_t size,
		  int timeout, struct tbx_err *e);

#endif
