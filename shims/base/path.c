/* Where a path lies, by its text. */
#include "path.h"

#include <string.h>

int path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 0)
		return 0;
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}
