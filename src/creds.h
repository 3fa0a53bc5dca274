/* Registry credentials from the docker CLI's configuration
 * ($DOCKER_CONFIG/config.json, else ~/.docker/config.json): "auths",
 * "credHelpers" and "credsStore" (through docker-credential-<name> get). */
#ifndef TBX_CREDS_H
#define TBX_CREDS_H

#include "base/err.h"

/* Credentials for a registry host ("docker.io", "localhost:5000"). Returns 1
 * with *user and *secret (caller frees; clear the secret first), 0 when
 * there are none, -1 with e. */
int creds_lookup(const char *host, char **user, char **secret,
		 struct tbx_err *e);

#endif
