/* Which .toolbox files the user trusts to ask for more than versions: the
 * store holds one line per file, "<sha256 of its content> <path>", so an
 * edit makes a file untrusted again. */
#ifndef TBX_TRUST_H
#define TBX_TRUST_H

#include <stddef.h>

#include "err.h"
#include "inifile.h"

/* The store's largest size, read as shims read small files: room for a
 * few hundred trusted files. */
#define TRUST_MAX INI_MAX_SIZE

/* ${XDG_STATE_HOME:-$HOME/.local/state}/tbx/trusted into out (PATH_MAX
 * bytes). Returns 0, or -1 with e when neither is an absolute path. */
int trust_store(char *out, struct tbx_err *e);

/* Whether the store trusts the file at path whose content is text.
 * Returns 1 or 0, or -1 with e when the store cannot be read. */
int trust_check(const char *path, const char *text, struct tbx_err *e);

#endif
