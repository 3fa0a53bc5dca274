/* Running one call in a kept container, from the host: through the
 * watcher's socket, or with the engine's exec when the call has a TTY. */
#include "warm_call.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fmt.h"
#include "warm.h"

const int warm_forwarded[6] = {SIGINT,	SIGTERM, SIGHUP,
			       SIGQUIT, SIGUSR1, SIGUSR2};

int warm_lock(int fd, int byte, short type, int wait)
{
	struct flock l = {.l_type = type,
			  .l_whence = SEEK_SET,
			  .l_start = byte,
			  .l_len = 1};
	int r;

	do
		r = fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &l);
	while (r < 0 && errno == EINTR);
	return r;
}

pid_t warm_spawn(char *const argv[], const char *path, int out,
		 const sigset_t *mask)
{
	pid_t pid = fork();

	if (pid)
		return pid;
	sigprocmask(SIG_SETMASK, mask, NULL);
	if (out >= 0 && dup2(out, 1) < 0)
		_exit(TBX_EXIT_FAIL);
	execv(path, argv);
	_exit(errno == ENOENT ? TBX_EXIT_NOT_FOUND : TBX_EXIT_CANNOT_EXEC);
}

int warm_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return TBX_EXIT_FAIL;
	return warm_status(st);
}

int warm_status(int wstatus)
{
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				  : 128 + WTERMSIG(wstatus);
}

static int put(char *buf, size_t *n, const char *s)
{
	size_t len = strlen(s) + 1;

	if (buf)
		memcpy(buf + *n, s, len);
	*n += len;
	return 0;
}

/* The request: cwd, the passenv variables set, "", then argv (the image's
 * entrypoint, the command, the user's arguments), each NUL-terminated.
 * With buf NULL, only its length. */
static size_t request(const struct rt_plan *p, const struct rt_request *req,
		      const struct warm_call *c, char *buf)
{
	size_t n = 0;

	put(buf, &n, p->project.cwd);
	for (unsigned i = 0; i < p->spec.passenv.n; i++) {
		const char *name = p->spec.passenv.item[i], *v = getenv(name);

		if (v) {
			put(buf, &n, name);
			if (buf)
				buf[n - 1] = '=';
			put(buf, &n, v);
		}
	}
	put(buf, &n, "");
	for (int i = 0; i < c->nep; i++)
		put(buf, &n, c->ep[i]);
	put(buf, &n, req->command);
	for (int i = 0; i < req->nargs; i++)
		put(buf, &n, req->args[i]);
	return n;
}

int warm_io(int fd, void *buf, size_t len, int out)
{
	char *c = buf;

	while (len) {
		ssize_t n =
			out ? send(fd, c, len, MSG_NOSIGNAL) : read(fd, c, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		c += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Send the request with the caller's stdin, stdout and stderr, then pass
 * signals until the status comes back. */
static int by_socket(const struct rt_plan *p, const struct rt_request *req,
		     const struct warm_call *c, const sigset_t *set,
		     struct tbx_err *e)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int fds[3], fd, dfd, sfd = -1, st = -1;
	struct stat sock;
	char cbuf[CMSG_SPACE(sizeof(fds))] = {0}, *buf = NULL;
	uint32_t len = (uint32_t)request(p, req, c, NULL);
	struct iovec iov = {&len, sizeof(len)};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	if (len > WARM_REQUEST_MAX)
		return err_set(e, TBX_EXIT_FAIL, "arguments too long");
	/* through the directory's descriptor: the path may be longer than a
	 * socket address holds */
	dfd = open(c->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	fmt(a.sun_path, sizeof(a.sun_path), "/proc/self/fd/%d/sock", dfd);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	/* the container can replace it: only a socket, never a link */
	if (fstatat(dfd, "sock", &sock, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISSOCK(sock.st_mode))
		errno = ENOTSOCK;
	else if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0)
		errno = 0;
	if (fd < 0 || errno) {
		err_set(e, TBX_EXIT_FAIL, "cannot reach kept container %s: %s",
			c->name, strerror(errno));
		goto out;
	}
	for (int i = 0; i < 3; i++)
		fds[i] = i; /* main() made sure they are open */
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(fds));
	memcpy(CMSG_DATA(cm), fds, sizeof(fds));
	buf = malloc(len);
	sfd = signalfd(-1, set, SFD_CLOEXEC);
	if (buf)
		request(p, req, c, buf);
	if (!buf || sfd < 0 || sendmsg(fd, &m, MSG_NOSIGNAL) != sizeof(len) ||
	    warm_io(fd, buf, len, 1) < 0) {
		err_set(e, TBX_EXIT_FAIL, "cannot send the call to %s: %s",
			c->name, strerror(errno));
		goto out;
	}
	for (;;) {
		struct pollfd pf[2] = {{fd, POLLIN, 0}, {sfd, POLLIN, 0}};
		struct signalfd_siginfo si;
		int32_t status;
		unsigned char sig;

		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			break;
		if (pf[1].revents && read(sfd, &si, sizeof(si)) == sizeof(si)) {
			sig = (unsigned char)si.ssi_signo;
			if (send(fd, &sig, 1, MSG_NOSIGNAL) < 0)
				break;
		}
		if (pf[0].revents) {
			if (read(fd, &status, sizeof(status)) == sizeof(status))
				st = status;
			break;
		}
	}
	if (st < 0)
		err_set(e, TBX_EXIT_FAIL,
			"kept container %s ended during the call", c->name);
out:
	free(buf);
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
static int by_exec(struct rt_plan *p, const struct rt_request *req,
		   const struct warm_call *c, int lease_fd, struct tbx_err *e)
{
	const struct spec *s = &p->spec;
	char **v, *user = rt_store(p, "%u:%u", p->uid, p->gid);
	int n = 0;

	v = calloc(16 + 2 * s->passenv.n + (size_t)c->nep + (size_t)req->nargs,
		   sizeof(*v));
	if (!v || !user)
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	v[n++] = (char *)p->engine;
	v[n++] = "exec";
	v[n++] = "-i";
	v[n++] = "-t";
	v[n++] = "-u";
	v[n++] = user;
	v[n++] = "-w";
	v[n++] = p->project.cwd;
	if (getenv("TERM")) {
		v[n++] = "-e";
		v[n++] = "TERM";
	}
	n += rt_passenv(s, v + n);
	v[n++] = (char *)c->name;
	v[n++] = WARM_AGENT;
	v[n++] = "-c";
	for (int i = 0; i < c->nep; i++)
		v[n++] = c->ep[i];
	v[n++] = (char *)req->command;
	for (int i = 0; i < req->nargs; i++)
		v[n++] = req->args[i];
	v[n] = NULL;
	fcntl(lease_fd, F_SETFD, 0);
	execv(p->engine_path, v);
	return err_set(e, TBX_EXIT_CANNOT_EXEC, "cannot run engine %s: %s",
		       p->engine_path, strerror(errno));
}

int warm_call(struct rt_plan *p, const struct rt_request *req,
	      const struct warm_call *c, int lease_fd, struct tbx_err *e)
{
	sigset_t set, old;
	int st;

	if (isatty(0) && isatty(1))
		return by_exec(p, req, c, lease_fd, e);
	sigemptyset(&set);
	for (unsigned i = 0; i < 6; i++)
		sigaddset(&set, warm_forwarded[i]);
	sigprocmask(SIG_BLOCK, &set, &old);
	st = by_socket(p, req, c, &set, e);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return st;
}
