/* sendmsg and recvmsg with SCM_RIGHTS. */
#include "fdpass.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Room for the control message, aligned as a cmsghdr. */
union control {
	struct cmsghdr align;
	char buf[CMSG_SPACE(FDPASS_MAX * sizeof(int))];
};

int fdpass_send(int sock, const void *buf, size_t len, const int *fds,
		unsigned n)
{
	union control c;
	struct iovec iov = {(void *)buf, len};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = c.buf,
			   .msg_controllen = CMSG_SPACE(n * sizeof(int))};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	if (n > FDPASS_MAX)
		return -1;
	memset(&c, 0, sizeof(c));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(cm), fds, n * sizeof(int));
	return sendmsg(sock, &m, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
}

ssize_t fdpass_recv(int sock, void *buf, size_t len, int flags, int *fds,
		    unsigned max, unsigned *n)
{
	union control c;
	struct iovec iov = {buf, len};
	struct msghdr m = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = c.buf,
		.msg_controllen = CMSG_SPACE(
			(max < FDPASS_MAX ? max : FDPASS_MAX) * sizeof(int))};
	struct cmsghdr *cm;
	ssize_t r;

	*n = 0;
	do
		r = recvmsg(sock, &m, flags | MSG_CMSG_CLOEXEC);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -1;
	cm = CMSG_FIRSTHDR(&m);
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
		int got[FDPASS_MAX + 1];
		/* the control space rounds up: room for max may take more */
		unsigned k =
			(unsigned)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int));

		if (k > FDPASS_MAX + 1)
			k = FDPASS_MAX + 1;
		memcpy(got, CMSG_DATA(cm), k * sizeof(int));
		if (k > max || k > FDPASS_MAX) {
			for (unsigned i = 0; i < k; i++)
				close(got[i]);
			errno = EMSGSIZE;
			return -1;
		}
		memcpy(fds, got, k * sizeof(int));
		*n = k;
	}
	if (m.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
		for (unsigned i = 0; i < *n; i++)
			close(fds[i]);
		*n = 0;
		errno = EMSGSIZE;
		return -1;
	}
	return r;
}
