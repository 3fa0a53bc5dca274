/* The shim runtime: from a spec, the caller's environment and the project
 * around the cwd, build the engine command line and exec it. Shared by every
 * shim and by `tbx run`/`tbx which`. */
#ifndef TBX_RUNTIME_H
#define TBX_RUNTIME_H

#include <limits.h>

#include "err.h"
#include "incontainer.h"
#include "overrides.h"
#include "project.h"
#include "spec.h"

/* Room for the strings of one plan: paths, -e and --mount values. */
#define RT_STRINGS_SIZE (64 * 1024)

struct rt_request {
	const struct spec *spec;
	const char *command; /* run in the container */
	char **args;	     /* the user's arguments, passed byte for byte */
	int nargs;
	const char *skip_dir; /* directory (any path to it) never searched for
				 the engine */
	const char *self;     /* the shim's executable, which a kept container
				 runs as its agent; NULL: never warm */
};

enum rt_source { RT_FROM_CATALOG, RT_FROM_TOOLBOX, RT_FROM_ENV };

struct rt_plan {
	struct spec spec; /* the request's, with what a trusted .toolbox asks */
	struct overrides ov;
	const char *toolbox_text; /* the nearest .toolbox, NULL when none */
	struct project project;
	char version[129];
	enum rt_source version_from;
	char version_var[128]; /* TBX_<TOOL>_VERSION */
	const char *engine;    /* as named: argv[0] */
	char engine_path[PATH_MAX];
	struct tbx_err engine_err; /* status 0 when engine_path was found */
	int user;		   /* enum engine_user: how uids map */
	unsigned uid, gid;	   /* the caller as the container sees it */
	char container[CONTAINER_ID_MAX]; /* the container the shim runs in,
					     whose volumes the tool shares;
					     "" on a host */
	const char *image_ref; /* repository:tag, or repository@digest */
	int locked;	       /* image_ref is the digest from the lock */
	const char *warning;   /* to print before running, or NULL */
	const char *tool_dir;  /* the tool's state on the host */
	const char *host_home; /* the tool's persistent HOME, in tool_dir */
	unsigned warm;	       /* idle seconds of a kept container; 0: cold */
	char stamps[2048];     /* when warm, "dev:inode;" of each host path
				  mounted but the project's and HOME: the
				  files and sockets a kept container pins */
	char **argv; /* NULL-terminated; heap, see rt_plan_free. When warm,
			the options of the container that no call changes,
			for warm_run to complete */
	int argc;
	size_t used;
	char strings[RT_STRINGS_SIZE];
};

/* "-e NAME" into v for each passenv variable the caller has set, the value
 * left to the engine's client; returns the number of items written. */
int rt_passenv(const struct spec *s, char **v);

/* Format into the plan's string area; NULL when it is full. */
char *rt_store(struct rt_plan *p, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* A --mount value binding src to dst in the plan's string area; a field
 * holding ',' or '"' is quoted as CSV. NULL when it does not fit. */
char *rt_mount_arg(struct rt_plan *p, const char *src, const char *dst, int ro);

/* Work out everything the engine will be given, touching nothing.
 * Returns 0 or -1 with e; an engine that is not found is not an error here
 * but is left in p->engine_err, as a dry run does not need it. */
int rt_plan(const struct rt_request *req, struct rt_plan *p, struct tbx_err *e);

void rt_plan_free(struct rt_plan *p);

/* Whether the docker CLI's config selects a context other than "default",
 * whose engine may be remote. */
int rt_docker_context_set(void);

/* Whether TBX_DRY_RUN asks to print the command line instead of running
 * it. A dry run prints the cold command line, warm mode or not. */
int rt_dry_run(void);

/* Plan, then either print the command line (TBX_DRY_RUN) and return 0, or
 * create the tool's HOME and exec the engine. On failure prints
 * "tbx: <tool>: <message>" and returns the exit status. */
int rt_run(const struct rt_request *req);

/* Expand every "{version}" of a tag template. Returns 0, or -1 when the
 * result does not fit or is not 1 to 128 characters long. */
int rt_expand_tag(const char *tmpl, const char *version, char *out,
		  size_t size);

/* The name TBX_<TOOL>_VERSION for a tool. */
void rt_version_var(const char *tool, char *out, size_t size);

#endif
