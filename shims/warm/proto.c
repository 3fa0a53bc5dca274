/* The request's encoding, the lease's locks and the socket's I/O. */
#include "proto.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/nulstr.h"

const int warm_forwarded[WARM_NFORWARDED] = {SIGINT,  SIGTERM, SIGHUP, SIGQUIT,
					     SIGUSR1, SIGUSR2, SIGTSTP};

size_t warm_encode(const struct warm_request *r, char *buf)
{
	size_t n = 0;

	n = nulstr_put(buf, n, r->cwd);
	for (size_t i = 0; i < r->nenv; i++)
		n = nulstr_put(buf, n, r->env[i]);
	n = nulstr_put(buf, n, "");
	for (size_t i = 0; i < r->argc; i++)
		n = nulstr_put(buf, n, r->argv[i]);
	return n;
}

size_t warm_decode_items(const char *buf, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\0';
	return n;
}

int warm_decode(const char *buf, size_t len, struct warm_request *r,
		const char **env, const char **argv)
{
	const char *c = buf, *end = buf + len;

	if (len == 0 || buf[len - 1] != '\0' || !*buf)
		return -1;
	r->cwd = c;
	r->env = env;
	r->argv = argv;
	r->nenv = r->argc = 0;
	for (c += strlen(c) + 1; c < end && *c; c += strlen(c) + 1) {
		if (!strchr(c, '='))
			return -1;
		env[r->nenv++] = c;
	}
	if (c >= end)
		return -1; /* no separator */
	for (c++; c < end; c += strlen(c) + 1)
		argv[r->argc++] = c;
	return r->argc ? 0 : -1;
}

int warm_lock(int fd, enum warm_byte byte, short type, int wait)
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

int warm_alive(int fd)
{
	struct flock l = {.l_type = F_RDLCK,
			  .l_whence = SEEK_SET,
			  .l_start = WARM_BYTE_ALIVE,
			  .l_len = 1};

	return fcntl(fd, F_OFD_GETLK, &l) == 0 && l.l_type != F_UNLCK;
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
