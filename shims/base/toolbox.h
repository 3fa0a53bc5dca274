/* Reading version pins from a project's .toolbox (INI):
 *
 *   [tools]
 *   maven = 3.9.6
 */
#ifndef TBX_TOOLBOX_H
#define TBX_TOOLBOX_H

#include <stddef.h>

#include "err.h"

/* Copy the version pinned for tool in path's [tools] section to version.
 * Returns 1 when pinned, 0 when not, -1 with e ("path:line: what"). */
int toolbox_pin(const char *path, const char *tool, char *version, size_t size,
		struct tbx_err *e);

/* Same, over text already in memory; name is used in messages. */
int toolbox_pin_text(const char *text, const char *name, const char *tool,
		     char *version, size_t size, struct tbx_err *e);

/* Whether v may be used as a version: 1 to 128 of [A-Za-z0-9_.-], not
 * starting with '.' or '-'. Returns NULL when valid, else why not. */
const char *version_invalid(const char *v);

#endif
