/* GETs on the engine's API socket, each read just far enough for what it
 * asks: an image's ID, which docker's answer gives first, or a
 * container's state. */
#include "engine_api.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "fmt.h"

/* How long a shim waits for the engine's answer. */
#define ENGINE_API_MS 2000

static int connect_to(const char *path)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int fd, r;

	if (strlen(path) >= sizeof(a.sun_path))
		return -1;
	strcpy(a.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	do
		r = connect(fd, (struct sockaddr *)&a, sizeof(a));
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Read the answer into buf until it ends or holds what done looks for;
 * its length. */
static size_t answer(int fd, char *buf, size_t size, const char *done)
{
	size_t n = 0;

	while (n + 1 < size) {
		struct pollfd pf = {fd, POLLIN, 0};
		ssize_t r;

		if (poll(&pf, 1, ENGINE_API_MS) <= 0)
			break;
		r = read(fd, buf + n, size - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		buf[n] = '\0';
		if (strstr(buf, done))
			break;
	}
	buf[n] = '\0';
	return n;
}

/* GET path on the engine's API: the answer's HTTP status (its body after
 * the headers, in buf), or -1. */
static int get(const char *socket, const char *path, char *buf, size_t size,
	       const char *done)
{
	char req[1024];
	int fd, len;

	len = fmt(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: docker\r\n\r\n",
		  path);
	if (len >= (int)sizeof(req) || strpbrk(path, " ?#%\r\n"))
		return -1;
	fd = connect_to(socket);
	if (fd < 0)
		return -1;
	if (send(fd, req, (size_t)len, MSG_NOSIGNAL) != len) {
		close(fd);
		return -1;
	}
	len = (int)answer(fd, buf, size, done);
	close(fd);
	if (len < 12 || strncmp(buf, "HTTP/1.", 7) || buf[8] != ' ')
		return -1;
	return (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
}

int engine_image_id(const char *socket, const char *ref,
		    char id[ENGINE_IMAGE_ID_SIZE])
{
	char path[600], buf[8192];
	const char *at;
	int code;

	if (fmt(path, sizeof(path), "/images/%s/json", ref) >=
	    (int)sizeof(path))
		return -1;
	/* docker's answer gives the ID first */
	code = get(socket, path, buf, sizeof(buf), "\",\"");
	if (code == 404)
		return 0;
	at = code == 200 ? strstr(buf, "\"Id\":\"") : NULL;
	if (!at || strncmp(at + 6, "sha256:", 7) ||
	    strspn(at + 13, "0123456789abcdef") < 64 || at[13 + 64] != '"')
		return -1;
	memcpy(id, at + 6, 71);
	id[71] = '\0';
	return 1;
}

/* GET the container's state: the answer's HTTP status, buf its body. */
static int container_json(const char *socket, const char *name, char *buf,
			  size_t size)
{
	char path[256];

	if (fmt(path, sizeof(path), "/containers/%s/json", name) >=
	    (int)sizeof(path))
		return -1;
	return get(socket, path, buf, size, "\"Paused\":");
}

int engine_container_running(const char *socket, const char *name)
{
	char buf[8192];
	int code = container_json(socket, name, buf, sizeof(buf));

	if (code == 404)
		return 0;
	if (code != 200 || !strstr(buf, "\"Running\":"))
		return -1;
	return !strncmp(strstr(buf, "\"Running\":") + 10, "true", 4);
}

int engine_container_gone(const char *socket, const char *name)
{
	char buf[8192];
	struct timespec start, now;
	int code;

	clock_gettime(CLOCK_MONOTONIC, &start);
	/* about 10 s: an error path only, which then says the truth */
	do {
		struct timespec ten = {0, 10000000};

		code = container_json(socket, name, buf, sizeof(buf));
		if (code != 200)
			break;
		nanosleep(&ten, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec - start.tv_sec < 10);
	return code == 404 ? 1 : code == 200 ? 0 : -1;
}
