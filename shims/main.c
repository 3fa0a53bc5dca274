/* A shim: runs one command of one tool from its container image, as if the
 * tool were installed. `tbx install` writes the spec into tbx_spec. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "base/spec.h"
#include "hostcall.h"
#include "launch.h"
#include "run.h"
#include "warm/agent.h"
#include "warm/proto.h"

_Static_assert(SPEC_VERSION == 1, "update the version byte below");

/* Not const and not static, so that the compiler assumes nothing of the
 * contents that tbx writes into the file after linking. */
__attribute__((aligned(16))) unsigned char tbx_spec[SPEC_REGION_SIZE] =
	SPEC_MAGIC "\001";

int main(int argc, char **argv)
{
	char self[PATH_MAX], dir[PATH_MAX], *slash;
	const char *why, *skip = NULL;
	struct spec spec;
	ssize_t n;

	/* a closed stdin, stdout or stderr reads as /dev/null, and no file
	 * the shim opens can take its place */
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			return TBX_EXIT_FAIL;
	/* in a container, as a tool's editor, gpg or askpass: a host call */
	if (argc > 2 && !strcmp(argv[1], HOSTCALL_ARG) &&
	    (!strcmp(argv[0], WARM_AGENT) || !strcmp(argv[0], LAUNCH_PATH)))
		return hostcall_stub(argc - 2, argv + 2);
	if (argc > 0 &&
	    !strncmp(argv[0], HOSTCALL_BIN "/", sizeof(HOSTCALL_BIN))) {
		argv[0] += sizeof(HOSTCALL_BIN);
		return hostcall_stub(argc, argv);
	}
	if (argc > 1 && !strcmp(argv[0], WARM_AGENT))
		return warm_agent(argc, argv);
	if (argc > 1 && !strcmp(argv[0], LAUNCH_PATH))
		return launch_in_image(argc, argv);
	if (spec_decode(tbx_spec, sizeof(tbx_spec), &spec, &why) < 0) {
		struct tbx_err e;

		err_set(&e, TBX_EXIT_FAIL,
			"%s; reinstall it with 'tbx install'", why);
		err_print(argc > 0 ? argv[0] : "shim", &e);
		return e.status;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0 && (size_t)n < sizeof(self) - 1) {
		self[n] = '\0';
		strcpy(dir, self);
		slash = strrchr(dir, '/');
		if (slash && slash != dir) {
			*slash = '\0';
			skip = dir;
		}
	}
	struct plan_request req = {
		.spec = &spec,
		.command = spec.command,
		.args = argc > 0 ? argv + 1 : argv,
		.nargs = argc > 0 ? argc - 1 : 0,
		.skip_dir = skip,
		.self = n > 0 && self[0] == '/' ? self : NULL,
	};
	return run_call(&req);
}
