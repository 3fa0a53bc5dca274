/* Version strings as tags carry them: ordering, partial matching, and
 * reading the version back out of a tag through the catalog's template. */
#ifndef TBX_VERSION_H
#define TBX_VERSION_H

#include <stddef.h>

/* Order two versions: dot-separated parts, numeric parts by value (so
 * 1.22.10 > 1.22.9), a release above its pre-releases (1.22.0 > 1.22.0rc1),
 * other text byte-wise. Returns <0, 0 or >0. */
int version_cmp(const char *a, const char *b);

/* Whether every dot-separated part is a number: "1.22.3", not "1.23rc1". */
int version_is_release(const char *v);

/* Whether candidate is request or continues it by whole parts: "1.22"
 * matches "1.22" and "1.22.3" but not "1.220". */
int version_matches(const char *request, const char *candidate);

/* The version in tag for a template holding one "{version}": the tag must
 * be the template with the placeholder filled. Returns 0, or -1 when the
 * tag does not fit the template or out is too small. */
int version_from_tag(const char *tmpl, const char *tag, char *out, size_t size);

#endif
