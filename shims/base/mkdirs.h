/* Creating a directory and its missing parents. */
#ifndef TBX_MKDIRS_H
#define TBX_MKDIRS_H

#include <sys/types.h>

#include "err.h"

/* mkdir -p path; directories it creates get mode. Returns 0 or -1 with e. */
int mkdirs(const char *path, mode_t mode, struct tbx_err *e);

#endif
