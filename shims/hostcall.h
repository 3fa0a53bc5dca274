/* Host calls: a tool in its container asks the shim on the host to run a
 * host program (the user's editor), by name from a fixed list, on the
 * tool's own stdin, stdout and stderr.
 *
 * The shim listens on a unix socket (SOCK_SEQPACKET) in a directory of
 * the caller's own, which the container sees: a cold call's socket is
 * bind-mounted at HOSTCALL_COLD_SOCKET, a warm call's lies in the key's
 * directory the kept container has at WARM_DIR. The container's editor
 * variables name the shim binary mounted in it with "--host NAME"; run so,
 * the shim is the stub (hostcall_stub): it sends one message, the request
 * (hostcall_encode), with SCM_RIGHTS descriptors: its stdin, stdout,
 * stderr, its cwd, then one per path argument (O_PATH), by which the host
 * checks that each path names the same file on both sides. It then sends
 * one byte per signal it gets (HOSTCALL_SIGNALS), and the host answers
 * with the program's exit status, an int32. hostserve.h is the host's
 * side. */
#ifndef TBX_HOSTCALL_H
#define TBX_HOSTCALL_H

#include <stddef.h>

#include "plan.h"

/* The stub's first argument, after the binary's path. */
#define HOSTCALL_ARG "--host"
/* The variable that gives the stub its socket's path in the container. */
#define HOSTCALL_SOCKET_VAR  "TBX_HOST_SOCKET"
#define HOSTCALL_COLD_SOCKET "/run/tbx/host.sock"

/* The version byte that starts a request: both ends are the same binary
 * (cold: the shim mounted; warm: the agent, whose key covers the
 * protocol), but a request is outside input all the same. */
#define HOSTCALL_VERSION 1
/* An editor is given a file or a few; room for a dozen paths of PATH_MAX
 * in one message, well below a socket's buffer. */
#define HOSTCALL_ARGS_MAX    32
#define HOSTCALL_REQUEST_MAX (48 * 1024)
/* stdin, stdout, stderr, the cwd, one per path argument */
#define HOSTCALL_FDS_MAX (4 + HOSTCALL_ARGS_MAX)

/* The exit status of a request the host refuses (a name not in the list,
 * not allowed, or a path that is not the same file on the host). */
#define HOSTCALL_REFUSED 126

/* The signals the stub passes on, as a byte each: those a terminal or a
 * tool ending would send the program, and the window's changes (the stub
 * is in the foreground of the container's terminal; the program is not). */
#define HOSTCALL_NSIGNALS 5
extern const int hostcall_signals[HOSTCALL_NSIGNALS];

/* What the catalog's `host:` list and TBX_HOST allow, as bits. */
enum hostcall_allow { HOSTCALL_EDITOR = 1 };

/* One program a stub may ask for: the permission it needs, the container
 * variables that name it, and, on the host, the variables read in order
 * for the command, else the fallback. */
struct hostcall_prog {
	const char *name;
	unsigned allow;
	const char *sets[3];
	const char *reads[5];
	const char *fallback;
};

/* The program named so, or NULL. */
const struct hostcall_prog *hostcall_prog(const char *name);

/* The bit of a permission's name ("editor"), or 0 when there is none. */
unsigned hostcall_allow_bit(const char *name);

/* The names of the permissions, for messages: "editor". */
#define HOSTCALL_ALLOW_NAMES "editor"

/* A request. Strings are borrowed: from the caller when encoding, from the
 * decoded buffer when decoded. */
struct hostcall_request {
	const char *name; /* of a program, as the stub was asked */
	const char *cwd;  /* absolute */
	const char *arg[HOSTCALL_ARGS_MAX];
	unsigned nargs;
};

/* The request as bytes: HOSTCALL_VERSION, then the name, cwd and each
 * argument, every one NUL-terminated. Writes into buf (NULL: only
 * measures) and returns the length. */
size_t hostcall_encode(const struct hostcall_request *r, char *buf);

/* Read a request from len bytes at buf. Returns 0, or -1 when the bytes
 * are not one (another version, no final NUL, an empty name, a cwd that
 * is not absolute, too many arguments). */
int hostcall_decode(const char *buf, size_t len, struct hostcall_request *r);

/* Whether an argument names a file, which must be the same on the host:
 * all do but a line number ("+12"). */
int hostcall_is_path(const char *arg);

/* In plan_make: p->host, what the spec's host list allows and TBX_HOST
 * leaves (unset: all; "none"; or a comma-separated list), and for a cold
 * call the socket's path on the host. Returns 0 or -1 with e. */
int hostcall_plan(struct plan *p, struct tbx_err *e);

/* Whether host calls set variable name in the container, over a value
 * passed from the host. */
int hostcall_sets(const struct plan *p, const char *name);

/* The container's variables of p's host calls, "NAME=value", given the
 * stub's path and the socket's in the container: into env (room for
 * HOSTCALL_VARS_MAX), their number. 0 when p has no host calls. */
#define HOSTCALL_VARS_MAX 8
unsigned hostcall_env(struct plan *p, const char *stub, const char *socket,
		      const char **env);

/* In the container: the shim run as "<path> --host NAME ARGS...", with
 * argv from NAME on. Asks the host, and returns the program's status. */
int hostcall_stub(int argc, char **argv);

#endif
