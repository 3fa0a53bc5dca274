/* Telling that the shim runs in a container, which one, and what of it
 * lies on mounts, from /proc/self/mountinfo. */
#include "incontainer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "endpoint.h"
#include "fmt.h"
#include "path.h"

/* mountinfo of a CI container: a few dozen lines of up to a few hundred
 * bytes; more is cut, which only loses mounts listed after the cut. */
#define MOUNTINFO_MAX (64 * 1024)

/* Read once per process. */
static char *mountinfo(void)
{
	static char buf[MOUNTINFO_MAX + 1];
	static int read_already;
	size_t len = 0;
	ssize_t n;
	int fd;

	if (read_already)
		return buf;
	read_already = 1;
	fd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return buf;
	while (len < MOUNTINFO_MAX &&
	       ((n = read(fd, buf + len, MOUNTINFO_MAX - len)) > 0 ||
		(n < 0 && errno == EINTR)))
		len += n > 0 ? (size_t)n : 0;
	close(fd);
	buf[len] = '\0';
	return buf;
}

static int is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

int mountinfo_container_id(const char *info, char *id, size_t size)
{
	/* the engine bind-mounts the container's own /etc/hostname from
	 * docker's .../containers/<id>/hostname or podman's
	 * .../overlay-containers/<id>/userdata/hostname */
	for (const char *line = info; line && *line;) {
		const char *nl = strchr(line, '\n'), *root = line, *p;

		for (int i = 0; i < 3 && root; i++) {
			root = strchr(root, ' ');
			root = root ? root + 1 : NULL;
		}
		if (root && (!nl || root < nl) &&
		    strstr(root, " /etc/hostname ") &&
		    (p = strstr(root, "containers/")) && (!nl || p < nl)) {
			const char *hex = p + strlen("containers/");

			if (is_hex(hex, 64) && hex[64] == '/' && size > 64) {
				memcpy(id, hex, 64);
				id[64] = '\0';
				return 1;
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	return 0;
}

int incontainer_id(char *id, size_t size, struct tbx_err *e)
{
	const char *forced = getenv("TBX_CONTAINER_ID"),
		   *flag = getenv("TBX_IN_CONTAINER");

	if (flag && !strcmp(flag, "0"))
		return 0;
	if (forced && *forced) {
		if (strlen(forced) >= size || strpbrk(forced, " \t\n,"))
			return err_set(
				e, TBX_EXIT_FAIL,
				"TBX_CONTAINER_ID='%s' is not a container id",
				forced);
		strcpy(id, forced);
		return 1;
	}
	/* an engine reached otherwise than through a local socket is not
	 * the one that runs this container (docker-in-docker) */
	if (!endpoint_get()->socket)
		return 0;
	if (access("/.dockerenv", F_OK) < 0 &&
	    access("/run/.containerenv", F_OK) < 0)
		return 0;
	if (mountinfo_container_id(mountinfo(), id, size))
		return 1;
	/* /.dockerenv alone also marks a machine built from an image that
	 * runs its own engine: without the engine's mounts, this is a host */
	return 0;
}

/* Copy a mountinfo field, undoing its octal escapes (\040 for a space). */
static size_t field(const char *s, char *out, size_t size)
{
	size_t n = 0;

	while (*s && *s != ' ' && *s != '\n' && n + 1 < size) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] &&
		    s[3]) {
			out[n++] = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
					  (s[3] - '0'));
			s += 4;
		} else
			out[n++] = *s++;
	}
	out[n] = '\0';
	return n;
}

/* Whether a mount (its line from the mount point on) is one that
 * --volumes-from shares: a tmpfs is not (the kernel's own file systems are
 * never a project's ancestors). */
static int shared_kind(const char *s, const char *nl)
{
	const char *dash = strstr(s, " - ");

	return dash && (!nl || dash < nl) && strncmp(dash + 3, "tmpfs ", 6);
}

int incontainer_on_mount(const char *path)
{
	return mountinfo_on_mount(mountinfo(), path);
}

int incontainer_mount_below(const char *path, char *out, size_t size)
{
	return mountinfo_mount_below(mountinfo(), path, out, size);
}

int mountinfo_mount_below(const char *info, const char *path, char *out,
			  size_t size)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (const char *line = info; line && *line;) {
		const char *s = line, *nl = strchr(line, '\n');

		/* id parent major:minor root mountpoint ... */
		for (int i = 0; i < 4 && s; i++) {
			s = strchr(s, ' ');
			s = s ? s + 1 : NULL;
		}
		if (s && (!nl || s < nl) && field(s, out, size) > n &&
		    path_within(out, path))
			return 1;
		line = nl ? nl + 1 : NULL;
	}
	return 0;
}

int mountinfo_on_mount(const char *info, const char *path)
{
	const char *line;
	char point[4096];
	size_t best = 0;

	for (line = info; line && *line;) {
		const char *s = line, *nl = strchr(line, '\n');
		size_t n;

		/* id parent major:minor root mountpoint ... */
		for (int i = 0; i < 4 && s; i++) {
			s = strchr(s, ' ');
			s = s ? s + 1 : NULL;
		}
		if (s && (!nl || s < nl) && shared_kind(s, nl)) {
			n = field(s, point, sizeof(point));
			if (n > 1 && n > best && path_within(path, point))
				best = n;
		}
		line = nl ? nl + 1 : NULL;
	}
	return best > 1;
}

/* The five tab-separated fields of a line, NUL-terminated in place. */
static int split_mount_line(char *line, char *field_of[5])
{
	for (int i = 0; i < 5; i++) {
		field_of[i] = line;
		line = strchr(line, '\t');
		if (i < 4 && !line)
			return -1;
		if (line)
			*line++ = '\0';
	}
	return line ? -1 : 0;
}

size_t incontainer_workspace(char *lines, const char *root,
			     struct incontainer_mount *out, size_t max)
{
	struct incontainer_mount all[64];
	size_t n = 0, kept = 0, base = 0;
	int found = 0;

	for (char *line = lines; line && *line && n < 64;) {
		char *nl = strchr(line, '\n'), *f[5];

		if (nl)
			*nl = '\0';
		if (split_mount_line(line, f) == 0 && f[3][0] == '/' &&
		    (!strcmp(f[0], "volume") || !strcmp(f[0], "bind"))) {
			int volume = !strcmp(f[0], "volume");

			all[n++] = (struct incontainer_mount){
				volume, volume ? f[1] : f[2], f[3],
				strcmp(f[4], "true") != 0};
		}
		line = nl ? nl + 1 : NULL;
	}
	/* the deepest mount that root lies in is the workspace, given
	 * first and whatever else is cut */
	for (size_t i = 0; i < n; i++)
		if (path_within(root, all[i].dst) &&
		    (!found || strlen(all[i].dst) > strlen(all[base].dst))) {
			base = i;
			found = 1;
		}
	if (!found || !max)
		return 0;
	out[kept++] = all[base];
	for (size_t i = 0; i < n && kept < max; i++) {
		struct stat st;
		size_t at = kept;

		if (i == base || !path_within(all[i].dst, all[base].dst) ||
		    (stat(all[i].dst, &st) == 0 && S_ISSOCK(st.st_mode)))
			continue;
		/* outer mounts first, as the engine must make them */
		for (; at && strlen(out[at - 1].dst) > strlen(all[i].dst); at--)
			out[at] = out[at - 1];
		out[at] = all[i];
		kept++;
	}
	return kept;
}
