/* Running the tool inside its container, as its first program. */
#include "launch.h"

#include <errno.h>
#include <unistd.h>

#include "base/err.h"

int launch_in_image(int argc, char **argv)
{
	struct tbx_err e;

	if (argc < 3)
		return TBX_EXIT_FAIL;
	execvp(argv[2], argv + 2);
	if (errno == ENOENT)
		err_set(&e, 127,
			"the image of %s has no command '%s'; pin a version that has it, or fix the catalog entry",
			argv[1], argv[2]);
	else
		err_sys(&e, 126, "cannot run '%s' in the image of %s", argv[2],
			argv[1]);
	err_print(argv[2], &e);
	return e.status;
}
