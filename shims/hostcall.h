/* Host calls: a tool in its container asks the shim on the host to run a
 * host program (the user's editor, gpg, askpass), by name from a fixed
 * list, on the tool's own stdin, stdout and stderr.
 *
 * The shim listens on a unix socket (SOCK_SEQPACKET) in a directory of
 * the caller's own, which the container sees: a cold call's socket is
 * bind-mounted at HOSTCALL_COLD_SOCKET, a warm call's lies in the key's
 * directory the kept container has at WARM_DIR. The container's editor
 * variables name the shim binary mounted in it with "--host NAME"; a
 * program the tool runs by path, not through a shell (git's gpg.program,
 * GIT_ASKPASS), is the binary mounted again at HOSTCALL_BIN/NAME. Run so,
 * the shim is the stub (hostcall_stub): it sends one message, the request
 * (hostcall_encode), with SCM_RIGHTS descriptors: its stdin, stdout,
 * stderr, its cwd, then one per path argument (O_PATH), by which the host
 * checks that each path names the same file on both sides, and last, for
 * a program that opens the terminal by name, the tool's terminal. It then sends
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
/* Where the stub is mounted once per program the tool runs by path. */
#define HOSTCALL_BIN "/run/tbx/bin"

/* The version byte that starts a request: both ends are the same binary
 * (cold: the shim mounted; warm: the agent, whose key covers the
 * protocol), but a request is outside input all the same. */
#define HOSTCALL_VERSION 1
/* An editor is given a file or a few; room for a dozen paths of PATH_MAX
 * in one message, well below a socket's buffer. */
#define HOSTCALL_ARGS_MAX    32
#define HOSTCALL_REQUEST_MAX (48 * 1024)
/* stdin, stdout, stderr, the cwd, one per path argument, the terminal */
#define HOSTCALL_FDS_MAX (4 + HOSTCALL_ARGS_MAX + 1)

/* The exit status of a request the host refuses (a name not in the list,
 * not allowed, or a path that is not the same file on the host). */
#define HOSTCALL_REFUSED 126

/* The signals the stub passes on, as a byte each: those a terminal or a
 * tool ending would send the program, and the window's changes (the stub
 * is in the foreground of the container's terminal; the program is not). */
#define HOSTCALL_NSIGNALS 5
extern const int hostcall_signals[HOSTCALL_NSIGNALS];

/* What the catalog's `host:` list and TBX_HOST allow, as bits. */
enum hostcall_allow {
	HOSTCALL_EDITOR = 1,
	HOSTCALL_GPG = 2,
	HOSTCALL_ASKPASS = 4,
	HOSTCALL_CREDENTIAL = 8,
};

/* The names of the permissions, for messages. */
#define HOSTCALL_ALLOW_NAMES "editor, gpg, askpass, credential"

/* One program a stub may ask for: the permission it needs; the stub's
 * path for one the tool runs by path (NULL: through a shell, "<stub>
 * --host NAME"); the container variables, and the git setting, that name
 * it (after an empty value, which drops the user's, when git_reset); on
 * the host, the variables (or "git:<name>", the user's git settings)
 * read in order for the command, else the fallback (NULL: none, and then
 * the tool is not given the program); which of a request's arguments
 * name files (bit i for argument i), or -1 for arguments the program is
 * not run with; and the variable that gives a program the tool's
 * terminal by name (GPG_TTY, for gpg's pinentry), or NULL. */
#define HOSTCALL_READS 6
struct hostcall_prog {
	const char *name;
	unsigned allow;
	const char *bin;
	const char *sets[3];
	const char *git_config;
	int git_reset;
	const char *reads[HOSTCALL_READS];
	const char *fallback;
	int (*paths)(unsigned nargs, const char *const *args,
		     unsigned long *mask);
	const char *tty_var;
};

/* The program named so, or NULL. */
const struct hostcall_prog *hostcall_prog(const char *name);

/* The bit of a permission's name ("editor"), or 0 when there is none. */
unsigned hostcall_allow_bit(const char *name);

/* The host command a program stands for: the first of its variables the
 * host sets, else its fallback; NULL when none. */
const char *hostcall_command(const struct hostcall_prog *prog);

/* The stub's paths (HOSTCALL_BIN/NAME) of the programs p allows that
 * the tool runs by path: into bins (room for HOSTCALL_BINS_MAX), their
 * number. */
#define HOSTCALL_BINS_MAX 8
unsigned hostcall_bins(const struct plan *p, const char **bins);

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

/* Which arguments of a request to prog name files, which must be the same
 * on the host: bit i for argument i. 0, or -1 when prog is not run with
 * such arguments. */
int hostcall_paths(const struct hostcall_prog *prog, unsigned nargs,
		   const char *const *args, unsigned long *mask);

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
#define HOSTCALL_VARS_MAX 16
unsigned hostcall_env(struct plan *p, const char *stub, const char *socket,
		      const char **env);

/* In the container: the shim run as "<path> --host NAME ARGS...", or as
 * HOSTCALL_BIN/NAME, with argv from NAME on. Asks the host, and returns
 * the program's status. */
int hostcall_stub(int argc, char **argv);

#endif
