/* Registry authentication challenges (the WWW-Authenticate header of a 401),
 * as RFC 7235 writes them: a scheme and comma-separated key="value" pairs. */
#ifndef TBX_AUTH_H
#define TBX_AUTH_H

#define AUTH_FIELD_MAX 1024

struct challenge {
	char scheme[16]; /* "Bearer" or "Basic" (as sent) */
	char realm[AUTH_FIELD_MAX];
	char service[AUTH_FIELD_MAX];
	char scope[AUTH_FIELD_MAX];
};

/* Parse the first challenge of a header value. Returns 0, or -1 when it is
 * not one (no scheme, an unterminated quote, a field too long). */
int auth_parse(const char *header, struct challenge *c);

/* Base64 of user:secret for a Basic Authorization header; caller frees. */
char *auth_basic(const char *user, const char *secret);

#endif
