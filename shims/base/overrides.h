/* What a .toolbox may ask of a tool beyond its version, in a section of its
 * own; none of it applies before the user trusts the file (trust.h):
 *
 *   [tool.go]
 *   image = registry.example.com/team/golang
 *   network = bridge
 *   mounts = ~/.netrc:/home/go/.netrc:ro /srv/data:/data
 *   env.GOPRIVATE = example.com
 *   warm = 10m
 *
 * warm alone needs no trust: it grants the tool nothing.
 */
#ifndef TBX_OVERRIDES_H
#define TBX_OVERRIDES_H

#include "err.h"

#define OV_MAX_MOUNTS 16
#define OV_MAX_ENV    16

struct overrides {
	char image[256];   /* repository, "" when not given */
	char network[64];  /* "" when not given */
	char mounts[1024]; /* the items, each NUL-terminated */
	const char *mount[OV_MAX_MOUNTS];
	unsigned nmounts;
	char env[OV_MAX_ENV][512]; /* "NAME=value" */
	unsigned nenv;
	char warm[16]; /* idle time of a kept container, "" when not given */
	char what[64]; /* the keys given that need trust: "image, mounts" */
};

/* Read [tool.<tool>] of a .toolbox's text (named name in messages). Keys,
 * values and mount syntax are checked; errors name name:line. Returns 0,
 * or -1 with e. ov->what is "" when the section asks for nothing. */
int overrides_read(const char *text, const char *name, const char *tool,
		   struct overrides *ov, struct tbx_err *e);

#endif
