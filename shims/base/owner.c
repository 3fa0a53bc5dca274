/* The scope of a pid: this boot of this machine, this pid namespace. */
#include "owner.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"

void owner_scope(char *out, size_t size)
{
	char boot[40] = "unknown", ns[64] = "";
	int fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, boot, 36);
	const char *inode;

	if (fd >= 0)
		close(fd);
	boot[n == 36 ? 36 : 7] = '\0';
	n = readlink("/proc/self/ns/pid", ns, sizeof(ns) - 1);
	ns[n > 0 ? n : 0] = '\0';
	inode = strchr(ns, '[') ? strchr(ns, '[') + 1 : "0";
	fmt(out, size, "%s:%.*s:", boot, (int)strcspn(inode, "]"), inode);
}
