/* A shim inside a container that drives the host's engine (a CI job with
 * the engine's socket mounted): paths it sees are not the host's, so the
 * tool's container is given the volumes that hold the project instead of
 * binding paths. */
#ifndef TBX_INCONTAINER_H
#define TBX_INCONTAINER_H

#include <stddef.h>

#include "err.h"

#define CONTAINER_ID_MAX 128

/* This container's id, when the shim runs in one: TBX_CONTAINER_ID, else,
 * when /.dockerenv or /run/.containerenv exists, the id in the paths of the
 * files the engine mounts into its containers (/etc/hostname and the like,
 * in /proc/self/mountinfo). TBX_IN_CONTAINER=0 says the engine is not the
 * host's (docker-in-docker): no id. Returns 1 with id, 0 when not in a
 * container (or in one that shows no id), -1 with e for a bad
 * TBX_CONTAINER_ID. */
int incontainer_id(char *id, size_t size, struct tbx_err *e);

/* Whether path lies on a mount of this container (a volume or a bind
 * mount) rather than on its own root filesystem, which the tool's
 * container would not see. */
int incontainer_on_mount(const char *path);

/* Whether a mount point lies below path (path itself excluded): 1 with
 * the first one in out. */
int incontainer_mount_below(const char *path, char *out, size_t size);

/* The three above over the text of a mountinfo file: the id of the
 * container whose /etc/hostname the engine mounted (1, or 0 when none),
 * and whether path lies on a mount that --volumes-from shares. */
int mountinfo_container_id(const char *info, char *id, size_t size);
int mountinfo_on_mount(const char *info, const char *path);
int mountinfo_mount_below(const char *info, const char *path, char *out,
			  size_t size);

/* The Go template that makes the engine's 'inspect' list a container's
 * mounts, one a line: type, volume name, host source, destination and
 * whether it is writable, separated by tabs. */
#define INCONTAINER_MOUNTS_FORMAT                                              \
	"{{range .Mounts}}{{.Type}}\t{{.Name}}\t{{.Source}}\t{{.Destination}}" \
	"\t{{.RW}}\n{{end}}"

/* One mount of this container that the tool's container is given too. */
struct incontainer_mount {
	int volume;	 /* a named volume (src is its name), or a bind */
	const char *src; /* the volume's name or the host path */
	const char *dst; /* where this container, and the tool's, see it */
	int ro;
};

/* From the lines of INCONTAINER_MOUNTS_FORMAT (edited in place), the
 * mounts that hold the project at root: the one that root lies on and
 * those inside it, neither sockets nor anything else of the container
 * (the engine's socket stays the job's). Returns how many were stored in
 * out (at most max), 0 when none holds root. */
size_t incontainer_workspace(char *lines, const char *root,
			     struct incontainer_mount *out, size_t max);

#endif
