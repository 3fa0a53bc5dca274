/* What registries send back, parsed: error bodies, tag lists, token
 * responses and Link headers. Pure functions, fuzzed. */
#ifndef TBX_REGPARSE_H
#define TBX_REGPARSE_H

#include <stddef.h>

#include "util.h"

/* ": CODE: message" from a JSON error body ({"errors":[{...}]}), on one
 * line, or "" (body may be NULL). */
void regparse_error(const char *body, char *out, size_t size);

/* Append the tags of a tags/list body; -1 when the body is not JSON of the
 * API's shape. */
int regparse_tags(const char *body, struct strv *tags);

/* The "token" (else "access_token") of a token server's answer, or NULL.
 * Caller frees. */
char *regparse_token(const char *body);

/* The path of a Link header's rel="next" target, or NULL. Caller frees. */
char *regparse_next_page(const char *link);

#endif
