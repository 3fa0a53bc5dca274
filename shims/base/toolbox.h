/* Reading version pins from a project's .toolbox (INI):
 *
 *   [tools]
 *   maven = 3.9.6
 */
#ifndef TBX_TOOLBOX_H
#define TBX_TOOLBOX_H

#include <stddef.h>

#include "err.h"

/* Copy the version text (named name in messages) pins for tool in its
 * [tools] section to version, and its line to *line (when not NULL).
 * Returns 1 when pinned, 0 when not, -1 with e ("name:line: what"). */
int toolbox_pin_text(const char *text, const char *name, const char *tool,
		     char *version, size_t size, unsigned *line,
		     struct tbx_err *e);

/* Whether v may be used as a version: 1 to 128 of [A-Za-z0-9_.-], not
 * starting with '.' or '-'. Returns NULL when valid, else why not. */
const char *version_invalid(const char *v);

#endif
