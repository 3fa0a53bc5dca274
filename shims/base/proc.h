/* Starting a program and waiting for it, for the helpers a shim runs (the
 * engine's client, when warm mode creates a container). */
#ifndef TBX_PROC_H
#define TBX_PROC_H

#include <stddef.h>
#include <sys/types.h>

/* What a program printed, read whole into a caller's buffer. */
struct proc_out {
	char *buf;   /* NUL-terminated; NULL: thrown away */
	size_t size; /* of buf */
	size_t len;  /* what was read, at most size - 1 */
};

/* Given as out: the program's stdout is the caller's stderr (a pull's
 * progress, where the user sees it and the tool's output is not). */
extern struct proc_out proc_to_stderr;

/* Run argv at path with no signal blocked, its stdin /dev/null, its
 * stdout into out and its stderr into err (either may be NULL: thrown
 * away). Its exit status, 128 + n when killed by signal n, or
 * TBX_EXIT_FAIL (or 126, 127) when it could not run. */
int proc_capture(char *const argv[], const char *path, struct proc_out *out,
		 struct proc_out *err);

/* The exit status a wait status stands for, as a shell gives it. */
int proc_status(int wstatus);

#endif
