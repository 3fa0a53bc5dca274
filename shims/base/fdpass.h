/* Descriptors passed over a unix socket (SCM_RIGHTS) with the bytes of one
 * message: a warm call's stdin, stdout, stderr and pty, a host call's
 * descriptors. */
#ifndef TBX_FDPASS_H
#define TBX_FDPASS_H

#include <stddef.h>
#include <sys/types.h>

/* The most descriptors one message carries: a host call's (hostcall.h). */
#define FDPASS_MAX 40

/* Send len bytes at buf with the n (at most FDPASS_MAX) descriptors at
 * fds, in one sendmsg, never raising SIGPIPE. Returns 0 when all of buf
 * went, else -1 (with errno when the call failed). */
int fdpass_send(int sock, const void *buf, size_t len, const int *fds,
		unsigned n);

/* Receive up to len bytes into buf (flags: recvmsg's, such as
 * MSG_WAITALL), and the descriptors that came with them, close-on-exec,
 * into fds (room for max, at most FDPASS_MAX), their number in *n.
 * Returns the bytes read, 0 at the end, or -1 with errno (EMSGSIZE when
 * the bytes or the descriptors did not fit: those that came are closed). */
ssize_t fdpass_recv(int sock, void *buf, size_t len, int flags, int *fds,
		    unsigned max, unsigned *n);

#endif
