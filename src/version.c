/* Version ordering and matching for tags. */
#include "version.h"

#include <string.h>

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A version is read as tokens: digit runs, '.', and pre-release text (any
 * other run of characters). Tokens are ranked so that the order is total:
 * pre-release text < the end < '.' < a number, which puts 1.0rc1 below
 * 1.0, and 1.0 below 1.0.1. */
enum rank { PRE, END, DOT, NUM };

struct token {
	enum rank rank;
	const char *s;
	size_t len;
};

static const char *next_token(const char *v, struct token *t)
{
	t->s = v;
	if (!*v) {
		t->rank = END;
		t->len = 0;
	} else if (digit(*v)) {
		t->rank = NUM;
		t->len = strspn(v, "0123456789");
	} else if (*v == '.') {
		t->rank = DOT;
		t->len = 1;
	} else {
		t->rank = PRE;
		t->len = strcspn(v, ".0123456789");
	}
	return v + t->len;
}

static int cmp_token(const struct token *a, const struct token *b)
{
	size_t za, zb;
	int r;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->rank == NUM) {
		za = strspn(a->s, "0"); /* by value: leading zeros aside */
		zb = strspn(b->s, "0");
		za = za == a->len ? a->len - 1 : za;
		zb = zb == b->len ? b->len - 1 : zb;
		if (a->len - za != b->len - zb)
			return a->len - za < b->len - zb ? -1 : 1;
		r = strncmp(a->s + za, b->s + zb, a->len - za);
		if (r)
			return r;
	} else {
		r = strncmp(a->s, b->s, a->len < b->len ? a->len : b->len);
		if (r)
			return r;
	}
	/* equal in value: the spelling decides, so that the order is total */
	return a->len == b->len ? 0 : a->len < b->len ? -1 : 1;
}

int version_cmp(const char *a, const char *b)
{
	for (;;) {
		struct token ta, tb;
		int r;

		a = next_token(a, &ta);
		b = next_token(b, &tb);
		r = cmp_token(&ta, &tb);
		if (r || ta.rank == END)
			return r;
	}
}

int version_is_release(const char *v)
{
	if (!digit(*v))
		return 0;
	for (; *v; v++)
		if (!digit(*v) && !(*v == '.' && digit(v[1])))
			return 0;
	return 1;
}

int version_matches(const char *request, const char *candidate)
{
	size_t n = strlen(request);

	return !strncmp(request, candidate, n) &&
	       (candidate[n] == '\0' || candidate[n] == '.');
}

int version_from_tag(const char *tmpl, const char *tag, char *out, size_t size)
{
	const char *ph = strstr(tmpl, "{version}");
	size_t pre, post, len = strlen(tag), vlen;

	if (!ph || strstr(ph + 9, "{version}"))
		return -1;
	pre = (size_t)(ph - tmpl);
	post = strlen(ph + 9);
	if (len <= pre + post || strncmp(tag, tmpl, pre) ||
	    strcmp(tag + len - post, ph + 9))
		return -1;
	vlen = len - pre - post;
	if (vlen >= size)
		return -1;
	memcpy(out, tag + pre, vlen);
	out[vlen] = '\0';
	return 0;
}
