/* Warm mode inside the kept container: the watcher that serves calls and
 * ends the container when idle, and the server of each call. */
#include "agent.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "base/duration.h"
#include "base/err.h"
#include "base/fdpass.h"
#include "base/fmt.h"
#include "base/proc.h"
#include "proto.h"

/* Seconds since the lease's last use (0 for a time to come), or -1. */
static long idle_for(int fd)
{
	struct stat st;
	struct timespec now;

	if (fstat(fd, &st) < 0)
		return -1;
	clock_gettime(CLOCK_REALTIME, &now);
	return now.tv_sec > st.st_mtim.tv_sec ? now.tv_sec - st.st_mtim.tv_sec
					      : 0;
}

static void on_child(int sig)
{
	(void)sig;
}

/* In the call's process: exec argv, found in PATH, with envp. */
static _Noreturn void run(char **argv, char **envp)
{
	struct tbx_err e;

	execvpe(argv[0], argv, envp);
	err_sys(&e, 0, "cannot run");
	err_print(argv[0], &e);
	_exit(e.errnum == ENOENT ? 127 : 126);
}

/* The most children of one process listed at a time; more are listed
 * once these are gone. */
#define CHILDREN_MAX 1024

/* This process's children, from /proc (the kernel lists each pid and a
 * space); read whole, so that no pid is taken cut in two. Their number. */
static size_t children(pid_t *out)
{
	char path[64], list[CHILDREN_MAX * 12];
	size_t len = 0, n = 0;
	ssize_t r;
	int fd;

	fmt(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	while (len < sizeof(list) &&
	       ((r = read(fd, list + len, sizeof(list) - len)) > 0 ||
		(r < 0 && errno == EINTR)))
		len += r > 0 ? (size_t)r : 0;
	close(fd);
	for (size_t i = 0; i < len && n < CHILDREN_MAX;) {
		pid_t pid = 0;
		size_t start = i;

		while (i < len && list[i] >= '0' && list[i] <= '9')
			pid = pid * 10 + (list[i++] - '0');
		if (i == len || i == start)
			break; /* cut off, or not a number: the next round */
		if (list[i++] == ' ' && pid > 0)
			out[n++] = pid;
	}
	return n;
}

/* Kill what a call left: its process group, and the processes that left
 * the group, which PR_SET_CHILD_SUBREAPER made this process's children. A
 * cold run's container would have taken them all with it. */
static void end_call(pid_t group)
{
	static pid_t left[CHILDREN_MAX];
	size_t n;

	kill(-group, SIGKILL);
	/* each one dead, its children are ours: the next round lists them */
	for (int round = 0; round < 64 && (n = children(left)); round++)
		for (size_t i = 0; i < n; i++)
			if (kill(left[i], SIGKILL) == 0)
				waitpid(left[i], NULL, 0);
}

/* The call's variables over the container's own: envp holds env, then
 * every variable of environ that env does not set. */
static char **merged_env(const struct warm_request *r)
{
	extern char **environ;
	size_t nenv = 0, n = r->nenv;
	char **envp;

	for (char **v = environ; *v; v++)
		nenv++;
	envp = calloc(r->nenv + nenv + 1, sizeof(*envp));
	if (!envp)
		return NULL;
	memcpy(envp, r->env, r->nenv * sizeof(*envp));
	for (char **v = environ; *v; v++) {
		size_t k = strcspn(*v, "=") + 1, i = 0;

		while (i < r->nenv && strncmp(envp[i], *v, k))
			i++;
		if (i == r->nenv)
			envp[n++] = *v;
	}
	return envp;
}

/* Read a call from conn: its descriptors into fds, its hello into h, its
 * request into r (its strings in a buffer that lives as long as the
 * process). */
static int read_call(int conn, int fds[3], struct warm_hello *h,
		     struct warm_request *r)
{
	const char **env, **argv;
	size_t items;
	char *buf;
	unsigned n;

	if (fdpass_recv(conn, h, sizeof(*h), MSG_WAITALL, fds, 3, &n) !=
		    sizeof(*h) ||
	    n != 3)
		return -1;
	if (h->len > WARM_REQUEST_MAX || !(buf = malloc((size_t)h->len + 1)) ||
	    warm_io(conn, buf, h->len, 0) < 0)
		return -1;
	items = warm_decode_items(buf, h->len);
	env = calloc(items + 1, sizeof(*env));
	argv = calloc(items + 1, sizeof(*argv));
	return env && argv ? warm_decode(buf, h->len, r, env, argv) : -1;
}

/* A pseudo-terminal for a call whose caller has a terminal: the caller's
 * window size and settings, set before the call starts. The master's
 * descriptor, or -1; the slave's path in name. */
static int open_pty(const struct warm_hello *h, char *name, size_t size)
{
	/* Linux's own calls, not libc's posix_openpt family, whose slave
	 * name comes from a printf that would weigh 10 KiB in the shim */
	int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	unsigned n;
	int unlock = 0;

	if (master < 0 || ioctl(master, TIOCSPTLCK, &unlock) < 0 ||
	    ioctl(master, TIOCGPTN, &n) < 0 ||
	    fmt(name, size, "/dev/pts/%u", n) >= (int)size ||
	    ioctl(master, TIOCSWINSZ, &h->ws) < 0) {
		if (master >= 0)
			close(master);
		return -1;
	}
	return master;
}

/* In the server: a session of its own whose controlling terminal is the
 * pty's slave, with the caller's settings. The server is the session's
 * leader, as a shell would be, so that the call's process group has a
 * parent in its session and stops on Ctrl-Z (the kernel ignores the stop
 * signals of an orphaned group). The slave's descriptor, or -1. */
static int lead_session(const struct warm_hello *h, const char *slave)
{
	int fd;

	if (setsid() < 0 || (fd = open(slave, O_RDWR | O_CLOEXEC)) < 0)
		return -1;
	if (ioctl(fd, TIOCSCTTY, 0) < 0 ||
	    tcsetattr(fd, TCSANOW, &h->tio) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Make the call's group (pid) the terminal's foreground one; from the
 * call's own process (a background one until then) too, as shells do,
 * so that it holds whichever runs first. */
static void give_terminal(int tty, pid_t pid)
{
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;

	sigaction(SIGTTOU, &ign, &old);
	tcsetpgrp(tty, pid);
	sigaction(SIGTTOU, &old, NULL);
}

/* Tell the shim: a tag, then len bytes of what it says. */
static int reply(int conn, char tag, const void *what, size_t len)
{
	char buf[8] = {tag};

	if (len > sizeof(buf) - 1)
		return -1;
	memcpy(buf + 1, what, len);
	return warm_io(conn, buf, 1 + len, 1);
}

/* Pass the master to the shim, which relays it to the caller's terminal;
 * this process keeps no copy, so the call is hung up when the shim goes. */
static int send_master(int conn, int master)
{
	char tag = WARM_REPLY_PTY;
	int r = fdpass_send(conn, &tag, 1, &master, 1);

	close(master);
	return r;
}

/* Pass on the signals the shim sends and report stops, until the call
 * ends or the shim goes away (which kills the call). Its wait status. */
static int follow(int conn, pid_t pid)
{
	sigset_t none;
	int status;

	sigemptyset(&none);
	for (;;) {
		struct pollfd pf = {conn, POLLIN, 0};
		unsigned char sig;
		pid_t w;

		if (ppoll(&pf, 1, NULL, &none) < 0) {
			if (errno != EINTR)
				continue;
			while ((w = waitpid(pid, &status,
					    WNOHANG | WUNTRACED)) == pid &&
			       WIFSTOPPED(status)) {
				sig = (unsigned char)WSTOPSIG(status);
				if (reply(conn, WARM_REPLY_STOP, &sig, 1) < 0)
					kill(-pid, SIGKILL);
			}
			if (w == pid)
				return status;
			continue;
		}
		if (read(conn, &sig, 1) == 1) {
			kill(-pid, sig);
			/* what ends a call also ends a stopped one */
			if (sig == SIGHUP || sig == SIGTERM)
				kill(-pid, SIGCONT);
			continue;
		}
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
		return status;
	}
}

/* In a child of the watcher: run the call of connection conn with the
 * caller's descriptors (or a pty of its own), pass on the signals it
 * sends, report stops, send back the status. A caller that goes away
 * takes its call with it. */
static _Noreturn void serve(int conn)
{
	struct sigaction sa = {.sa_handler = on_child};
	struct warm_hello h;
	struct warm_request r;
	sigset_t chld, none;
	char **envp, slave[64];
	int fds[3], master = -1, tty = -1;
	int32_t st;
	pid_t pid;

	if (read_call(conn, fds, &h, &r) < 0 || !(envp = merged_env(&r)))
		_exit(1);
	if ((h.tty & WARM_TTY) == WARM_TTY &&
	    ((master = open_pty(&h, slave, sizeof(slave))) < 0 ||
	     (tty = lead_session(&h, slave)) < 0))
		_exit(1);
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&none);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	pid = fork();
	if (pid == 0) {
		struct tbx_err e;

		setpgid(0, 0);
		if (tty >= 0) {
			give_terminal(tty, getpid());
			fds[0] = fds[1] = tty;
			if (h.tty & WARM_TTY_ERR)
				fds[2] = tty;
		}
		sa.sa_handler = SIG_DFL;
		sigaction(SIGCHLD, &sa, NULL);
		sigprocmask(SIG_SETMASK, &none, NULL);
		for (int i = 0; i < 3; i++)
			if (dup2(fds[i], i) < 0)
				_exit(126);
		if (chdir(r.cwd) < 0) {
			err_sys(&e, 0, "cannot enter %s", r.cwd);
			err_print(r.argv[0], &e);
			_exit(126);
		}
		run((char **)r.argv, envp);
	}
	for (int i = 0; i < 3; i++)
		close(fds[i]);
	if (pid < 0)
		_exit(1);
	setpgid(pid, pid);
	if (tty >= 0) {
		give_terminal(tty, pid);
		/* the session keeps its terminal; the master reads as closed
		 * once the call's processes have all gone */
		close(tty);
		if (send_master(conn, master) < 0)
			kill(-pid, SIGKILL);
	}
	st = proc_status(follow(conn, pid));
	end_call(pid);
	_exit(reply(conn, WARM_REPLY_EXIT, &st, sizeof(st)) == 0 ? 0 : 1);
}

/* The container's name, for the shims that call it: written by the
 * watcher that won the lease, whichever shim started it. */
static int put_name(const char *name)
{
	int fd = open(WARM_DIR "/name.new",
		      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ssize_t len = (ssize_t)strlen(name);

	if (fd < 0 || write(fd, name, (size_t)len) != len || close(fd) < 0)
		return -1;
	return rename(WARM_DIR "/name.new", WARM_DIR "/name");
}

/* The listening socket, put in place whole (bound under another name, then
 * renamed) before byte 0 is taken: a watcher seen alive can be called. */
static int listen_on(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX,
				.sun_path = WARM_SOCK ".new"};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	unlink(a.sun_path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 64) < 0 || rename(a.sun_path, WARM_SOCK) < 0)
		return -1;
	return fd;
}

/* The servers of the calls running, the watcher's children. */
#define WARM_SERVERS_MAX 256

struct servers {
	pid_t pid[WARM_SERVERS_MAX];
	unsigned n;
};

static int is_server(const struct servers *sv, pid_t pid)
{
	for (unsigned i = 0; i < sv->n; i++)
		if (sv->pid[i] == pid)
			return 1;
	return 0;
}

/* Reap what ended. A server that ended leaves its call's processes to
 * the watcher, a subreaper: every child of the watcher that is not a
 * server is such a leftover, killed (and reaped in its turn). */
static void reap(struct servers *sv)
{
	static pid_t left[CHILDREN_MAX];
	size_t n;
	pid_t w;

	while ((w = waitpid(-1, NULL, WNOHANG)) > 0)
		for (unsigned i = 0; i < sv->n; i++)
			if (sv->pid[i] == w)
				sv->pid[i] = sv->pid[--sv->n];
	n = children(left);
	for (size_t i = 0; i < n; i++)
		if (!is_server(sv, left[i]))
			kill(left[i], SIGKILL);
}

/* Hold byte 0 while living, serving calls; leave once no call has run for
 * idle seconds and none runs (byte 1 can be write-locked). Leaving ends
 * the container, which the engine then removes. */
static int watch(long idle, const char *name)
{
	static struct servers sv;
	struct sigaction sa = {.sa_handler = on_child};
	sigset_t chld, waiting;
	int fd = open(WARM_LEASE, O_RDWR | O_CLOEXEC), lfd;
	long for_;

	/* one watcher per lease: that of a second container of the key (its
	 * creator gave up waiting, or died) leaves at once, its socket never
	 * made */
	if (fd < 0 || warm_lock(fd, WARM_BYTE_WATCHER, F_WRLCK, 0) < 0 ||
	    put_name(name) < 0 || (lfd = listen_on()) < 0 ||
	    warm_lock(fd, WARM_BYTE_ALIVE, F_WRLCK, 0) < 0)
		return 1;
	/* an ended server wakes the watcher, to reap it and what it left:
	 * SIGCHLD is let in only while it waits, so that none is missed */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &waiting);
	sigdelset(&waiting, SIGCHLD);
	sigaction(SIGCHLD, &sa, NULL);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	while ((for_ = idle_for(fd)) >= 0) {
		struct pollfd pf = {lfd, POLLIN, 0};
		struct timespec wait = {for_ >= idle ? 1 : idle - for_, 0};

		reap(&sv);
		if (for_ >= idle && !sv.n &&
		    warm_lock(fd, WARM_BYTE_CALL, F_WRLCK, 0) == 0) {
			if (idle_for(fd) >= idle) {
				unlink(WARM_SOCK);
				return 0;
			}
			warm_lock(fd, WARM_BYTE_CALL, F_UNLCK, 0);
		}
		if (ppoll(&pf, 1, &wait, &waiting) > 0) {
			int conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
			pid_t pid = conn < 0 || sv.n == WARM_SERVERS_MAX
					    ? -1
					    : fork();

			if (pid == 0) {
				close(lfd);
				close(fd);
				serve(conn);
			}
			if (pid > 0)
				sv.pid[sv.n++] = pid;
			if (conn >= 0)
				close(conn);
		}
	}
	return 1;
}

int warm_agent(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "-w"))
		return watch(duration_seconds(argv[2]), argv[3]);
	return 2;
}
