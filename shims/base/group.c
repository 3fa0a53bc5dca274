/* A group's name, from /etc/group. */
#include "group.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "decimal.h"

/* Larger than any local group file; a longer one is read this far. */
#define GROUP_MAX (256 * 1024)

int group_name(unsigned gid, char *name, size_t size)
{
	static char text[GROUP_MAX + 1];
	ssize_t n, len = 0;
	int fd = open("/etc/group", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (len < GROUP_MAX &&
	       (n = read(fd, text + len, (size_t)(GROUP_MAX - len))) > 0)
		len += n;
	close(fd);
	text[len] = '\0';
	/* name:password:gid:members, a line each */
	for (char *line = text, *next; *line; line = next) {
		char *f2, *f3;
		const char *end;
		unsigned long id;
		size_t nlen;

		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		f2 = strchr(line, ':');
		f3 = f2 ? strchr(f2 + 1, ':') : NULL;
		if (!f3 || !(end = decimal_read(f3 + 1, &id)) || id != gid ||
		    *end != ':')
			continue;
		nlen = (size_t)(f2 - line);
		if (!nlen || nlen >= size)
			return -1;
		memcpy(name, line, nlen);
		name[nlen] = '\0';
		return 0;
	}
	return -1;
}
