/* One call in a kept container (warm.h): through the watcher's socket with
 * the caller's own stdin, stdout and stderr, or with the engine's exec when
 * the call has a TTY. */
#ifndef TBX_WARM_CALL_H
#define TBX_WARM_CALL_H

#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#include "runtime.h"

/* Room for the entrypoint items the lease records. */
#define WARM_EP_MAX 32
/* The most a call's request may carry: cwd, variables and argv. */
#define WARM_REQUEST_MAX (4 * 1024 * 1024)

struct warm_call {
	char dir[PATH_MAX];	  /* the key's directory on the host */
	char lease[PATH_MAX + 8]; /* dir/lease */
	char buf[4096];		  /* the lease's content */
	char name[64];		  /* the container */
	char *ep[WARM_EP_MAX];	  /* the image's entrypoint, in buf */
	int nep;
};

/* The signals a call is sent on, as a cold run's init would pass them. */
extern const int warm_forwarded[6];

/* Run the call, which holds the lease open as lease_fd: its status, or -1
 * with e. A call with a TTY execs the engine and returns only on failure.
 */
int warm_call(struct rt_plan *p, const struct rt_request *req,
	      const struct warm_call *c, int lease_fd, struct tbx_err *e);

/* Lock (F_RDLCK, F_WRLCK) or unlock (F_UNLCK) one byte of the lease at fd,
 * waiting for it or not. Returns 0 or -1 with errno. */
int warm_lock(int fd, int byte, short type, int wait);

/* Send (out, to a socket) or read len bytes at buf, all of them. Returns 0, or
 * -1 with errno (unchanged at an early end of file). */
int warm_io(int fd, void *buf, size_t len, int out);

/* fork and exec argv at path with the signal mask mask and stdout on out
 * (-1: inherited); the child's pid, or -1. */
pid_t warm_spawn(char *const argv[], const char *path, int out,
		 const sigset_t *mask);

/* Wait for pid: its exit status, 128 + n when killed by signal n. */
int warm_wait(pid_t pid);

/* The exit status a wait status stands for, as a shell gives it. */
int warm_status(int wstatus);

#endif
