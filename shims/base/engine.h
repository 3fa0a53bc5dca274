/* The container engine's client: which one, where, and how it maps the
 * caller's uid into containers. */
#ifndef TBX_ENGINE_H
#define TBX_ENGINE_H

#include "err.h"

enum engine_kind { ENGINE_DOCKER, ENGINE_PODMAN, ENGINE_NERDCTL, ENGINE_OTHER };

/* How files a container writes come to belong to the caller. */
enum engine_user {
	USER_MAP_UID,	/* rootful: run as the caller's uid:gid */
	USER_MAP_ROOT,	/* rootless docker or nerdctl: container root is
			   the caller, so run as 0:0 */
	USER_MAP_KEEPID /* rootless podman: --userns=keep-id and uid:gid */
};

/* TBX_ENGINE (a path, or a name looked up in PATH), else the first of
 * docker, podman and nerdctl in PATH. PATH entries that are the directory
 * skip (the shims', which may hold a shim named like an engine) and empty
 * entries are never searched. *name is the name as given; path (PATH_MAX
 * bytes) where it is. Returns 0, or -1 with e (status 127). */
int engine_find(const char *skip, const char **name, char *path,
		struct tbx_err *e);

/* The kind of engine, by the file name of its client. */
enum engine_kind engine_kind(const char *path);

/* The uid mapping for this caller and engine: TBX_ROOTLESS=1 or 0 when
 * set, else rootless when podman or nerdctl run as a user other than root,
 * or when docker's unix socket belongs to the (non-root) caller. */
enum engine_user engine_user(enum engine_kind kind);

/* The engine's account of a failure, on one line: the first line of what
 * it printed on stderr (err, edited in place), without the client's
 * "docker: " in front. */
const char *engine_says(char *err);

#endif
