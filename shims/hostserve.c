/* Serving host calls: the listening socket, and a server per request that
 * runs the user's program as the request asks, if the request may. */
#include "hostserve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/fdpass.h"
#include "base/fmt.h"
#include "base/mkdirs.h"
#include "base/proc.h"
#include "hostcall.h"

static struct {
	int fd, dfd;	  /* listening; its directory */
	char name[64];	  /* the socket's, in it */
	unsigned allow;	  /* what p->host allows */
	const char *tool; /* for messages */
} srv = {-1, -1, "", 0, ""};

static void on_child(int sig)
{
	(void)sig;
}

int hostserve_open(const struct plan *p, const char *path, const char *top,
		   struct tbx_err *e)
{
	const char *slash = strrchr(path, '/');
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	char dir[PATH_MAX];
	mode_t mask;
	int r;

	if (!slash || (size_t)(slash - path) >= sizeof(dir) ||
	    strlen(slash + 1) >= sizeof(srv.name))
		return err_set(e, TBX_EXIT_FAIL, "%s: path too long", path);
	fmt(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (mkdirs_private(dir, top, e) < 0)
		return -1;
	srv.dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	srv.fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (srv.dfd < 0 || srv.fd < 0)
		goto fail;
	strcpy(srv.name, slash + 1);
	fmt(a.sun_path, sizeof(a.sun_path), "/proc/self/fd/%d/%s", srv.dfd,
	    srv.name);
	unlinkat(srv.dfd, srv.name, 0);
	mask = umask(077); /* the caller's alone, as its directory */
	r = bind(srv.fd, (struct sockaddr *)&a, sizeof(a));
	umask(mask);
	if (r < 0 || listen(srv.fd, 8) < 0)
		goto fail;
	srv.allow = p->host;
	srv.tool = p->spec.tool;
	return 0;
fail:
	err_sys(e, TBX_EXIT_FAIL,
		"cannot listen at %s for host calls (TBX_HOST=none goes without)",
		path);
	hostserve_close();
	return -1;
}

int hostserve_fd(void)
{
	return srv.fd;
}

void hostserve_close(void)
{
	if (srv.fd >= 0) {
		close(srv.fd);
		unlinkat(srv.dfd, srv.name, 0);
	}
	if (srv.dfd >= 0)
		close(srv.dfd);
	srv.fd = srv.dfd = -1;
}

/* The request's message: its bytes and descriptors. */
struct request_msg {
	char buf[HOSTCALL_REQUEST_MAX];
	size_t len;
	int fds[HOSTCALL_FDS_MAX];
	unsigned nfds;
};

static int receive(int conn, struct request_msg *m)
{
	ssize_t n = fdpass_recv(conn, m->buf, sizeof(m->buf), 0, m->fds,
				HOSTCALL_FDS_MAX, &m->nfds);

	m->len = n > 0 ? (size_t)n : 0;
	return n > 0 ? 0 : -1;
}

/* Whether path on the host is the very file (a directory, with dir) that
 * descriptor fd, opened in the container, is. */
static int same_file(const char *path, int fd, int dir)
{
	struct stat a, b;

	return stat(path, &a) == 0 && fstat(fd, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino &&
	       (!dir || S_ISDIR(a.st_mode));
}

/* What may run: a program of the list, allowed here, asked for by the
 * caller's own processes, in a cwd and on paths that are the same files
 * on the host. Its command's value, or NULL with e. */
static const char *check(int conn, const struct request_msg *m,
			 const struct hostcall_request *r, int *tty,
			 struct tbx_err *e)
{
	const struct hostcall_prog *prog = hostcall_prog(r->name);
	struct ucred cred;
	socklen_t len = sizeof(cred);
	unsigned fd = 4;
	unsigned long paths;
	char path[PATH_MAX];
	const char *command;

	if (getsockopt(conn, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
	    cred.uid != geteuid()) {
		err_set(e, HOSTCALL_REFUSED,
			"refused a host call from another user");
		return NULL;
	}
	if (!prog) {
		err_set(e, HOSTCALL_REFUSED,
			"refused '%s': not a host program (editor, git-editor, git-sequence-editor, gpg, askpass, credential)",
			r->name);
		return NULL;
	}
	if (!(prog->allow & srv.allow)) {
		err_set(e, HOSTCALL_REFUSED,
			"refused the host's %s: not allowed (the catalog's host list, TBX_HOST)",
			r->name);
		return NULL;
	}
	if (!(command = hostcall_command(prog))) {
		err_set(e, HOSTCALL_REFUSED,
			"refused the host's %s: none is set; set %s%s%s on the host",
			r->name, prog->reads[0], prog->reads[1] ? " or " : "",
			prog->reads[1] ? prog->reads[1] : "");
		return NULL;
	}
	if (hostcall_paths(prog, r->nargs, r->arg, &paths) < 0) {
		err_set(e, HOSTCALL_REFUSED,
			"refused the host's %s with arguments it is not run with by the tool",
			r->name);
		return NULL;
	}
	if (!same_file(r->cwd, m->fds[3], 1)) {
		err_set(e, HOSTCALL_REFUSED,
			"refused the host's %s in %s: not that directory on the host; run the tool in the project",
			r->name, r->cwd);
		return NULL;
	}
	for (unsigned i = 0; i < r->nargs; i++) {
		const char *a = r->arg[i];

		if (!(paths >> i & 1))
			continue;
		if (a[0] != '/')
			fmt(path, sizeof(path), "%s/%s", r->cwd, a);
		if (fd >= m->nfds ||
		    !same_file(a[0] == '/' ? a : path, m->fds[fd++], 0)) {
			err_set(e, HOSTCALL_REFUSED,
				"refused the host's %s on %s: not that file on the host (only files at the same path on both sides, as the project's)",
				r->name, a);
			return NULL;
		}
	}
	/* what follows the paths: the tool's terminal, when one */
	*tty = prog->tty_var && fd < m->nfds && isatty(m->fds[fd]) ? (int)fd
								   : -1;
	return command;
}

/* In the program's process: a session of its own on the tool's
 * descriptors (its /dev/tty is no terminal of the host's), ended with its
 * server, in the request's cwd; /bin/sh -c '<command> "$@"', as Git runs
 * an editor. */
static _Noreturn void run_prog(const struct request_msg *m,
			       const struct hostcall_request *r,
			       const char *command, pid_t server,
			       char *tty_name)
{
	static char line[8192], absolute[HOSTCALL_ARGS_MAX][PATH_MAX];
	char *argv[4 + HOSTCALL_ARGS_MAX + 1] = {"sh", "-c", line,
						 (char *)command};
	unsigned long paths = 0;
	struct tbx_err e;

	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setsid();
	prctl(PR_SET_PDEATHSIG, SIGHUP);
	if (getppid() != server)
		_exit(129);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	for (int i = 0; i < 3; i++)
		if (dup2(m->fds[i], i) < 0)
			_exit(126);
	if ((size_t)fmt(line, sizeof(line), "%s \"$@\"", command) >=
	    sizeof(line)) {
		err_set(&e, 126, "the host's %s is too long", r->name);
		goto out;
	}
	/* a file as its absolute path, which no program takes for an option
	 * ("-S", "+!cmd", "--eval") */
	hostcall_paths(hostcall_prog(r->name), r->nargs, r->arg, &paths);
	for (unsigned i = 0; i < r->nargs; i++) {
		argv[4 + i] = (char *)r->arg[i];
		if ((paths >> i & 1) && r->arg[i][0] != '/') {
			if ((size_t)fmt(absolute[i], sizeof(absolute[i]),
					"%s/%s", r->cwd,
					r->arg[i]) >= sizeof(absolute[i])) {
				err_set(&e, 126, "%s: path too long",
					r->arg[i]);
				goto out;
			}
			argv[4 + i] = absolute[i];
		}
	}
	if (tty_name)
		putenv(tty_name);
	if (chdir(r->cwd) < 0) {
		err_sys(&e, 126, "cannot enter %s", r->cwd);
		goto out;
	}
	execv("/bin/sh", argv);
	err_sys(&e, 127, "cannot run /bin/sh");
out:
	err_print(srv.tool, &e);
	_exit(e.status);
}

static int wanted(int sig)
{
	for (size_t i = 0; i < HOSTCALL_NSIGNALS; i++)
		if (hostcall_signals[i] == sig)
			return 1;
	return 0;
}

/* Pass on the signals the stub sends, until the program ends (its wait
 * status), or the stub goes away, which hangs the program up. */
static int follow(int conn, pid_t pid, const sigset_t *waiting)
{
	int status;

	for (;;) {
		struct pollfd pf = {conn, POLLIN, 0};
		unsigned char sig;
		ssize_t n;

		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		if (ppoll(&pf, 1, NULL, waiting) <= 0)
			continue;
		n = recv(conn, &sig, 1, MSG_DONTWAIT);
		if (n == 1 && wanted(sig) && kill(-pid, sig) < 0)
			kill(pid, sig);
		if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
			kill(-pid, SIGHUP);
			kill(-pid, SIGCONT);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			return status;
		}
	}
}

/* Close every descriptor but stdin, stdout, stderr and conn: the server
 * must not hold what the shim holds (a warm call's connection to its
 * agent, its pty's master), which end the call when the shim goes. */
static void keep_only(int conn)
{
	if ((conn > 3 && syscall(SYS_close_range, 3, conn - 1, 0) < 0) ||
	    syscall(SYS_close_range, conn + 1, ~0U, 0) < 0)
		for (int fd = 3; fd < 1024; fd++)
			if (fd != conn)
				close(fd);
}

/* In a process of its own: read the request, check it, run the program
 * and send back its status. What the server says goes to the tool's
 * stderr, where the user sees the tool's own. */
static _Noreturn void serve(int conn)
{
	static struct request_msg m;
	static const int reset[] = {SIGHUP,  SIGTERM,  SIGINT,	SIGQUIT,
				    SIGALRM, SIGWINCH, SIGUSR1, SIGUSR2};
	struct sigaction sa = {.sa_handler = on_child};
	struct hostcall_request r;
	const char *command = NULL;
	char tty_name[64];
	struct tbx_err e;
	sigset_t chld, waiting;
	int32_t st = HOSTCALL_REFUSED;
	int tty = -1;
	pid_t pid;

	/* nothing of the shim's: its handlers pass signals to the engine */
	for (size_t i = 0; i < sizeof(reset) / sizeof(reset[0]); i++)
		signal(reset[i], SIG_DFL);
	/* what the stub sends (the tool's view) stops the program, not a
	 * terminal of the host's: as Git waits for an editor */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_SETMASK, &chld, NULL);
	sigemptyset(&waiting);
	keep_only(conn);
	if (receive(conn, &m) < 0 || m.nfds < 4)
		goto out;
	dup2(m.fds[2], 2);
	if (hostcall_decode(m.buf, m.len, &r) < 0)
		err_set(&e, HOSTCALL_REFUSED,
			"refused a host call that is not one");
	else
		command = check(conn, &m, &r, &tty, &e);
	if (!command) {
		err_print(srv.tool, &e);
		st = e.status;
		goto out;
	}
	/* the terminal by a name another process (gpg's agent, starting
	 * pinentry) can open while this server holds it */
	if (tty >= 0)
		fmt(tty_name, sizeof(tty_name), "%s=/proc/%d/fd/%d",
		    hostcall_prog(r.name)->tty_var, (int)getpid(), m.fds[tty]);
	pid = fork();
	if (pid == 0)
		run_prog(&m, &r, command, getppid(),
			 tty >= 0 ? tty_name : NULL);
	for (unsigned i = 0; i < m.nfds; i++)
		if (i != 2 && (int)i != tty)
			close(m.fds[i]);
	st = pid < 0 ? TBX_EXIT_FAIL : proc_status(follow(conn, pid, &waiting));
out:
	send(conn, &st, sizeof(st), MSG_NOSIGNAL);
	_exit(0);
}

void hostserve_accept(void)
{
	int conn = accept4(srv.fd, NULL, NULL, SOCK_CLOEXEC);
	sigset_t all, old;
	pid_t mid;

	if (conn < 0)
		return;
	/* no handler of the shim's may run in the server before it has set
	 * its own */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	mid = fork();
	if (mid == 0) {
		/* the server is no child of the shim, which waits only for
		 * the engine's client or the kept container */
		if (fork() == 0)
			serve(conn);
		_exit(0);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(conn);
	while (mid > 0 && waitpid(mid, NULL, 0) < 0 && errno == EINTR)
		;
}

int hostserve_wait(pid_t child, int *wstatus)
{
	struct sigaction sa = {.sa_handler = on_child}, old;
	sigset_t chld, waiting;
	int r = -1;

	if (srv.fd < 0) {
		while ((r = (int)waitpid(child, wstatus, 0)) < 0)
			if (errno != EINTR)
				return -1;
		return 0;
	}
	/* SIGCHLD is let in only while the shim waits, so that none is
	 * missed between the check and the wait */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigaction(SIGCHLD, &sa, &old);
	sigprocmask(SIG_BLOCK, &chld, &waiting);
	sigdelset(&waiting, SIGCHLD);
	for (;;) {
		struct pollfd pf = {srv.fd, POLLIN, 0};
		pid_t w = waitpid(child, wstatus, WNOHANG);

		if (w == child || (w < 0 && errno != EINTR)) {
			r = w == child ? 0 : -1;
			break;
		}
		if (ppoll(&pf, 1, NULL, &waiting) > 0)
			hostserve_accept();
	}
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	sigaction(SIGCHLD, &old, NULL);
	return r;
}

static volatile pid_t followed;

/* A signal a process sent the shim, for the client; one from the
 * terminal (si_code > 0) reached it too, in the same process group. */
static void pass_on(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	if (si->si_code <= 0 && followed > 0)
		kill(followed, sig);
}

int hostserve_run(const char *path, char *const argv[], int *signo,
		  struct tbx_err *e)
{
	static const int sigs[] = {SIGINT,  SIGTERM, SIGHUP,
				   SIGQUIT, SIGUSR1, SIGUSR2};
	struct sigaction sa = {.sa_sigaction = pass_on, .sa_flags = SA_SIGINFO};
	int ws, saved;
	pid_t pid;

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	pid = fork();
	if (pid == 0) {
		execv(path, argv);
		saved = errno;
		err_sys(e,
			saved == ENOENT ? TBX_EXIT_NOT_FOUND
					: TBX_EXIT_CANNOT_EXEC,
			"cannot run engine %s", path);
		err_print(srv.tool, e);
		_exit(e->status);
	}
	if (pid < 0) {
		hostserve_close();
		return err_sys(e, TBX_EXIT_FAIL, "cannot run engine %s", path);
	}
	followed = pid;
	saved = hostserve_wait(pid, &ws);
	followed = 0;
	hostserve_close();
	if (saved < 0)
		return err_sys(e, TBX_EXIT_FAIL, "waitpid");
	*signo = WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
	return proc_status(ws);
}
