/* A shim inside a container that drives the host's engine (a CI job with
 * the engine's socket mounted): paths it sees are not the host's, so the
 * tool's container shares this container's volumes instead of binding
 * paths. */
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

/* The two above over the text of a mountinfo file: the id of the
 * container whose /etc/hostname the engine mounted (1, or 0 when none),
 * and whether path lies on a mount that --volumes-from shares. */
int mountinfo_container_id(const char *info, char *id, size_t size);
int mountinfo_on_mount(const char *info, const char *path);

#endif
