/* The labels tbx puts on the containers it starts, which 'tbx gc', 'tbx
 * ps' and 'tbx stop' find them by. */
#ifndef TBX_LABELS_H
#define TBX_LABELS_H

#define LABEL_TOOL    "tbx.tool"    /* the catalog name */
#define LABEL_OWNER   "tbx.owner"   /* "<scope><pid>" of the shim (owner.h) */
#define LABEL_WARM    "tbx.warm"    /* a kept container's key */
#define LABEL_PROJECT "tbx.project" /* a kept container's project root */
#define LABEL_IDLE    "tbx.idle"    /* a kept container's idle seconds */
#define LABEL_USER    "tbx.user"    /* a kept container's user, by uid */
#define LABEL_CACHE   "tbx.cache"   /* the tool directory its key's is in */

#endif
