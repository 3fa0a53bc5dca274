/* The tool catalog: one YAML file per tool, looked up in the directories of
 * TBX_CATALOG_PATH and then in the built-in catalog. */
#ifndef TBX_CATALOG_H
#define TBX_CATALOG_H

#include <stddef.h>

#include "base/err.h"
#include "base/spec.h"
#include "util.h"

/* Largest catalog file read. */
#define CATALOG_MAX_FILE (256 * 1024)

/* Longest description: one line of 'tbx catalog' and of its table. */
#define CATALOG_MAX_DESCRIPTION	  200
#define CATALOG_MAX_DESCRIPTION_S "200"

struct tool {
	char *file; /* where it was loaded from */
	char *name;
	char *description;
	char *image;	  /* repository, without tag */
	char *version;	  /* default version */
	char *tag;	  /* template; "{version}" when not given */
	char *home;	  /* container HOME; /home/<name> when not given */
	char *network;	  /* NULL when not given */
	char *entrypoint; /* NULL when not given; "" clears the image's */
	char *passwd;	  /* "true" or "false"; NULL when not given */
	char *warm;	  /* idle time, "10m"; NULL when not given */
	char *remotes;	  /* "true" or "false"; NULL when not given */
	char *gitconfig;  /* the same */
	struct strv commands;
	struct strv env; /* "NAME=value" */
	struct strv passenv;
	struct strv mounts;	   /* "host:container[:ro|:rw]" */
	struct strv sockets;	   /* variables that name a unix socket */
	struct strv settings;	   /* "~/path[:ini]", mounted read-only */
	struct strv caches;	   /* "~/path", mounted read-write */
	struct strv host;	   /* host programs it may ask for: "editor" */
	struct strv aliases;	   /* its names in version files: "golang" */
	struct strv version_files; /* its own version files: ".nvmrc" */
	struct strv version_map;   /* "from=to" (pinfile.h) */
};

/* Load and validate one file. Errors name file:line:column. Caller frees
 * *out with tool_free. */
int catalog_load_file(const char *path, struct tool **out, struct tbx_err *e);

/* The same from len bytes of text, named path in messages. */
int catalog_load_text(const char *path, const char *text, size_t len,
		      struct tool **out, struct tbx_err *e);

/* Find a tool by name in the catalog directories: an unknown or invalid
 * name is an error of status TBX_EXIT_FAIL (a file named it). */
int catalog_find(const char *name, struct tool **out, struct tbx_err *e);

/* The same for a name on the command line: an unknown or invalid name is
 * a bad command line (TBX_EXIT_USAGE). */
int catalog_find_arg(const char *name, struct tool **out, struct tbx_err *e);

/* The catalog directories, searched in order; caller frees with strv_free. */
void catalog_dirs(struct strv *dirs);

/* The names of every tool in the catalog, sorted, each once. */
void catalog_names(struct strv *names);

/* Fill s from t for one of its commands (borrowing t's strings). */
int catalog_spec(const struct tool *t, const char *command, struct spec *s,
		 struct tbx_err *e);

void tool_free(struct tool *t);

/* Whether a tool or command name is acceptable as a file name and a
 * container command: [A-Za-z0-9_.+-], 1 to 64, not starting with '.'/'-'. */
int name_valid(const char *name);

#endif
