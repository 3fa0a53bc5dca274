/* Reading a tool's section of .toolbox: what it asks beyond a version. */
#include "overrides.h"

#include <string.h>

#include "fmt.h"
#include "inifile.h"
#include "duration.h"
#include "ref.h"

struct reading {
	const char *section;
	struct overrides *ov;
	char why[256];
};

static int charset(const char *v, const char *extra, int upper)
{
	for (const char *c = v; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      (upper && *c >= 'A' && *c <= 'Z') || strchr(extra, *c)))
			return 0;
	return *v != '\0';
}

static void note(struct overrides *ov, const char *key)
{
	if (strstr(ov->what, key))
		return;
	fmt(ov->what + strlen(ov->what), sizeof(ov->what) - strlen(ov->what),
	    "%s%s", ov->what[0] ? ", " : "", key);
}

/* host:container[:ro|:rw], an absolute or ~/ host path, an absolute
 * container path. */
static int mount_ok(const char *m)
{
	const char *dst = strchr(m, ':'), *mode;

	if (!dst || !(m[0] == '/' || (m[0] == '~' && m[1] == '/')) ||
	    dst[1] != '/')
		return 0;
	mode = strchr(dst + 1, ':');
	return !mode || !strcmp(mode, ":ro") || !strcmp(mode, ":rw");
}

static const char *split_mounts(struct reading *rd, const char *value)
{
	struct overrides *ov = rd->ov;
	char *o = ov->mounts, *rest;

	if (strlen(value) >= sizeof(ov->mounts))
		return "mounts has too many items";
	strcpy(o, value);
	ov->nmounts = 0;
	for (char *item = strtok_r(o, " \t", &rest); item;
	     item = strtok_r(NULL, " \t", &rest)) {
		if (ov->nmounts == OV_MAX_MOUNTS)
			return "mounts has too many items";
		if (!mount_ok(item)) {
			fmt(rd->why, sizeof(rd->why),
			    "mount '%s' must be host:container[:ro|:rw] with an absolute or ~/ host path",
			    item);
			return rd->why;
		}
		ov->mount[ov->nmounts++] = item;
	}
	return NULL;
}

static const char *on_key(void *user, const char *section, const char *key,
			  const char *value)
{
	struct reading *rd = user;
	struct overrides *ov = rd->ov;

	if (strcmp(section, rd->section))
		return NULL;
	if (!strcmp(key, "image")) {
		const char *why = strlen(value) < sizeof(ov->image)
					  ? ref_repository_invalid(value)
					  : "is too long";

		if (why) {
			fmt(rd->why, sizeof(rd->why),
			    "image '%s' must be a repository, without a tag (%s)",
			    value, why);
			return rd->why;
		}
		strcpy(ov->image, value);
	} else if (!strcmp(key, "network")) {
		/* a name, never an option: it starts with a letter or digit */
		if (!charset(value, "._:-", 1) || strlen(value) >= 64 ||
		    strchr("._:-", value[0]))
			return "network must be a network name";
		strcpy(ov->network, value);
	} else if (!strcmp(key, "mounts")) {
		const char *why = split_mounts(rd, value);

		if (why)
			return why;
	} else if (!strcmp(key, "warm")) {
		if (duration_seconds(value) < 0 ||
		    strlen(value) >= sizeof(ov->warm))
			return "warm " DURATION_HELP;
		strcpy(ov->warm, value);
		return NULL;
	} else if (!strncmp(key, "env.", 4)) {
		const char *name = key + 4;

		if (!charset(name, "_", 1) ||
		    (name[0] >= '0' && name[0] <= '9'))
			return "env.NAME needs a variable name";
		if (ov->nenv == OV_MAX_ENV)
			return "too many env.NAME keys";
		if (fmt(ov->env[ov->nenv], sizeof(ov->env[0]), "%s=%s", name,
			value) >= (int)sizeof(ov->env[0]))
			return "env value is too long";
		ov->nenv++;
		key = "env";
	} else {
		fmt(rd->why, sizeof(rd->why),
		    "unknown key '%s' (image, network, mounts, env.NAME, warm)",
		    key);
		return rd->why;
	}
	note(ov, key);
	return NULL;
}

int overrides_read(const char *text, const char *name, const char *tool,
		   struct overrides *ov, struct tbx_err *e)
{
	struct reading rd = {NULL, ov, ""};
	char section[128];

	memset(ov, 0, sizeof(*ov));
	if (fmt(section, sizeof(section), "tool.%s", tool) >=
	    (int)sizeof(section))
		return err_set(e, TBX_EXIT_FAIL, "tool name too long");
	rd.section = section;
	return ini_each_unquoted(text, name, on_key, &rd, e);
}
