/* The plan of one call: from a spec, the caller's environment and the
 * project around the cwd, everything the engine will be given, as data.
 * Making it reads files and the environment and changes nothing, so a
 * plan can be printed (a dry run, 'tbx which') or tested with no engine;
 * render.h turns it into command lines and run.h carries it out. */
#ifndef TBX_PLAN_H
#define TBX_PLAN_H

#include <limits.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/incontainer.h"
#include "base/overrides.h"
#include "base/pinfile.h"
#include "base/project.h"
#include "base/spec.h"

/* A catalog or trusted mount per spec item, the user's settings and caches
 * (with what INI settings name), the temporary directories, the local
 * time, the paths the user names. */
#define PLAN_MAX_MOUNTS	 (4 * SPEC_MAX_LIST + 40)
#define PLAN_MAX_PASSENV (2 * SPEC_MAX_LIST)
#define PLAN_MAX_SHARED	 8

/* The idle time of a kept container when nothing says otherwise: it covers
 * the pauses between the calls of a working session, and an idle
 * container holds only its init and agent (about 1 MiB) for that long. */
#define PLAN_WARM_DEFAULT "10m"

struct plan_request {
	const struct spec *spec;
	const char *command; /* run in the container */
	char **args;	     /* the user's arguments, passed byte for byte */
	int nargs;
	const char *skip_dir; /* directory (any path to it) never searched for
				 the engine */
	const char *self;     /* the shim's executable, which a kept container
				 runs as its agent; NULL: never warm */
};

/* where the version came from: the catalog, a project's file (.toolbox
 * or a version file, pin.file), the user's global file, TBX_<TOOL>_VERSION */
enum plan_source {
	PLAN_FROM_CATALOG,
	PLAN_FROM_FILE,
	PLAN_FROM_GLOBAL,
	PLAN_FROM_ENV
};

struct plan_mount {
	const char *src, *dst; /* src: a host path, or a volume's name */
	int ro;
	int volume;
	int make; /* what the run step creates first */
};

enum plan_make {
	PLAN_MAKE_DIR = 1, /* a cache, made when missing as the native
			      tool would */
	PLAN_MAKE_EMPTY	   /* the empty file shown for a missing setting */
};

/* A unix socket a variable names, mounted at dst; env points there. */
struct plan_socket {
	struct plan_mount mount;
	const char *env; /* "NAME=dst" */
};

/* The identity of a host file the container is given: a kept container
 * holds the file, so another file at that path must give another key. */
struct plan_stamp {
	unsigned long dev, ino;
};

struct plan {
	const struct plan_request *req;
	struct spec spec; /* the request's, with what a trusted .toolbox asks */
	struct overrides ov;
	const char *toolbox_text; /* the nearest .toolbox, NULL when none */
	struct project project;

	/* the version and image */
	char version[129];
	enum plan_source version_from;
	struct pinned pin;     /* the file and line, from a file */
	char global[PATH_MAX]; /* the user's global file when there, else "" */
	char global_warm[16];  /* its warm for the tool, "" when none */
	char version_var[128]; /* TBX_<TOOL>_VERSION */
	const char *image_ref; /* repository:tag, or repository@digest */
	int locked;	       /* image_ref is the digest from the lock */
	char image_id[72];     /* the image the tag names now, when the run
				  step asked the engine (warm mode); "" */
	const char *warning;   /* to print before running, or NULL */

	/* the engine */
	const char *engine; /* as named: argv[0] */
	char engine_path[PATH_MAX];
	struct tbx_err engine_err; /* status 0 when engine_path was found */
	int kind;		   /* enum engine_kind */
	int user;		   /* enum engine_user: how uids map */
	unsigned uid, gid;	   /* the caller as the container sees it */
	char container[CONTAINER_ID_MAX]; /* the container the shim runs in,
					     "" on a host */
	struct incontainer_mount shared[PLAN_MAX_SHARED]; /* its mounts that
							     hold the
							     project */
	size_t nshared;

	/* the tool's state on the host */
	const char *tool_dir;
	const char *host_home; /* the tool's persistent HOME, in tool_dir */
	const char *home;      /* HOME in the container: the caller's own
				  path, else the catalog's home */

	/* what the container is given, beside the project and HOME */
	int tty;		/* stdin and stdout are terminals */
	char cold_name[48];	/* a cold container's name, given with a TTY,
				   for Ctrl-Z to pause it (attach.h) */
	int term;		/* TERM is set, for the engine to pass */
	const char *user_arg;	/* "uid:gid" */
	const char *home_env;	/* "HOME=<home>" */
	const char *home_tmpfs; /* in a CI container: the --tmpfs value */
	const char *launcher;	/* the shim, mounted as a cold container's
				   first program (launch.h); NULL: none */
	const char *env[SPEC_MAX_LIST]; /* "NAME=value", ${NAME} expanded */
	unsigned nenv;
	const char *passenv[PLAN_MAX_PASSENV]; /* names the caller has set */
	unsigned npassenv;
	struct plan_mount mount[PLAN_MAX_MOUNTS]; /* catalog and trusted */
	unsigned nmounts;
	struct plan_socket socket[SPEC_MAX_LIST];
	unsigned nsockets;
	struct plan_mount passwd[2]; /* when the spec asks for passwd */
	unsigned npasswd;
	const char *network;
	const char *entrypoint; /* "--entrypoint=..." or NULL */
	struct plan_stamp stamp[PLAN_MAX_MOUNTS + SPEC_MAX_LIST];
	unsigned nstamps;
	unsigned named; /* mounts made for paths the user named: a kept
			   container cannot take them, the call runs cold */

	/* warm mode: the idle seconds of a kept container that the settings
	 * ask for and the engine allows, 0 for cold; what decided it
	 * ("TBX_WARM", "CI", "the default", a .toolbox's path, ...) */
	unsigned warm;
	const char *warm_from;

	struct arena arena; /* every string the plan made */

	/* host calls (hostcall.h): the programs the tool may ask the host
	 * to run, as bits; a cold call's socket on the host, NULL when a
	 * cold call cannot make them (no shim mounted as its launcher) */
	unsigned host;
	const char *host_socket;

	/* git config --global (gitglobal.h): the file git would change and
	 * the call's directory of its copy; NULL when not such a call */
	const char *global_file, *global_dir;
};

/* Work out everything the engine will be given. Returns 0 or -1 with e;
 * an engine that is not found is not an error here but is left in
 * p->engine_err, as a dry run does not need it. p is zeroed or freed
 * before (plan_make starts it anew), and freed with plan_free after,
 * either way. */
int plan_make(const struct plan_request *req, struct plan *p,
	      struct tbx_err *e);

void plan_free(struct plan *p);

/* Expand every "{version}" of a tag template. Returns 0, or -1 when the
 * result does not fit or is not 1 to 128 characters long. */
int plan_expand_tag(const char *tmpl, const char *version, char *out,
		    size_t size);

/* The name TBX_<TOOL>_VERSION for a tool. */
void plan_version_var(const char *tool, char *out, size_t size);

#endif
