/* Reading the engine's endpoint from the environment. */
#include "endpoint.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"

static const char *nonempty(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

const struct endpoint *endpoint_get(void)
{
	static struct endpoint ep;
	static int done;

	if (done)
		return &ep;
	done = 1;
	ep.host = nonempty("DOCKER_HOST");
	if (!ep.host)
		ep.socket = ENDPOINT_DEFAULT_SOCKET;
	else if (!strncmp(ep.host, "unix://", 7))
		ep.socket = ep.host + 7;
	ep.context = nonempty("DOCKER_CONTEXT");
	if (ep.context && !strcmp(ep.context, "default"))
		ep.context = NULL;
	ep.container_host = getenv("CONTAINER_HOST") != NULL;
	return &ep;
}

/* The config is JSON, but only one key matters and the shim carries no JSON
 * reader: a "currentContext" whose value is not "default" or "". */
static int read_config_context(void)
{
	char path[PATH_MAX], text[16384];
	const char *dir = getenv("DOCKER_CONFIG"), *home = getenv("HOME");
	const char *key, *val;
	ssize_t n;
	int fd;

	if (dir && *dir)
		fmt(path, sizeof(path), "%s/config.json", dir);
	else if (home)
		fmt(path, sizeof(path), "%s/.docker/config.json", home);
	else
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	if ((size_t)n == sizeof(text) - 1)
		return 1; /* too large to tell: let the CLI decide */
	text[n] = '\0';
	key = strstr(text, "\"currentContext\"");
	if (!key)
		return 0;
	val = key + strlen("\"currentContext\"");
	val += strspn(val, " \t\r\n:");
	return strncmp(val, "\"default\"", 9) != 0 &&
	       strncmp(val, "\"\"", 2) != 0;
}

int endpoint_config_context(void)
{
	static int cached = -1;

	if (cached < 0)
		cached = read_config_context();
	return cached;
}

int endpoint_local(const struct endpoint *ep)
{
	if (ep->host)
		return ep->socket != NULL;
	return !ep->context && !ep->container_host &&
	       !endpoint_config_context();
}
