/* The host paths that no mount may reach. */
#include "hostmount.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "endpoint.h"
#include "fmt.h"
#include "incontainer.h"
#include "path.h"

#define STR_(x) #x
#define STR(x)	STR_(x)

/* Whether the socket at sock, where it exists, lies in dir (resolved). */
static int holds(const char *dir, const char *sock)
{
	char real[PATH_MAX];

	return sock && sock[0] == '/' && realpath(sock, real) &&
	       path_within(real, dir);
}

/* The same for a socket the caller names (DOCKER_HOST, CONTAINER_HOST):
 * where it will be, when it is not there yet. */
static int holds_named(const char *dir, const char *sock)
{
	char real[PATH_MAX];

	if (!sock || sock[0] != '/')
		return 0;
	return path_within(realpath(sock, real) ? real : sock, dir);
}

/* The path of a "unix://" endpoint, or NULL. */
static const char *unix_path(const char *endpoint)
{
	return endpoint && !strncmp(endpoint, "unix://", 7) ? endpoint + 7
							    : NULL;
}

/* The unix sockets the docker CLI's contexts name: each context's
 * meta.json holds "Host":"unix:///path". */
static int holds_context_socket(const char *dir)
{
	const char *cfg = getenv("DOCKER_CONFIG"), *home = getenv("HOME");
	char meta[PATH_MAX], file[PATH_MAX + 300], text[8192];
	struct dirent *d;
	DIR *dp;
	int found = 0;

	if (cfg && *cfg)
		fmt(meta, sizeof(meta), "%s/contexts/meta", cfg);
	else if (home && *home)
		fmt(meta, sizeof(meta), "%s/.docker/contexts/meta", home);
	else
		return 0;
	dp = opendir(meta);
	if (!dp)
		return 0;
	while (!found && (d = readdir(dp))) {
		const char *key = "\"Host\":\"unix://", *at;
		ssize_t n;
		int fd;

		if (d->d_name[0] == '.')
			continue;
		fmt(file, sizeof(file), "%s/%s/meta.json", meta, d->d_name);
		fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			continue;
		n = read(fd, text, sizeof(text) - 1);
		close(fd);
		text[n > 0 ? n : 0] = '\0';
		for (at = strstr(text, key); at && !found;
		     at = strstr(at + 1, key)) {
			char *end = strchr(at + strlen(key), '"');

			if (!end)
				break;
			*end = '\0';
			found = holds(dir, at + strlen(key));
			*end = '"';
		}
	}
	closedir(dp);
	return found;
}

static int holds_engine_socket(const char *dir)
{
	const char *runtime = getenv("XDG_RUNTIME_DIR"), *home = getenv("HOME");
	const char *fixed[] = {ENDPOINT_DEFAULT_SOCKET, "/run/docker.sock",
			       "/run/podman/podman.sock",
			       "/run/containerd/containerd.sock"};
	const char *in_runtime[] = {"docker.sock", "podman/podman.sock"};
	const char *in_home[] = {".docker/run/docker.sock",
				 ".docker/desktop/docker.sock"};
	char path[PATH_MAX], user_runtime[64];

	if (holds_named(dir, endpoint_get()->socket) ||
	    holds_named(dir, unix_path(getenv("CONTAINER_HOST"))))
		return 1;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (holds(dir, fixed[i]))
			return 1;
	if (!runtime || runtime[0] != '/') {
		fmt(user_runtime, sizeof(user_runtime), "/run/user/%u",
		    (unsigned)getuid());
		runtime = user_runtime;
	}
	for (size_t i = 0; i < sizeof(in_runtime) / sizeof(in_runtime[0]); i++)
		if (fmt(path, sizeof(path), "%s/%s", runtime, in_runtime[i]) <
			    (int)sizeof(path) &&
		    holds(dir, path))
			return 1;
	for (size_t i = 0; home && i < sizeof(in_home) / sizeof(in_home[0]);
	     i++)
		if (fmt(path, sizeof(path), "%s/%s", home, in_home[i]) <
			    (int)sizeof(path) &&
		    holds(dir, path))
			return 1;
	return holds_context_socket(dir);
}

/* procfs reaches every process's root (/proc/<pid>/root); sysfs, devices
 * and the kernel's other pseudo file systems have no place in a tool. */
static int kernel_fs(const char *real)
{
	static const long magic[] = {
		0x9fa0,	    /* proc */
		0x62656572, /* sysfs */
		0x1cd1,	    /* devpts */
		0x27e0eb,   /* cgroup */
		0x63677270, /* cgroup2 */
		0x64626720, /* debugfs */
		0x74726163, /* tracefs */
		0x73636673, /* securityfs */
		0xcafe4a11, /* bpf */
	};
	struct statfs fs;

	if (path_within(real, "/proc") || path_within(real, "/sys") ||
	    path_within(real, "/dev"))
		return 1;
	if (statfs(real, &fs) < 0)
		return 0;
	for (size_t i = 0; i < sizeof(magic) / sizeof(magic[0]); i++)
		if ((long)fs.f_type == magic[i])
			return 1;
	return 0;
}

const char *hostmount_refused(const char *real)
{
	char below[PATH_MAX];
	struct stat st;
	int there = stat(real, &st) == 0;

	if (!strcmp(real, "/"))
		return "mounts the whole file system";
	if (there && S_ISSOCK(st.st_mode))
		return "mounts a socket";
	if (kernel_fs(real) ||
	    (there && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))))
		return "mounts the kernel's proc, sys or dev file systems or a device";
	if (holds_engine_socket(real))
		return "mounts the container engine's socket";
	/* the engine's bind is recursive: a proc or a socket's directory
	 * mounted below would come along, unchecked */
	if (incontainer_mount_below(real, below, sizeof(below)))
		return "holds other mounts, which the engine would give the tool too";
	return NULL;
}

const char *hostmount_unsayable(const char *path)
{
	if (strchr(path, '\r'))
		return "holds a carriage return, which the engine cannot take in a mount";
	if (strlen(path) > HOSTMOUNT_PATH_MAX)
		return "is longer than the engine can mount (" STR(
			HOSTMOUNT_PATH_MAX) " bytes)";
	return NULL;
}

const char *hostmount_trusted_refused(const char *m, const char *host,
				      const char *root, char *buf, size_t size,
				      int *missing)
{
	char real[PATH_MAX], home[PATH_MAX];
	const char *why = hostmount_refused(host);
	size_t len;

	*missing = 0;
	if (why)
		return why;
	if (!realpath(host, real)) {
		*missing = errno == ENOENT;
		fmt(buf, size, "cannot be resolved (%s)", strerror(errno));
		return *missing ? NULL : buf;
	}
	why = hostmount_refused(real);
	if (why)
		return why;
	/* as named, with HOME itself resolved */
	if (m[0] == '~' && realpath(getenv("HOME"), home) &&
	    fmt(buf, size, "%s%.*s", home, (int)strcspn(m + 1, ":"), m + 1) <
		    (int)size)
		host = buf;
	len = strlen(host);
	while (len > 1 && host[len - 1] == '/')
		len--;
	if (strlen(real) != len || strncmp(host, real, len)) {
		fmt(buf, size,
		    "is '%s' once links and '..' are resolved; name that path",
		    real);
		return buf;
	}
	if (path_within(real, root))
		return "lies inside the project, whose files can make it a link";
	return NULL;
}
