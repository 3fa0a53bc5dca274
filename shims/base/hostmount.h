/* The host paths that no mount may reach, whoever asks for it. */
#ifndef TBX_HOSTMOUNT_H
#define TBX_HOSTMOUNT_H

#include <stddef.h>

/* Why the host path real (symlinks resolved) must not be mounted, or NULL:
 * it is /, a socket or a device, lies in the kernel's proc, sys or dev file
 * systems, or holds a socket a container engine listens on (docker's,
 * podman's rootful and rootless, containerd's, Docker Desktop's, and the
 * ones DOCKER_HOST, CONTAINER_HOST or a docker context name). */
const char *hostmount_refused(const char *real);

/* Why a trusted .toolbox's mount item m ("host:container[:mode]", host
 * being its host part with ~ expanded) must not be made in the project at
 * root, or NULL: hostmount_refused, on the path as named and as resolved;
 * a path that names a link or '..' on its way (a repository can turn a
 * path into a link later: it must name what it is); one inside the project
 * (whose files a pull can change). A host path that does not exist sets
 * *missing and is not refused. The reason may be written in buf. */
const char *hostmount_trusted_refused(const char *m, const char *host,
				      const char *root, char *buf, size_t size,
				      int *missing);

/* The longest path the engine is given to mount: it mounts a path under
 * its own directory of the container's root (/var/lib/docker/overlay2/<id>/
 * merged/...), which must stay below PATH_MAX. */
#define HOSTMOUNT_PATH_MAX 3072

/* Why the engine cannot be given path in a mount, or NULL: a carriage
 * return (its CSV reader turns CR LF into LF, even quoted) or more than
 * HOSTMOUNT_PATH_MAX bytes. */
const char *hostmount_unsayable(const char *path);

#endif
