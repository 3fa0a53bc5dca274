/* What the user names beyond the project: the temporary directories, and
 * the paths in the arguments. */
#ifndef TBX_ARGPATHS_H
#define TBX_ARGPATHS_H

#include "plan.h"

/* Mount the host's /tmp and $TMPDIR at their own paths, the local
 * repositories the project's remotes name when the spec asks, and for each
 * argument that names a path outside what the container sees (absolute,
 * "--opt=/path", "-o/path", "name=/path", or relative through ".."), the
 * nearest existing directory at its own path. A path in the image's own
 * directories (/usr, /etc, ...) is the image's; one whose nearest existing
 * directory is "/" is not the user's. A path that needs "/", $HOME or
 * what lies above it mounted whole, or a refused host path, fails here,
 * before the tool runs. Returns 0 or -1 with e. */
int argpaths_plan(struct plan *p, struct tbx_err *e);

/* Whether path (absolute, normalized) lies in a directory an image keeps
 * its own files in. */
int argpaths_image_dir(const char *path);

/* Join path to cwd when relative and resolve "." and ".." by the text
 * into out (PATH_MAX bytes). Returns 0, or -1 when too long. */
int argpaths_normalize(const char *cwd, const char *path, char *out);

#endif
