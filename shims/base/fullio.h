/* Writing all of a buffer, as one write(2) may not. */
#ifndef TBX_FULLIO_H
#define TBX_FULLIO_H

#include <stddef.h>

/* Write len bytes of buf to fd, again after a short write or EINTR.
 * Returns 0, or -1 with errno. */
int fullio_write(int fd, const void *buf, size_t len);

#endif
