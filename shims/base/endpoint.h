/* Where the engine's client will connect, read once from DOCKER_HOST,
 * DOCKER_CONTEXT, the docker CLI's config and CONTAINER_HOST: the one
 * place tbx reads them. */
#ifndef TBX_ENDPOINT_H
#define TBX_ENDPOINT_H

#define ENDPOINT_DEFAULT_SOCKET "/var/run/docker.sock"

struct endpoint {
	const char *host;    /* DOCKER_HOST, NULL when unset or empty */
	const char *socket;  /* the unix socket the docker CLI uses when no
				context decides: DOCKER_HOST's unix:// path
				or the default; NULL for a remote host */
	const char *context; /* DOCKER_CONTEXT, NULL when unset, empty or
				"default" */
	int container_host;  /* CONTAINER_HOST is set: podman's remote */
};

/* The caller's endpoint; borrowed, valid for the process's life. */
const struct endpoint *endpoint_get(void);

/* Whether the docker CLI's config selects a current context other than
 * "default" (read on first use); DOCKER_CONTEXT or DOCKER_HOST override
 * it. */
int endpoint_config_context(void);

/* Whether the engine is on this machine's kernel and file system, as
 * warm mode's socket and locks need: no TCP or SSH DOCKER_HOST, no
 * context (Docker Desktop's is a VM), no CONTAINER_HOST. */
int endpoint_local(const struct endpoint *ep);

#endif
