/* Running one call in a kept container, from the host. */
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
#include <unistd.h>

#include "base/fmt.h"
#include "proto.h"
#include "render.h"

/* The request of p's call: its cwd, the values of the passed variables,
 * the image's entrypoint, the command and the user's arguments. */
static int request(struct plan *p, const struct warm_call *c, char **out,
		   uint32_t *len, struct tbx_err *e)
{
	const struct plan_request *req = p->req;
	size_t argc = (size_t)c->nep + 1 + (size_t)req->nargs, n;
	const char **env =
		arena_alloc(&p->arena, (p->npassenv + 1) * sizeof(*env));
	const char **argv = arena_alloc(&p->arena, argc * sizeof(*argv));
	struct warm_request r = {p->project.cwd, env, 0, argv, 0};

	if (!env || !argv)
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	for (unsigned i = 0; i < p->npassenv; i++) {
		const char *name = p->passenv[i];

		env[r.nenv] =
			arena_printf(&p->arena, "%s=%s", name, getenv(name));
		if (!env[r.nenv++])
			return err_set(e, TBX_EXIT_FAIL, "out of memory");
	}
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

/* Send the length of the request with the caller's stdin, stdout and
 * stderr, then the request. */
static int send_call(int fd, const char *buf, uint32_t len)
{
	int fds[3] = {0, 1, 2}; /* main() made sure they are open */
	char cbuf[CMSG_SPACE(sizeof(fds))] = {0};
	struct iovec iov = {&len, sizeof(len)};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(fds));
	memcpy(CMSG_DATA(cm), fds, sizeof(fds));
	if (sendmsg(fd, &m, MSG_NOSIGNAL) != sizeof(len))
		return -1;
	return warm_io(fd, (void *)buf, len, 1);
}

/* Pass the signals of sfd as bytes until the status comes back; -1 when
 * the container went away first. */
static int relay(int fd, int sfd)
{
	for (;;) {
		struct pollfd pf[2] = {{fd, POLLIN, 0}, {sfd, POLLIN, 0}};
		struct signalfd_siginfo si;
		int32_t status;
		unsigned char sig;

		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			return -1;
		if (pf[1].revents && read(sfd, &si, sizeof(si)) == sizeof(si)) {
			sig = (unsigned char)si.ssi_signo;
			if (send(fd, &sig, 1, MSG_NOSIGNAL) < 0)
				return -1;
		}
		if (pf[0].revents)
			return read(fd, &status, sizeof(status)) ==
					       sizeof(status)
				       ? status
				       : -1;
	}
}

static int by_socket(struct plan *p, const struct warm_call *c,
		     const sigset_t *set, struct tbx_err *e)
{
	int dfd = -1, fd = -1, sfd = -1, st = -1;
	uint32_t len = 0;
	char *buf = NULL;

	if (request(p, c, &buf, &len, e) < 0)
		return -1;
	dfd = open(c->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot open %s", c->dir);
		goto out;
	}
	fd = connect_agent(dfd, c, e);
	if (fd < 0)
		goto out;
	sfd = signalfd(-1, set, SFD_CLOEXEC);
	if (sfd < 0 || send_call(fd, buf, len) < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot send the call to %s",
			c->name);
		goto out;
	}
	st = relay(fd, sfd);
	if (st < 0)
		err_set(e, TBX_EXIT_FAIL,
			"kept container %s ended during the call", c->name);
out:
	if (dfd >= 0)
		close(dfd);
	if (sfd >= 0)
		close(sfd);
	if (fd >= 0)
		close(fd);
	return st;
}

/* A call with a TTY becomes the engine's exec, whose terminal in the
 * container is the engine's: Ctrl-C reaches the call through it, and the
 * call is hung up if the client goes. The lease (lease_fd) stays held by
 * the client. Returns only on failure. */
static int by_exec(struct plan *p, const struct warm_call *c, int lease_fd,
		   struct tbx_err *e)
{
	struct args a = ARGS_INIT;

	if (render_exec(p, c->name, c->ep, c->nep, &a, e) < 0)
		return -1;
	fcntl(lease_fd, F_SETFD, 0);
	execv(p->engine_path, a.v);
	err_sys(e, TBX_EXIT_CANNOT_EXEC, "cannot run engine %s",
		p->engine_path);
	args_free(&a);
	return -1;
}

int warm_call(struct plan *p, const struct warm_call *c, int lease_fd,
	      struct tbx_err *e)
{
	sigset_t set, old;
	int st;

	if (p->tty)
		return by_exec(p, c, lease_fd, e);
	sigemptyset(&set);
	for (unsigned i = 0; i < WARM_NFORWARDED; i++)
		sigaddset(&set, warm_forwarded[i]);
	sigprocmask(SIG_BLOCK, &set, &old);
	st = by_socket(p, c, &set, e);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return st;
}
