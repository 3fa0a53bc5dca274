/* The caller's passwd and group entries, kept beside the tool's HOME. */
#include "passwd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "fullio.h"

/* Room for a root line and the caller's, with a home of up to PATH_MAX. */
#define ENTRIES_MAX (PATH_MAX + 256)

/* $USER when it is a name every passwd reader accepts, else "tbx". */
static const char *user_name(void)
{
	const char *u = getenv("USER");
	size_t n = u ? strlen(u) : 0;

	if (n == 0 || n > 32 || u[0] == '-' || !strcmp(u, "root"))
		return "tbx";
	for (const char *c = u; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || strchr("_.-", *c)))
			return "tbx";
	return u;
}

static int same_content(const char *path, const char *want, size_t len)
{
	char have[ENTRIES_MAX + 1];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	do
		n = read(fd, have, sizeof(have));
	while (n < 0 && errno == EINTR);
	close(fd);
	return n == (ssize_t)len && !memcmp(have, want, len);
}

/* Replace dir/name with text through a temporary file and a rename, so that
 * a container starting meanwhile sees the old file or the new one. */
static int replace(const char *dir, const char *name, const char *text,
		   struct tbx_err *e)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	size_t len = strlen(text);
	int fd;

	if (fmt(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path) ||
	    fmt(tmp, sizeof(tmp), "%s/.%s.%d", dir, name, (int)getpid()) >=
		    (int)sizeof(tmp))
		return err_set(e, TBX_EXIT_FAIL, "path too long: %s", dir);
	if (same_content(path, text, len))
		return 0;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return err_sys(e, TBX_EXIT_FAIL, "cannot create %s", tmp);
	if (fullio_write(fd, text, len) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		goto fail;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0)
		goto fail;
	return 0;
fail:
	err_sys(e, TBX_EXIT_FAIL, "cannot write %s", path);
	unlink(tmp);
	return -1;
}

int passwd_write(const char *dir, const char *home, unsigned uid, unsigned gid,
		 struct tbx_err *e)
{
	char text[ENTRIES_MAX];
	const char *name = uid ? user_name() : "root";
	const char *root = uid ? "root:x:0:0:root:/root:/bin/sh\n" : "";
	const char *root_group = gid ? "root:x:0:\n" : "";

	if (fmt(text, sizeof(text), "%s%s:x:%u:%u:%s:%s:/bin/sh\n", root, name,
		uid, gid, name, home) >= (int)sizeof(text))
		return err_set(e, TBX_EXIT_FAIL, "home path too long: %s",
			       home);
	if (replace(dir, "passwd", text, e) < 0)
		return -1;
	fmt(text, sizeof(text), "%s%s:x:%u:\n", root_group, gid ? name : "root",
	    gid);
	return replace(dir, "group", text, e);
}
