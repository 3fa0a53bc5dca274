/* Parsing authentication challenges, and Basic credentials. */
#include "auth.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* One token68-ish name or a quoted string into out; returns the position
 * after it, or NULL. */
static const char *value(const char *s, char *out, size_t size)
{
	size_t n = 0;

	if (*s != '"') {
		while (*s && *s != ',' && *s != ' ' && *s != '\t') {
			if (n + 1 >= size)
				return NULL;
			out[n++] = *s++;
		}
		out[n] = '\0';
		return s;
	}
	for (s++; *s != '"'; s++) {
		if (!*s)
			return NULL;
		if (*s == '\\' && s[1])
			s++;
		if (n + 1 >= size)
			return NULL;
		out[n++] = *s;
	}
	out[n] = '\0';
	return s + 1;
}

int auth_parse(const char *h, struct challenge *c)
{
	size_t n;

	memset(c, 0, sizeof(*c));
	h = skip_space(h);
	n = strcspn(h, " \t,");
	if (n == 0 || n >= sizeof(c->scheme))
		return -1;
	memcpy(c->scheme, h, n);
	h = skip_space(h + n);
	while (*h) {
		char key[32], val[AUTH_FIELD_MAX], *dst = NULL;

		n = strcspn(h, "= \t,");
		if (h[n] != '=' || n == 0 || n >= sizeof(key))
			break; /* the next challenge, or nothing we know */
		memcpy(key, h, n);
		key[n] = '\0';
		h = value(h + n + 1, val, sizeof(val));
		if (!h)
			return -1;
		if (!strcasecmp(key, "realm"))
			dst = c->realm;
		else if (!strcasecmp(key, "service"))
			dst = c->service;
		else if (!strcasecmp(key, "scope"))
			dst = c->scope;
		if (dst)
			strcpy(dst, val);
		h = skip_space(h);
		if (*h == ',')
			h = skip_space(h + 1);
	}
	return 0;
}

char *auth_basic(const char *user, const char *secret)
{
	char *plain = xfmt("%s:%s", user, secret);
	size_t len = strlen(plain);
	char *out = xmalloc(4 * ((len + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, (unsigned char *)plain, (int)len);
	memset(plain, 0, len);
	free(plain);
	return out;
}
