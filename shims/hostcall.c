/* Host calls: the programs a tool may ask for, the request's encoding,
 * what a plan allows, and the stub that asks from inside the container. */
#include "hostcall.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "base/err.h"
#include "base/decimal.h"
#include "base/fdpass.h"
#include "base/fmt.h"
#include "base/nulstr.h"
#include "gitsettings.h"

_Static_assert(sizeof(unsigned long) * 8 >= HOSTCALL_ARGS_MAX,
	       "a bit for each argument");

/* Whether an argument is a line number ("+12"), as an editor takes. */
static int is_line(const char *arg)
{
	return arg[0] == '+' && arg[1] &&
	       strspn(arg + 1, "0123456789") == strlen(arg + 1);
}

/* An editor is given files, and perhaps the line to start at. */
static int editor_paths(unsigned n, const char *const *a, unsigned long *mask)
{
	for (unsigned i = 0; i < n; i++)
		if (!is_line(a[i]))
			*mask |= 1UL << i;
	return 0;
}

/* gpg as git runs it, and no other way: to sign what it reads with a key
 * ("--status-fd=2 -bsau KEY"), or to check a signature in a file against
 * what it reads ("[--keyid-format=long] --status-fd=1 --verify FILE -").
 * Never to export, import, decrypt or change trust. */
static int gpg_paths(unsigned n, const char *const *a, unsigned long *mask)
{
	unsigned k = n == 5 && !strcmp(a[0], "--keyid-format=long");

	if (n == 3 && !strcmp(a[0], "--status-fd=2") &&
	    !strcmp(a[1], "-bsau") && a[2][0] && a[2][0] != '-')
		return 0;
	if (n == 4 + k && !strcmp(a[k], "--status-fd=1") &&
	    !strcmp(a[k + 1], "--verify") && a[k + 2][0] &&
	    a[k + 2][0] != '-' && !strcmp(a[k + 3], "-")) {
		*mask = 1UL << (k + 2);
		return 0;
	}
	return -1;
}

/* An askpass program is given its prompt, which is no option of its. */
static int prompt_only(unsigned n, const char *const *a, unsigned long *mask)
{
	(void)mask;
	return n == 0 || (n == 1 && a[0][0] != '-') ? 0 : -1;
}

/* A credential helper is given what git wants of it. */
static int credential_op(unsigned n, const char *const *a, unsigned long *mask)
{
	(void)mask;
	return n == 1 && (!strcmp(a[0], "get") || !strcmp(a[0], "store") ||
			  !strcmp(a[0], "erase"))
		       ? 0
		       : -1;
}

/* Git reads GIT_EDITOR, its core.editor, VISUAL, then EDITOR; its
 * sequence editor comes first for `rebase -i`; other tools read VISUAL,
 * then EDITOR. Git runs gpg, and git and ssh run their askpass, by path;
 * git's gpg.program wins over the user's own in the container, and the
 * host runs the user's. "git:" names a setting of the user's own global
 * git files (gitsettings.h), never of the project's. The
 * host's credential helper is the one the user names for tbx, which
 * stands for those of the user's git settings (none of them can run in
 * the image but git's own store and cache). */
static const struct hostcall_prog progs[] = {
	{.name = "editor",
	 .allow = HOSTCALL_EDITOR,
	 .sets = {"VISUAL", "EDITOR"},
	 .reads = {"VISUAL", "EDITOR"},
	 .fallback = "vi",
	 .paths = editor_paths},
	{.name = "git-editor",
	 .allow = HOSTCALL_EDITOR,
	 .sets = {"GIT_EDITOR"},
	 .reads = {"GIT_EDITOR", "git:core.editor", "VISUAL", "EDITOR"},
	 .fallback = "vi",
	 .paths = editor_paths},
	{.name = "git-sequence-editor",
	 .allow = HOSTCALL_EDITOR,
	 .sets = {"GIT_SEQUENCE_EDITOR"},
	 .reads = {"GIT_SEQUENCE_EDITOR", "git:sequence.editor", "GIT_EDITOR",
		   "git:core.editor", "VISUAL", "EDITOR"},
	 .fallback = "vi",
	 .paths = editor_paths},
	{.name = "gpg",
	 .allow = HOSTCALL_GPG,
	 .bin = HOSTCALL_BIN "/gpg",
	 .git_config = "gpg.program",
	 .reads = {"git:gpg.program", "git:gpg.openpgp.program"},
	 .fallback = "gpg",
	 .paths = gpg_paths,
	 .tty_var = "GPG_TTY"},
	{.name = "askpass",
	 .allow = HOSTCALL_ASKPASS,
	 .bin = HOSTCALL_BIN "/askpass",
	 .sets = {"GIT_ASKPASS", "SSH_ASKPASS"},
	 .reads = {"GIT_ASKPASS", "SSH_ASKPASS"},
	 .paths = prompt_only},
	{.name = "credential",
	 .allow = HOSTCALL_CREDENTIAL,
	 .bin = HOSTCALL_BIN "/credential",
	 .git_config = "credential.helper",
	 .git_reset = 1,
	 .reads = {"TBX_GIT_CREDENTIAL_HELPER"},
	 .paths = credential_op},
};
#define NPROGS (sizeof(progs) / sizeof(progs[0]))

const int hostcall_signals[HOSTCALL_NSIGNALS] = {SIGINT, SIGQUIT, SIGTERM,
						 SIGHUP, SIGWINCH};

const struct hostcall_prog *hostcall_prog(const char *name)
{
	for (size_t i = 0; i < NPROGS; i++)
		if (!strcmp(progs[i].name, name))
			return &progs[i];
	return NULL;
}

unsigned hostcall_allow_bit(const char *name)
{
	if (!strcmp(name, "editor"))
		return HOSTCALL_EDITOR;
	if (!strcmp(name, "gpg"))
		return HOSTCALL_GPG;
	if (!strcmp(name, "askpass"))
		return HOSTCALL_ASKPASS;
	return !strcmp(name, "credential") ? HOSTCALL_CREDENTIAL : 0;
}

const char *hostcall_command(const struct hostcall_prog *prog)
{
	static char setting[4096];

	for (size_t i = 0; i < HOSTCALL_READS && prog->reads[i]; i++) {
		const char *r = prog->reads[i], *v;

		if (!strncmp(r, "git:", 4)) {
			if (gitsettings_get(r + 4, setting, sizeof(setting)) ==
				    0 &&
			    setting[0])
				return setting;
			continue;
		}
		if ((v = getenv(r)) && *v)
			return v;
	}
	return prog->fallback;
}

/* Whether p gives the tool prog: allowed, and a command on the host. */
static int offered(const struct plan *p, const struct hostcall_prog *prog)
{
	return (p->host & prog->allow) &&
	       (prog->fallback || hostcall_command(prog));
}

unsigned hostcall_bins(const struct plan *p, const char **bins)
{
	unsigned n = 0;

	for (size_t i = 0; i < NPROGS && n < HOSTCALL_BINS_MAX; i++)
		if ((p->host & progs[i].allow) && progs[i].bin)
			bins[n++] = progs[i].bin;
	return n;
}

int hostcall_paths(const struct hostcall_prog *prog, unsigned nargs,
		   const char *const *args, unsigned long *mask)
{
	*mask = 0;
	return prog->paths(nargs, args, mask);
}

size_t hostcall_encode(const struct hostcall_request *r, char *buf)
{
	size_t n = 1;

	if (buf)
		buf[0] = HOSTCALL_VERSION;
	n = nulstr_put(buf, n, r->name);
	n = nulstr_put(buf, n, r->cwd);
	for (unsigned i = 0; i < r->nargs; i++)
		n = nulstr_put(buf, n, r->arg[i]);
	return n;
}

int hostcall_decode(const char *buf, size_t len, struct hostcall_request *r)
{
	const char *c = buf + 1, *end = buf + len;

	if (len < 2 || buf[0] != HOSTCALL_VERSION || buf[len - 1] != '\0' ||
	    !*c)
		return -1;
	r->name = c;
	c += strlen(c) + 1;
	if (c >= end || *c != '/')
		return -1;
	r->cwd = c;
	r->nargs = 0;
	for (c += strlen(c) + 1; c < end; c += strlen(c) + 1) {
		if (r->nargs == HOSTCALL_ARGS_MAX)
			return -1;
		r->arg[r->nargs++] = c;
	}
	return 0;
}

/* What TBX_HOST leaves of allowed: unset or empty, all of it; "none",
 * nothing; else the permissions it lists. */
static int user_allows(unsigned *allowed, struct tbx_err *e)
{
	const char *v = getenv("TBX_HOST");
	unsigned mine = 0;

	if (!v || !*v)
		return 0;
	if (!strcmp(v, "none")) {
		*allowed = 0;
		return 0;
	}
	for (const char *c = v; *c;) {
		size_t n = strcspn(c, ",");
		char name[32];
		unsigned bit = 0;

		if (n < sizeof(name)) {
			memcpy(name, c, n);
			name[n] = '\0';
			bit = hostcall_allow_bit(name);
		}
		if (!bit)
			return err_set(
				e, TBX_EXIT_FAIL,
				"TBX_HOST='%s' must be none or a list of: " HOSTCALL_ALLOW_NAMES,
				v);
		mine |= bit;
		c += n + (c[n] == ',');
	}
	*allowed &= mine;
	return 0;
}

int hostcall_plan(struct plan *p, struct tbx_err *e)
{
	const struct spec_list *l = &p->spec.host;
	struct timespec t;

	for (unsigned i = 0; i < l->n; i++)
		p->host |= hostcall_allow_bit(l->item[i]);
	if (user_allows(&p->host, e) < 0)
		return -1;
	if (!p->host || !p->launcher)
		return 0;
	/* this call's own, in a directory of the caller's (run.c makes it) */
	clock_gettime(CLOCK_REALTIME, &t);
	p->host_socket = arena_printf(&p->arena, "%s/host/%d-%x", p->tool_dir,
				      (int)getpid(), (unsigned)t.tv_nsec);
	return p->host_socket ? 0 : err_set(e, TBX_EXIT_FAIL, "out of memory");
}

int hostcall_sets(const struct plan *p, const char *name)
{
	for (size_t i = 0; i < NPROGS; i++) {
		if (!offered(p, &progs[i]))
			continue;
		if (progs[i].git_config && !strncmp(name, "GIT_CONFIG_", 11))
			return 1;
		for (size_t j = 0; j < 3 && progs[i].sets[j]; j++)
			if (!strcmp(progs[i].sets[j], name))
				return 1;
	}
	return 0;
}

unsigned hostcall_env(struct plan *p, const char *stub, const char *socket,
		      const char **env)
{
	const struct hostcall_prog *git[NPROGS];
	unsigned n = 0, ngit = 0, k = 0;

	if (!p->host)
		return 0;
	env[n++] = arena_printf(&p->arena, HOSTCALL_SOCKET_VAR "=%s", socket);
	for (size_t i = 0; i < NPROGS; i++) {
		const struct hostcall_prog *prog = &progs[i];

		if (!offered(p, prog))
			continue;
		for (size_t j = 0; j < 3 && prog->sets[j]; j++)
			env[n++] =
				prog->bin
					? arena_printf(&p->arena, "%s=%s",
						       prog->sets[j], prog->bin)
					: arena_printf(&p->arena,
						       "%s=%s " HOSTCALL_ARG
						       " %s",
						       prog->sets[j], stub,
						       prog->name);
		if (prog->git_config)
			git[ngit++] = prog;
	}
	/* git's settings from the environment, over the user's files */
	for (unsigned i = 0; i < ngit; i++)
		k += 1 + git[i]->git_reset;
	if (k)
		env[n++] = arena_printf(&p->arena, "GIT_CONFIG_COUNT=%u", k);
	k = 0;
	for (unsigned i = 0; i < ngit; i++)
		for (int j = !git[i]->git_reset; j < 2; j++, k++) {
			env[n++] =
				arena_printf(&p->arena, "GIT_CONFIG_KEY_%u=%s",
					     k, git[i]->git_config);
			env[n++] = arena_printf(&p->arena,
						"GIT_CONFIG_VALUE_%u=%s", k,
						j ? git[i]->bin : "");
		}
	return n;
}

/* The stub's request message: the bytes, and its descriptors. */
struct stub_msg {
	char buf[HOSTCALL_REQUEST_MAX];
	char cwd[PATH_MAX];
	int fds[HOSTCALL_FDS_MAX];
	unsigned nfds;
	size_t len;
};

/* The stub's controlling terminal itself, which another process can open
 * again through /proc (not /dev/tty, which is each process's own): the
 * pseudo-terminal its tty_nr names. -1 when there is none. */
static int open_tty(void)
{
	char stat[1024], path[32];
	const char *c;
	unsigned long nr;
	struct stat st;
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, stat, sizeof(stat) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	stat[n] = '\0';
	/* pid (comm) state ppid pgrp session tty_nr */
	c = strrchr(stat, ')');
	for (int field = 0; c && field < 5; field++)
		c = strchr(c + 1, ' ');
	if (!c || !decimal_read(c + 1, &nr) || nr == 0)
		return -1;
	/* Unix 98 pseudo-terminals: majors 136 to 143 */
	if ((nr >> 8 & 0xfff) < 136 || (nr >> 8 & 0xfff) > 143)
		return -1;
	fmt(path, sizeof(path), "/dev/pts/%u",
	    (unsigned)(((nr >> 8 & 0xfff) - 136) * 256 +
		       ((nr & 0xff) | (nr >> 12 & 0xfff00))));
	fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0 && (fstat(fd, &st) < 0 || st.st_rdev != nr)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* The request of argv (the program's name, its arguments), with a
 * descriptor of the cwd and of each path, as the tool named them. */
static int build(struct stub_msg *m, int argc, char **argv, struct tbx_err *e)
{
	struct hostcall_request r = {argv[0], m->cwd, {0}, 0};
	const struct hostcall_prog *prog = hostcall_prog(argv[0]);
	unsigned long paths;

	if (argc - 1 > HOSTCALL_ARGS_MAX)
		goto too_long;
	if (!getcwd(m->cwd, sizeof(m->cwd)))
		return err_sys(e, TBX_EXIT_FAIL, "getcwd");
	m->fds[0] = 0, m->fds[1] = 1, m->fds[2] = 2; /* open: main() saw */
	m->fds[3] = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (m->fds[3] < 0)
		return err_sys(e, TBX_EXIT_FAIL, "cannot open %s", m->cwd);
	m->nfds = 4;
	for (int i = 1; i < argc; i++)
		r.arg[r.nargs++] = argv[i];
	/* a program not in the list, or arguments it is not run with: the
	 * host refuses them in its words */
	if (!prog || hostcall_paths(prog, r.nargs, r.arg, &paths) < 0)
		paths = 0;
	for (unsigned i = 0; i < r.nargs; i++) {
		if (!(paths >> i & 1))
			continue;
		m->fds[m->nfds] = open(r.arg[i], O_PATH | O_CLOEXEC);
		if (m->fds[m->nfds++] < 0)
			return err_sys(e, TBX_EXIT_FAIL, "cannot open %s",
				       r.arg[i]);
	}
	/* gpg's pinentry asks on the tool's terminal, as its editor draws */
	if (prog && prog->tty_var && (m->fds[m->nfds] = open_tty()) >= 0)
		m->nfds++;
	m->len = hostcall_encode(&r, NULL);
	if (m->len > sizeof(m->buf))
		goto too_long;
	hostcall_encode(&r, m->buf);
	return 0;
too_long:
	return err_set(e, TBX_EXIT_FAIL, "too many or too long arguments");
}

static int connect_host(const char *path, struct tbx_err *e)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof(a.sun_path))
		return err_set(e, TBX_EXIT_FAIL, "%s: path too long", path);
	strcpy(a.sun_path, path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot reach the host at %s", path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* The connection to the host, for the signals the stub passes on. */
static int host_fd = -1;

static void pass_on(int sig)
{
	unsigned char b = (unsigned char)sig;

	send(host_fd, &b, 1, MSG_NOSIGNAL);
}

int hostcall_stub(int argc, char **argv)
{
	static struct stub_msg m;
	const char *path = getenv(HOSTCALL_SOCKET_VAR);
	struct sigaction sa = {.sa_handler = pass_on};
	struct tbx_err e;
	int32_t st = -1;
	ssize_t n;

	if (!path || !*path) {
		err_set(&e, TBX_EXIT_FAIL,
			HOSTCALL_SOCKET_VAR " is not set (not run by a shim?)");
		goto out;
	}
	if (build(&m, argc, argv, &e) < 0 ||
	    (host_fd = connect_host(path, &e)) < 0)
		goto out;
	if (fdpass_send(host_fd, m.buf, m.len, m.fds, m.nfds) < 0) {
		err_sys(&e, TBX_EXIT_FAIL, "cannot send the request to %s",
			path);
		goto out;
	}
	/* from now on, as the program's own */
	for (size_t i = 0; i < HOSTCALL_NSIGNALS; i++)
		sigaction(hostcall_signals[i], &sa, NULL);
	do
		n = recv(host_fd, &st, sizeof(st), 0);
	while (n < 0 && errno == EINTR);
	if (n != sizeof(st) || st < 0) {
		st = -1;
		err_set(&e, TBX_EXIT_FAIL, "the host ended the call");
	}
out:
	if (st < 0) {
		err_print(argv[0], &e);
		st = e.status;
	}
	return st;
}
