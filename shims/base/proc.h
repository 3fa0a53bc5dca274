/* Starting a program and waiting for it, for the helpers a shim runs (the
 * engine's client, when warm mode creates a container). */
#ifndef TBX_PROC_H
#define TBX_PROC_H

#include <signal.h>
#include <sys/types.h>

/* fork and exec argv at path with the signal mask mask and stdout on out
 * (-1: inherited); the child's pid, or -1. */
pid_t proc_spawn(char *const argv[], const char *path, int out,
		 const sigset_t *mask);

/* Wait for pid: its exit status, 128 + n when killed by signal n. */
int proc_wait(pid_t pid);

/* The exit status a wait status stands for, as a shell gives it. */
int proc_status(int wstatus);

#endif
