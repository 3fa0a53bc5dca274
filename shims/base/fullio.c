/* Reading and writing all of a buffer. */
#include "fullio.h"

#include <errno.h>
#include <unistd.h>

int fullio_write(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

ssize_t fullio_read(int fd, void *buf, size_t size)
{
	char *p = buf;
	size_t len = 0;

	while (len < size) {
		ssize_t n = read(fd, p + len, size - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return (ssize_t)len;
		len += (size_t)n;
	}
	errno = EFBIG;
	return -1;
}
