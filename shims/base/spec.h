/* The shim spec: the one contract between the tbx CLI, which writes it into a
 * copy of the shim stub, and the shim runtime, which reads it back. */
#ifndef TBX_SPEC_H
#define TBX_SPEC_H

#include <stddef.h>

/* Bump when a reader of an older version would misread the payload. */
#define SPEC_VERSION 1

/* The stub reserves this many bytes for the spec; tbx finds them by the magic
 * and overwrites them. The largest catalog entry takes under 1 KiB. */
#define SPEC_REGION_SIZE 4096
#define SPEC_MAGIC	 "\177TBX-SHIM-SPEC-\001"
#define SPEC_MAGIC_LEN	 16
_Static_assert(sizeof(SPEC_MAGIC) - 1 == SPEC_MAGIC_LEN, "magic length");
#define SPEC_HEADER_LEN 24 /* magic, version byte, 3 reserved, u32le length */

/* Each list field holds at most this many items (environment-style lists). */
#define SPEC_MAX_LIST 64

/* No shim is larger (their budget is 128 KiB): what spec_find is given
 * to tell a shim from another program. */
#define SPEC_SHIM_MAX (256 * 1024)

/* Payload: records of one tag byte followed by a NUL-terminated string.
 * Scalars appear at most once; list tags repeat, in order. */
enum spec_tag {
	SPEC_T_TOOL = 1,
	SPEC_T_COMMAND,
	SPEC_T_IMAGE,
	SPEC_T_VERSION,
	SPEC_T_TAG,
	SPEC_T_HOME,
	SPEC_T_NETWORK,
	SPEC_T_ENTRYPOINT,
	SPEC_T_ENV,
	SPEC_T_PASSENV,
	SPEC_T_MOUNT,
	SPEC_T_SOCKET,
	SPEC_T_PASSWD,
	SPEC_T_WARM,
	SPEC_T_SETTING,
	SPEC_T_CACHE,
	SPEC_T_REMOTES,
	SPEC_T_HOST,
	SPEC_T_GITCONFIG,
	SPEC_T_ALIAS,
	SPEC_T_VERSION_FILE,
	SPEC_T_VERSION_MAP,
	SPEC_T_END_
};

struct spec_list {
	const char *item[SPEC_MAX_LIST];
	unsigned n;
};

/* A decoded spec. Strings are borrowed from the buffer that was decoded (or,
 * for specs built by tbx, from the catalog entry). NULL means "not set";
 * an empty entrypoint means "clear the image's entrypoint". */
struct spec {
	const char *tool;	   /* catalog name */
	const char *command;	   /* the command this shim runs */
	const char *image;	   /* repository, without tag */
	const char *version;	   /* default version */
	const char *tag;	   /* tag template, "{version}" expanded */
	const char *home;	   /* container path for HOME */
	const char *network;	   /* optional */
	const char *entrypoint;	   /* optional */
	const char *passwd;	   /* "true": give the container a passwd
				      entry for the caller; else NULL */
	const char *warm;	   /* idle time of a kept container, as
				      duration_seconds reads it; else NULL */
	const char *remotes;	   /* "true": mount the local paths the
				      repository's remotes name; else NULL */
	const char *gitconfig;	   /* "true": git config --global changes
				      the user's file (gitglobal.h) */
	struct spec_list env;	   /* "NAME=value" */
	struct spec_list passenv;  /* "NAME" */
	struct spec_list mounts;   /* "host:container[:ro|:rw]" */
	struct spec_list sockets;  /* "NAME" of a variable naming a socket */
	struct spec_list settings; /* "~/path[:ini]": the user's, read-only */
	struct spec_list caches;   /* "~/path": the user's, read-write */
	struct spec_list host;	   /* host programs the tool may ask for
				      (hostcall.h): "editor" */
	struct spec_list aliases;  /* its other names in version files:
				      "golang" (pinfile.h) */
	struct spec_list version_files; /* its own: ".nvmrc", "go.mod" */
	struct spec_list version_map;	/* "from=to", a value of those
					   files made a version */
};

/* Decode the region at buf (size bytes, normally SPEC_REGION_SIZE).
 * Returns 0, or -1 with a static description in *why. */
int spec_decode(const unsigned char *buf, size_t size, struct spec *out,
		const char **why);

/* Encode s into buf (size bytes: the whole region, zero-filled past the
 * payload so equal specs give equal bytes). Returns 0, or -1 with *why. */
int spec_encode(const struct spec *s, unsigned char *buf, size_t size,
		const char **why);

/* Find the spec region inside a stub image; returns its offset or -1. */
long spec_find(const unsigned char *image, size_t size);

#endif
