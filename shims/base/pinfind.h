/* Where a tool's version is pinned: the nearest directory from the cwd up
 * that pins it, else the user's global file. In each directory, .toolbox
 * first, then mise.toml, .mise.toml and .tool-versions, then the files the
 * catalog entry names, in its order (pinfile.h reads them all). */
#ifndef TBX_PINFIND_H
#define TBX_PINFIND_H

#include <stddef.h>

#include "pinfile.h"

/* The user's global file, ${XDG_CONFIG_HOME:-$HOME/.config}/tbx/toolbox,
 * into out (PATH_MAX bytes); "" when neither variable is absolute. */
void pin_global_path(char *out);

/* The pin for the tool s describes, looked for from dir (absolute) up,
 * then in global (a path or ""). Files count as project_has takes them
 * (any_owner: whoever owns them); another tool's file in the project at
 * root (or "") that is a link must lead within it. Returns 1 with pin, 0
 * when nothing pins the tool, or -1 with e. */
int pin_find(const char *dir, const char *root, int any_owner,
	     const char *global, const struct spec *s, struct pinned *pin,
	     struct tbx_err *e);

#endif
