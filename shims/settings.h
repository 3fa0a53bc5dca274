/* The user's own state where the native tool keeps it: the settings and
 * caches a catalog entry shares with a native install, and the host's
 * time zone. */
#ifndef TBX_SETTINGS_H
#define TBX_SETTINGS_H

#include "plan.h"

/* Add to p the user's settings (read-only, with the ~/ paths an INI
 * setting names) and caches (read-write, made when missing, as the native
 * tool would) at their own paths, and the host's local time when TZ is
 * unset. Returns 0 or -1 with e. */
int settings_plan(struct plan *p, struct tbx_err *e);

#endif
