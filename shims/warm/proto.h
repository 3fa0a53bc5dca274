/* The protocol between a shim and a kept container (warm mode): what both
 * sides agree on, used by the client (client.c, call.c) and the agent
 * (agent.c) alike.
 *
 * The host and the container meet in a directory per key, bind-mounted
 * into the container at WARM_DIR. The agent's watcher listens on its
 * socket. A call sends a struct warm_hello with its stdin, stdout and
 * stderr as SCM_RIGHTS, then the request (warm_encode), then one byte per
 * signal the shim gets. The agent answers with replies (enum warm_reply):
 * the master of the call's own pseudo-terminal when the caller has a
 * terminal, a stop when the call is stopped (the shim stops too, and sends
 * SIGCONT once continued), and last the call's status. Both sides are the
 * same binary, so the structs travel as they are. The byte-range locks of
 * the lease file say what goes on:
 *   byte 0  write-locked by the watcher for as long as it lives
 *   byte 1  read-locked by each call; the watcher write-locks it to stop
 *   byte 2  write-locked by the shim creating the container; read-locked
 *           while a call reads the container's name and entrypoint
 *   byte 3  write-locked by the watcher, taken first: one watcher a lease
 * The file holds the image's entrypoint items, each NUL-terminated, and its
 * mtime is the last use; "name" beside it, written by the watcher that
 * holds byte 3, names its container. */
#ifndef TBX_WARM_PROTO_H
#define TBX_WARM_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <termios.h>

#define WARM_AGENT "/run/tbx/warm" /* the shim binary, in the container */
#define WARM_DIR   "/run/tbx/w"	   /* the key's directory, from the host */
#define WARM_LEASE WARM_DIR "/lease"
#define WARM_SOCK  WARM_DIR "/sock"

/* The most a call's request may carry: cwd, variables and argv. */
#define WARM_REQUEST_MAX (4 * 1024 * 1024)

/* The lease's bytes (see above). */
enum warm_byte {
	WARM_BYTE_ALIVE,
	WARM_BYTE_CALL,
	WARM_BYTE_CREATE,
	WARM_BYTE_WATCHER
};

/* Which of the caller's stdin, stdout and stderr are terminals. A call
 * whose stdin and stdout both are runs on a pseudo-terminal of its own in
 * the container, the others on the caller's descriptors. */
enum {
	WARM_TTY_IN = 1,
	WARM_TTY_OUT = 2,
	WARM_TTY_ERR = 4,
	WARM_TTY = WARM_TTY_IN | WARM_TTY_OUT
};

/* The first message of a call, sent with its three descriptors. */
struct warm_hello {
	uint32_t len;	    /* of the request that follows */
	uint32_t tty;	    /* WARM_TTY_* bits */
	struct winsize ws;  /* the caller's window, with a terminal */
	struct termios tio; /* the caller's terminal settings, likewise */
};

/* The agent's replies: a tag byte, then what it says. */
enum warm_reply {
	WARM_REPLY_PTY = 'P',  /* the pty's master comes as SCM_RIGHTS */
	WARM_REPLY_STOP = 'S', /* one byte: the signal that stopped the call */
	WARM_REPLY_EXIT = 'X'  /* an int32: the call's exit status */
};

/* One call's request. Strings are borrowed: from the caller when encoding,
 * from the decoded buffer when decoded. */
struct warm_request {
	const char *cwd;
	const char *const *env; /* "NAME=value", over the container's own */
	size_t nenv;
	const char *const *argv; /* the image's entrypoint, command, args */
	size_t argc;
};

/* The request as bytes: cwd, each variable, "", each argument, every one
 * NUL-terminated. Writes into buf (NULL: only measures) and returns the
 * length. */
size_t warm_encode(const struct warm_request *r, char *buf);

/* Read a request from len bytes at buf; env and argv are arrays of the
 * caller's, of at least warm_decode_items(buf, len) entries each. Returns
 * 0, or -1 when the bytes are not a request (no final NUL, no cwd, no
 * separator, no command). */
int warm_decode(const char *buf, size_t len, struct warm_request *r,
		const char **env, const char **argv);

/* The number of NUL-terminated strings in len bytes at buf. */
size_t warm_decode_items(const char *buf, size_t len);

/* Lock (F_RDLCK, F_WRLCK) or unlock (F_UNLCK) one byte of the lease at fd,
 * waiting for it or not. Returns 0 or -1 with errno. */
int warm_lock(int fd, enum warm_byte byte, short type, int wait);

/* Whether a watcher holds byte 0 of the lease at fd: whether a kept
 * container for it runs. */
int warm_alive(int fd);

/* Send (out, to a socket) or read len bytes at buf, all of them. Returns
 * 0, or -1 with errno (unchanged at an early end of file). */
int warm_io(int fd, void *buf, size_t len, int out);

/* The signals a call is sent on, as a cold run's init would pass them. */
#define WARM_NFORWARDED 7
extern const int warm_forwarded[WARM_NFORWARDED];

#endif
