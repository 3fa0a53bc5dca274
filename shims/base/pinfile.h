/* The files a version is pinned in, each read in the format its name
 * gives:
 *
 *   .toolbox                 [tools] go = 1.22          (INI, toolbox.h)
 *   toolbox                  the same: the user's global file
 *   mise.toml, .mise.toml    [tools] go = "1.22"        (TOML, strings)
 *   .tool-versions           golang 1.22.3              (asdf)
 *   .sdkmanrc                java=21.0.2-tem            (sdkman)
 *   go.mod                   toolchain go1.22.3, else go 1.22 (of 1.22.x)
 *   rust-toolchain.toml      [toolchain] channel = "1.75"
 *   rust-toolchain           the same, or the bare channel
 *   anything else            one version: .nvmrc, .python-version, ...
 *
 * A tool answers to its catalog name and its aliases (asdf's "golang",
 * "nodejs"); a leading 'v' is dropped. What a foreign file gives must be
 * digits and dots ("20", "1.22.3"), or be made a version by the catalog
 * entry's map: "node=current" (exactly that), "*-tem=*" (the part '*'
 * stands for). A .toolbox's own versions are tags, as version_invalid
 * takes.
 */
#ifndef TBX_PINFILE_H
#define TBX_PINFILE_H

#include <limits.h>

#include "err.h"
#include "spec.h"

struct pinned {
	char version[129];
	char file[PATH_MAX]; /* where it is pinned; "" when nowhere */
	unsigned line;
	int global; /* file is the user's global file */
};

/* Whether file (a name, no directory) is .toolbox. */
int pinfile_is_toolbox(const char *file);

/* The version text pins for the tool s describes, read in the format of
 * the file named file (its name decides; for messages it is used whole).
 * Returns 1 with pin->version and pin->line, 0 when text pins no version
 * of it, or -1 with e: "file:line: what, and the fix". */
int pinfile_parse(const char *file, const char *text, const struct spec *s,
		  struct pinned *pin, struct tbx_err *e);

#endif
