/* Who started a container: shims label theirs "tbx.owner=<scope><pid>",
 * and 'tbx gc' removes those whose process is gone. */
#ifndef TBX_OWNER_H
#define TBX_OWNER_H

#include <stddef.h>

/* "<boot id>:<pid namespace inode>:", which with a pid names one process
 * of this boot of this machine; out holds at least 64 bytes. */
void owner_scope(char *out, size_t size);

#endif
