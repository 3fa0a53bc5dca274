/* Warm mode inside the kept container: the watcher that serves calls and
 * ends the container when idle, and the wrapper of a call made with the
 * engine's exec. */
#include "agent.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/duration.h"
#include "base/err.h"
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

/* Kill what a call left: its process group, and the processes that left
 * the group, which PR_SET_CHILD_SUBREAPER made this process's children. A
 * cold run's container would have taken them all with it. */
static void end_call(pid_t group)
{
	char path[64], list[4096];

	kill(-group, SIGKILL);
	fmt(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	for (int round = 0; round < 64; round++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		ssize_t n = fd < 0 ? -1 : read(fd, list, sizeof(list) - 1);

		if (fd >= 0)
			close(fd);
		if (n <= 0)
			break;
		list[n] = '\0';
		for (char *c = list; *c;) {
			pid_t pid = 0;

			while (*c >= '0' && *c <= '9')
				pid = pid * 10 + (*c++ - '0');
			/* each one dead, its children are ours: the next
			 * round lists them */
			if (pid > 0 && kill(pid, SIGKILL) == 0)
				waitpid(pid, NULL, 0);
			c += *c != '\0';
		}
	}
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

/* Read a call from conn: its descriptors into fds, its request into r
 * (its strings in a buffer that lives as long as the process). */
static int read_call(int conn, int fds[3], struct warm_request *r)
{
	char cbuf[CMSG_SPACE(3 * sizeof(int))], *buf;
	const char **env, **argv;
	uint32_t len;
	size_t items;
	struct iovec iov = {&len, sizeof(len)};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *cm;

	if (recvmsg(conn, &m, MSG_CMSG_CLOEXEC) != sizeof(len) ||
	    !(cm = CMSG_FIRSTHDR(&m)) || cm->cmsg_type != SCM_RIGHTS ||
	    cm->cmsg_len != CMSG_LEN(3 * sizeof(int)))
		return -1;
	memcpy(fds, CMSG_DATA(cm), 3 * sizeof(int));
	if (len > WARM_REQUEST_MAX || !(buf = malloc((size_t)len + 1)) ||
	    warm_io(conn, buf, len, 0) < 0)
		return -1;
	items = warm_decode_items(buf, len);
	env = calloc(items + 1, sizeof(*env));
	argv = calloc(items + 1, sizeof(*argv));
	return env && argv ? warm_decode(buf, len, r, env, argv) : -1;
}

/* In a child of the watcher: run the call of connection conn with the
 * caller's descriptors, pass on the signals it sends, send back the
 * status. A caller that goes away takes its call with it. */
static _Noreturn void serve(int conn)
{
	struct sigaction sa = {.sa_handler = on_child};
	struct warm_request r;
	sigset_t chld, none;
	char **envp;
	int fds[3], status;
	int32_t st;
	pid_t pid;

	if (read_call(conn, fds, &r) < 0 || !(envp = merged_env(&r)))
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
	for (;;) {
		struct pollfd pf = {conn, POLLIN, 0};
		unsigned char sig;

		if (ppoll(&pf, 1, NULL, &none) < 0) {
			if (errno == EINTR &&
			    waitpid(pid, &status, WNOHANG) == pid)
				break;
			continue;
		}
		if (read(conn, &sig, 1) == 1) {
			kill(-pid, sig);
			continue;
		}
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
		break;
	}
	end_call(pid);
	st = proc_status(status);
	_exit(write(conn, &st, sizeof(st)) == sizeof(st) ? 0 : 1);
}

/* The container's name, for calls made with the engine's exec: written by
 * the watcher that won the lease, whichever shim started it. */
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

/* Hold byte 0 while living, serving calls; leave once no call has run for
 * idle seconds and none runs (byte 1 can be write-locked). Leaving ends
 * the container, which the engine then removes. */
static int watch(long idle, const char *name)
{
	int fd = open(WARM_LEASE, O_RDWR | O_CLOEXEC), lfd;
	long for_;

	/* one watcher per lease: that of a second container of the key (its
	 * creator gave up waiting, or died) leaves at once, its socket never
	 * made */
	if (fd < 0 || warm_lock(fd, WARM_BYTE_WATCHER, F_WRLCK, 0) < 0 ||
	    put_name(name) < 0 || (lfd = listen_on()) < 0 ||
	    warm_lock(fd, WARM_BYTE_ALIVE, F_WRLCK, 0) < 0)
		return 1;
	while ((for_ = idle_for(fd)) >= 0) {
		struct pollfd pf = {lfd, POLLIN, 0};

		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (for_ >= idle &&
		    warm_lock(fd, WARM_BYTE_CALL, F_WRLCK, 0) == 0) {
			if (idle_for(fd) >= idle) {
				unlink(WARM_SOCK);
				return 0;
			}
			warm_lock(fd, WARM_BYTE_CALL, F_UNLCK, 0);
		}
		if (poll(&pf, 1,
			 for_ >= idle ? 1000 : (int)(idle - for_) * 1000) > 0) {
			int conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

			if (conn >= 0 && fork() == 0) {
				close(lfd);
				close(fd);
				serve(conn);
			}
			if (conn >= 0)
				close(conn);
		}
	}
	return 1;
}

static volatile pid_t child;

static void pass_on(int sig)
{
	kill(-child, sig);
}

/* Run argv, a call made with the engine's exec and a TTY, as a cold run's
 * init would: in a process group of its own, the terminal's foreground
 * one, signals passed to the whole group, and what is left of it killed
 * when it ends. */
static int call(char **argv)
{
	extern char **environ;
	struct sigaction sa = {.sa_handler = pass_on};
	sigset_t set, old;
	int tty = isatty(0), status, fd;

	sigemptyset(&set);
	for (unsigned i = 0; i < WARM_NFORWARDED; i++)
		sigaddset(&set, warm_forwarded[i]);
	sigprocmask(SIG_BLOCK, &set, &old);
	for (unsigned i = 0; i < WARM_NFORWARDED; i++)
		sigaction(warm_forwarded[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGTTOU, &sa, NULL);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	child = fork();
	if (child == 0) {
		setpgid(0, 0);
		if (tty)
			tcsetpgrp(0, getpid());
		sa.sa_handler = SIG_DFL;
		for (unsigned i = 0; i < WARM_NFORWARDED; i++)
			sigaction(warm_forwarded[i], &sa, NULL);
		sigaction(SIGTTOU, &sa, NULL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		run(argv, environ);
	}
	if (child < 0)
		return 126;
	setpgid(child, child);
	if (tty)
		tcsetpgrp(0, child);
	sigprocmask(SIG_SETMASK, &old, NULL);
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			return 126;
	end_call(child);
	/* the idle time counts from the end of the call */
	fd = open(WARM_LEASE, O_WRONLY | O_CLOEXEC);
	futimens(fd, NULL);
	return proc_status(status);
}

int warm_agent(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "-w"))
		return watch(duration_seconds(argv[2]), argv[3]);
	if (argc >= 3 && !strcmp(argv[1], "-c"))
		return call(argv + 2);
	return 2;
}
