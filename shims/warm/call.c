/* Running one call in a kept container, from the host: the request, the
 * caller's descriptors, then signals, stops and the terminal until the
 * status comes back. */
#include "call.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "base/fdpass.h"
#include "base/fmt.h"
#include "hostcall.h"
#include "hostserve.h"
#include "proto.h"
#include "term.h"

/* The request of p's call: its cwd, the variables of its host calls
 * (host_sock: their socket in the container, or NULL), the values of the
 * passed variables, the image's entrypoint, the command and the user's
 * arguments. */
static int request(struct plan *p, const struct warm_call *c,
		   const char *host_sock, char **out, uint32_t *len,
		   struct tbx_err *e)
{
	const struct plan_request *req = p->req;
	size_t argc = (size_t)c->nep + 1 + (size_t)req->nargs, n;
	const char **env =
		arena_alloc(&p->arena, (p->npassenv + 2 + HOSTCALL_VARS_MAX) *
					       sizeof(*env));
	const char **argv = arena_alloc(&p->arena, argc * sizeof(*argv));
	struct warm_request r = {p->project.cwd, env, 0, argv, 0};

	if (!env || !argv)
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	if (host_sock)
		r.nenv = hostcall_env(p, WARM_AGENT, host_sock, env);
	/* the terminal's type, as a cold call's -e TERM gives it */
	if (p->tty && p->term &&
	    !(env[r.nenv++] =
		      arena_printf(&p->arena, "TERM=%s", getenv("TERM"))))
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	for (unsigned i = 0; i < p->npassenv; i++) {
		const char *name = p->passenv[i];

		if (host_sock && hostcall_sets(p, name))
			continue;
		env[r.nenv] =
			arena_printf(&p->arena, "%s=%s", name, getenv(name));
		if (!env[r.nenv++])
			return err_set(e, TBX_EXIT_FAIL, "out of memory");
	}
	for (size_t i = 0; i < r.nenv; i++)
		if (!env[i])
			return err_set(e, TBX_EXIT_FAIL, "out of memory");
	for (int i = 0; i < c->nep; i++)
		argv[r.argc++] = c->ep[i];
	argv[r.argc++] = req->command;
	for (int i = 0; i < req->nargs; i++)
		argv[r.argc++] = req->args[i];
	n = warm_encode(&r, NULL);
	if (n > WARM_REQUEST_MAX)
		return err_set(e, TBX_EXIT_FAIL, "arguments too long");
	*out = arena_alloc(&p->arena, n);
	if (!*out)
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	warm_encode(&r, *out);
	*len = (uint32_t)n;
	return 0;
}

/* A connection to the agent's socket in directory dfd. */
static int connect_agent(int dfd, const struct warm_call *c, struct tbx_err *e)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	struct stat sock;
	int fd;

	/* through the directory's descriptor: the path may be longer than a
	 * socket address holds */
	fmt(a.sun_path, sizeof(a.sun_path), "/proc/self/fd/%d/sock", dfd);
	/* the container can replace it: only a socket, never a link */
	if (fstatat(dfd, "sock", &sock, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISSOCK(sock.st_mode)) {
		errno = ENOTSOCK;
		return err_sys(e, TBX_EXIT_FAIL,
			       "cannot reach kept container %s", c->name);
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot reach kept container %s",
			c->name);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Send the hello with the caller's stdin, stdout and stderr, then the
 * request. */
static int send_call(int fd, const struct warm_hello *h, const char *buf)
{
	static const int fds[3] = {0, 1,
				   2}; /* main() made sure they are open */

	if (fdpass_send(fd, h, sizeof(*h), fds, 3) < 0)
		return -1;
	return warm_io(fd, (void *)buf, h->len, 1);
}

/* The next reply's tag, and the descriptor that came with it (or -1). */
static int read_tag(int fd, char *tag, int *passed)
{
	unsigned n;

	*passed = -1;
	return fdpass_recv(fd, tag, 1, 0, passed, 1, &n) == 1 ? 0 : -1;
}

/* Stop this process as the call has stopped, so that the shell gives the
 * prompt back; it returns once continued. A shell's orphaned job is not
 * stopped: then it returns at once. */
static void stop_self(struct term *t)
{
	struct timespec none = {0, 0};
	sigset_t tstp, cont;

	term_flush(t);
	term_restore(t);
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	sigemptyset(&cont);
	sigaddset(&cont, SIGCONT);
	signal(SIGTSTP, SIG_DFL);
	/* the whole group, as a native tool stops it: a make or a script
	 * that started the shim stops too */
	kill(0, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	/* the SIGCONT that woke the shim: on_reply sends the call its own */
	sigtimedwait(&cont, NULL, &none);
}

static int send_sig(int fd, int sig)
{
	unsigned char b = (unsigned char)sig;

	return send(fd, &b, 1, MSG_NOSIGNAL) == 1 ? 0 : -1;
}

/* A signal the shim got: the window, a continue, or one to pass on. */
static int on_signal(int fd, struct term *t, int sig)
{
	if (sig == SIGWINCH) {
		term_winch(t);
		return 0;
	}
	if (sig == SIGCONT)
		term_resume(t);
	return send_sig(fd, sig);
}

/* What the agent says: the pty, a stop, or the status (returned, >= 0).
 * -2 to go on, -1 when the container went away. */
static int on_reply(int fd, struct term *t)
{
	int32_t status;
	unsigned char sig;
	int passed;
	char tag;

	if (read_tag(fd, &tag, &passed) < 0)
		return -1;
	if (passed >= 0 && (tag != WARM_REPLY_PTY || t->master >= 0)) {
		close(passed); /* none is due */
		passed = -1;
	}
	switch (tag) {
	case WARM_REPLY_PTY:
		if (passed < 0 || t->master >= 0 || term_start(t, passed) < 0)
			return -1;
		return -2;
	case WARM_REPLY_STOP:
		if (warm_io(fd, &sig, 1, 0) < 0)
			return -1;
		stop_self(t);
		term_resume(t);
		return send_sig(fd, SIGCONT) < 0 ? -1 : -2;
	case WARM_REPLY_EXIT:
		if (warm_io(fd, &status, sizeof(status), 0) < 0)
			return -1;
		term_drain(t);
		return status >= 0 ? status : -1;
	}
	if (passed >= 0)
		close(passed);
	return -1;
}

/* Pass signals and the terminal's bytes until the status comes back; -1
 * when the container went away first. */
static int relay(int fd, int sfd, struct term *t)
{
	for (;;) {
		struct pollfd pf[5] = {{fd, POLLIN, 0}, {sfd, POLLIN, 0}};
		int n = 2 + term_poll(t, pf + 2), st, host = hostserve_fd();
		struct signalfd_siginfo si;

		/* the tool's host calls, as they come */
		if (host >= 0)
			pf[n] = (struct pollfd){host, POLLIN, 0};
		if (poll(pf, (nfds_t)(n + (host >= 0)), -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pf[1].revents && read(sfd, &si, sizeof(si)) == sizeof(si) &&
		    on_signal(fd, t, (int)si.ssi_signo) < 0)
			return -1;
		term_move(t, pf + 2, n - 2);
		if (host >= 0 && pf[n].revents)
			hostserve_accept();
		if (pf[0].revents && (st = on_reply(fd, t)) != -2)
			return st;
	}
}

/* The socket of the call's host calls, listening in c's directory, which
 * the kept container has: its path there in out, "" when p has none.
 * Returns 0 or -1 with e. */
static int host_listen(struct plan *p, const struct warm_call *c, char *out,
		       size_t size, struct tbx_err *e)
{
	char name[48], path[PATH_MAX + 48];
	struct timespec t;

	out[0] = '\0';
	if (!p->host)
		return 0;
	clock_gettime(CLOCK_REALTIME, &t);
	fmt(name, sizeof(name), "h-%d-%x", (int)getpid(), (unsigned)t.tv_nsec);
	fmt(path, sizeof(path), "%s/%s", c->dir, name);
	if (hostserve_open(p, path, c->dir, e) < 0)
		return -1;
	fmt(out, size, WARM_DIR "/%s", name);
	return 0;
}

static int by_socket(struct plan *p, const struct warm_call *c,
		     const sigset_t *set, struct tbx_err *e)
{
	struct term t = TERM_INIT;
	struct warm_hello h = {0};
	int dfd = -1, fd = -1, sfd = -1, st = -1;
	uint32_t len = 0;
	char *buf = NULL, host[64];

	if (host_listen(p, c, host, sizeof(host), e) < 0 ||
	    request(p, c, host[0] ? host : NULL, &buf, &len, e) < 0)
		goto out;
	h.len = len;
	term_hello(&h);
	dfd = open(c->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot open %s", c->dir);
		goto out;
	}
	fd = connect_agent(dfd, c, e);
	if (fd < 0)
		goto out;
	sfd = signalfd(-1, set, SFD_CLOEXEC);
	if (sfd < 0 || send_call(fd, &h, buf) < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot send the call to %s",
			c->name);
		goto out;
	}
	st = relay(fd, sfd, &t);
	if (st < 0)
		err_set(e, TBX_EXIT_FAIL,
			"kept container %s ended during the call", c->name);
out:
	hostserve_close();
	term_restore(&t);
	if (t.master >= 0)
		close(t.master);
	if (dfd >= 0)
		close(dfd);
	if (sfd >= 0)
		close(sfd);
	if (fd >= 0)
		close(fd);
	return st;
}

int warm_call(struct plan *p, const struct warm_call *c, struct tbx_err *e)
{
	sigset_t set, old;
	int st;

	sigemptyset(&set);
	for (unsigned i = 0; i < WARM_NFORWARDED; i++)
		sigaddset(&set, warm_forwarded[i]);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGCONT);
	sigprocmask(SIG_BLOCK, &set, &old);
	st = by_socket(p, c, &set, e);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return st;
}
