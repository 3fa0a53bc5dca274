/* The walk from the cwd up to the pin of a tool. */
#include "pinfind.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fmt.h"
#include "inifile.h"
#include "path.h"
#include "project.h"

void pin_global_path(char *out)
{
	const char *config = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	out[0] = '\0';
	if (config && config[0] == '/')
		fmt(out, PATH_MAX, "%s/tbx/toolbox", config);
	else if (home && home[0] == '/')
		fmt(out, PATH_MAX, "%s/.config/tbx/toolbox", home);
}

/* The pin in the file at path, when it is there. */
static int pin_in(const char *path, const struct spec *s, struct pinned *pin,
		  struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	int r = ini_read(path, text, sizeof(text), e);

	if (r)
		return r > 0 ? 0 : -1;
	r = pinfile_parse(path, text, s, pin, e);
	if (r > 0)
		strcpy(pin->file, path);
	return r;
}

static int pin_in_dir(const char *dir, const char *root, int any_owner,
		      const struct spec *s, struct pinned *pin,
		      struct tbx_err *e)
{
	static const char *const every[] = {".toolbox", "mise.toml",
					    ".mise.toml", ".tool-versions"};
	const unsigned nevery = sizeof(every) / sizeof(every[0]);
	char path[PATH_MAX], real[PATH_MAX];
	struct stat st;
	int r;

	for (unsigned i = 0; i < nevery + s->version_files.n; i++) {
		const char *name = i < nevery
					   ? every[i]
					   : s->version_files.item[i - nevery];

		if (!project_has(dir, name, 1, any_owner, path))
			continue;
		/* a repository's link could name any file of the user's,
		 * whose first line a refusal would then print */
		if (i && lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
		    path_within(path, root) &&
		    (!realpath(path, real) || !path_within(real, root)))
			return err_set(
				e, TBX_EXIT_FAIL,
				"%s is a link out of the project: tbx reads another tool's version file there only within it; replace the link with a copy",
				path);
		r = pin_in(path, s, pin, e);
		if (r)
			return r;
	}
	return 0;
}

int pin_find(const char *dir, const char *root, int any_owner,
	     const char *global, const struct spec *s, struct pinned *pin,
	     struct tbx_err *e)
{
	char at[PATH_MAX], path[PATH_MAX];
	int r;

	pin->file[0] = '\0';
	pin->global = 0;
	if (strlen(dir) >= sizeof(at))
		return 0;
	strcpy(at, dir);
	for (;;) {
		r = pin_in_dir(at, root, any_owner, s, pin, e);
		if (r || !strcmp(at, "/"))
			break;
		project_parent(at);
	}
	if (r || !global[0])
		return r;
	strcpy(at, global);
	project_parent(at);
	if (!project_has(at, strrchr(global, '/') + 1, 1, 0, path))
		return 0;
	r = pin_in(global, s, pin, e);
	pin->global = r > 0;
	return r;
}
