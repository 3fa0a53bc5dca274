/* Where tbx keeps and finds things. All results are newly allocated; the
 * caller frees them. */
#ifndef TBX_PATHS_H
#define TBX_PATHS_H

#include "base/err.h"

/* $TBX_HOME, else ${XDG_DATA_HOME:-$HOME/.local/share}/tbx. */
char *paths_tbx_home(struct tbx_err *e);

/* <tbx home>/shims */
char *paths_shims_dir(struct tbx_err *e);

/* ${XDG_CACHE_HOME:-$HOME/.cache}/tbx: a directory per tool, its HOME
 * and what its shims keep, as the shims name it. */
char *paths_cache_dir(struct tbx_err *e);

/* The catalog shipped with this tbx: <bindir>/../share/tbx/catalog when
 * installed, <builddir>/../catalog in a build tree; NULL if neither. */
char *paths_builtin_catalog(void);

#endif
