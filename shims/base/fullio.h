/* Reading and writing all of a buffer, as one read(2) or write(2) may
 * not. */
#ifndef TBX_FULLIO_H
#define TBX_FULLIO_H

#include <stddef.h>
#include <sys/types.h>

/* Write len bytes of buf to fd, again after a short write or EINTR.
 * Returns 0, or -1 with errno. */
int fullio_write(int fd, const void *buf, size_t len);

/* Read fd to its end into buf (size bytes), again after a short read or
 * EINTR. The length, which is less than size; -1 with errno, EFBIG when
 * there is more than fits. */
ssize_t fullio_read(int fd, void *buf, size_t size);

#endif
