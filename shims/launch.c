/* Running the tool inside its container, as its first program. */
#include "launch.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "base/fmt.h"

/* Whether command is a file the search would find: then ENOENT came from
 * the interpreter of a script or the loader of a program. */
static int in_path(const char *command)
{
	const char *path = getenv("PATH");
	char file[PATH_MAX];

	if (strchr(command, '/'))
		return access(command, F_OK) == 0;
	for (const char *d = path ? path : "/usr/local/bin:/usr/bin:/bin";
	     *d;) {
		size_t n = strcspn(d, ":");

		if (fmt(file, sizeof(file), "%.*s/%s", (int)n, n ? d : ".",
			command) < (int)sizeof(file) &&
		    access(file, F_OK) == 0)
			return 1;
		d += n + (d[n] == ':');
	}
	return 0;
}

int launch_in_image(int argc, char **argv)
{
	struct tbx_err e;
	int err;

	if (argc < 3)
		return TBX_EXIT_FAIL;
	execvp(argv[2], argv + 2);
	err = errno;
	if (err == ENOENT && in_path(argv[2]))
		err_set(&e, 127,
			"cannot run '%s' in the image of %s: the interpreter or loader it names is not in the image",
			argv[2], argv[1]);
	else if (err == ENOENT)
		err_set(&e, 127,
			"the image of %s has no command '%s'; pin a version that has it, or fix the catalog entry",
			argv[1], argv[2]);
	else {
		errno = err;
		err_sys(&e, 126, "cannot run '%s' in the image of %s", argv[2],
			argv[1]);
	}
	err_print(argv[2], &e);
	return e.status;
}
