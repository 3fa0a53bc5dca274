/* Image reference parsing (the distribution project's reference grammar,
 * with Docker's normalisation of the default registry). */
#include "ref.h"

#include "fmt.h"
#include <string.h>

static int lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int alnum(char c)
{
	return lower_alnum(c) || (c >= 'A' && c <= 'Z');
}

/* domain-component ('.' domain-component)* [':' port], or "[v6]:port" */
static int domain_valid(const char *d, size_t len)
{
	size_t i = 0;

	if (len && d[0] == '[') {
		while (i < len && d[i] != ']')
			i++;
		if (i == len || i < 3)
			return 0;
		for (size_t j = 1; j < i; j++)
			if (!(alnum(d[j]) || d[j] == ':' || d[j] == '.'))
				return 0;
		i++;
	} else {
		for (;;) {
			size_t start = i;

			while (i < len && (alnum(d[i]) || d[i] == '-'))
				i++;
			if (i == start || d[start] == '-' || d[i - 1] == '-')
				return 0;
			if (i < len && d[i] == '.') {
				i++;
				continue;
			}
			break;
		}
	}
	if (i < len && d[i] == ':') {
		size_t start = ++i;

		while (i < len && d[i] >= '0' && d[i] <= '9')
			i++;
		if (i == start || i - start > 5)
			return 0;
	}
	return i == len;
}

/* path-component: [a-z0-9]+ joined by '.', '_', '__' or one or more '-' */
static int component_valid(const char *c, size_t len)
{
	size_t i = 0;

	for (;;) {
		size_t start = i, seps;

		while (i < len && lower_alnum(c[i]))
			i++;
		if (i == start)
			return 0;
		if (i == len)
			return 1;
		start = i;
		while (i < len && (c[i] == '.' || c[i] == '_' || c[i] == '-'))
			i++;
		seps = i - start;
		if (seps > 1 && !(seps == 2 && !strncmp(c + start, "__", 2)) &&
		    strspn(c + start, "-") < seps)
			return 0;
	}
}

static int tag_valid(const char *t)
{
	size_t len = strlen(t);

	if (len == 0 || len > REF_TAG_MAX || !(alnum(t[0]) || t[0] == '_'))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!(alnum(t[i]) || strchr("_.-", t[i])))
			return 0;
	return 1;
}

static int hex_run(const char *h, size_t min, size_t exact)
{
	size_t n = strspn(h, "0123456789abcdef");

	return !h[n] && n >= min && (!exact || n == exact);
}

static int digest_valid(const char *d)
{
	const char *colon = strchr(d, ':');

	if (!colon || colon == d || !(alnum(d[0])))
		return 0;
	for (const char *c = d; c < colon; c++)
		if (!(alnum(*c) || strchr("+._-", *c)))
			return 0;
	if (!strncmp(d, "sha256:", 7))
		return hex_run(colon + 1, 64, 64);
	if (!strncmp(d, "sha512:", 7))
		return hex_run(colon + 1, 128, 128);
	return hex_run(colon + 1, 32, 0);
}

static int fail(char *buf, unsigned size, const char **why, const char *what,
		const char *part, size_t len)
{
	fmt(buf, size, "%s '%.*s'", what, (int)len, part);
	*why = buf;
	return -1;
}

int ref_parse(const char *s, struct ref *r, char *why_buf, unsigned why_size,
	      const char **why)
{
	char name[2 * REF_NAME_MAX + 2];
	const char *at = strchr(s, '@'), *slash, *colon, *rest, *prefix;
	size_t name_len;

	memset(r, 0, sizeof(*r));
	if (!*s)
		return *why = "empty reference", -1;
	if (at) {
		if (strlen(at + 1) > REF_DIGEST_MAX || !digest_valid(at + 1))
			return fail(why_buf, why_size, why, "invalid digest",
				    at + 1, strlen(at + 1));
		strcpy(r->digest, at + 1);
	}
	name_len = at ? (size_t)(at - s) : strlen(s);
	if (name_len >= sizeof(name))
		return *why = "name longer than 255 characters", -1;
	memcpy(name, s, name_len);
	name[name_len] = '\0';
	/* a tag follows the last ':' that has no '/' after it */
	colon = strrchr(name, ':');
	if (colon && !strchr(colon, '/')) {
		if (!tag_valid(colon + 1))
			return fail(why_buf, why_size, why, "invalid tag",
				    colon + 1, strlen(colon + 1));
		strcpy(r->tag, colon + 1);
		name[colon - name] = '\0';
	}
	if (strlen(name) > REF_NAME_MAX)
		return *why = "name longer than 255 characters", -1;
	/* Docker's rule: the first component is a domain when it holds '.'
	 * or ':', is "localhost", or has uppercase letters. */
	slash = strchr(name, '/');
	rest = name;
	if (slash) {
		size_t dlen = (size_t)(slash - name);
		int is_domain = memchr(name, '.', dlen) ||
				memchr(name, ':', dlen) ||
				(dlen == 9 && !strncmp(name, "localhost", 9));

		for (size_t i = 0; i < dlen && !is_domain; i++)
			is_domain = name[i] >= 'A' && name[i] <= 'Z';
		if (is_domain) {
			if (!domain_valid(name, dlen))
				return fail(why_buf, why_size, why,
					    "invalid registry host", name,
					    dlen);
			memcpy(r->domain, name, dlen);
			rest = slash + 1;
		}
	}
	if (!r->domain[0] || !strcmp(r->domain, "index.docker.io"))
		strcpy(r->domain, "docker.io");
	for (const char *c = rest;;) {
		const char *end = strchr(c, '/');
		size_t len = end ? (size_t)(end - c) : strlen(c);

		for (size_t i = 0; i < len; i++)
			if (c[i] >= 'A' && c[i] <= 'Z')
				return fail(why_buf, why_size, why,
					    "repository name must be lowercase",
					    rest, strlen(rest));
		if (!component_valid(c, len))
			return fail(why_buf, why_size, why,
				    "invalid repository path component", c,
				    len);
		if (!end)
			break;
		c = end + 1;
	}
	prefix = !strcmp(r->domain, "docker.io") && !strchr(rest, '/')
			 ? "library/"
			 : "";
	if (strlen(r->domain) + 1 + strlen(prefix) + strlen(rest) >
	    REF_NAME_MAX)
		return *why = "name longer than 255 characters", -1;
	strcpy(r->path, prefix);
	strcat(r->path, rest);
	return 0;
}

const char *ref_api_host(const struct ref *r)
{
	return strcmp(r->domain, "docker.io") ? r->domain
					      : "registry-1.docker.io";
}

int ref_format(const struct ref *r, char *out, unsigned size)
{
	int n = fmt(out, size, "%s/%s%s%s%s%s", r->domain, r->path,
		    r->tag[0] ? ":" : "", r->tag, r->digest[0] ? "@" : "",
		    r->digest);

	return n < 0 || (unsigned)n >= size ? -1 : 0;
}

const char *ref_repository_invalid(const char *s)
{
	static char why_buf[REF_NAME_MAX + 64];
	const char *why;
	struct ref r;

	if (ref_parse(s, &r, why_buf, sizeof(why_buf), &why) < 0)
		return why;
	if (r.tag[0] || r.digest[0])
		return REF_HAS_TAG;
	return NULL;
}
