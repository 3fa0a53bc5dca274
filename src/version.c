/* Version ordering and matching for tags. */
#include "version.h"

#include <string.h>

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Compare one run of digits with another by value. */
static int cmp_number(const char **pa, const char **pb)
{
	const char *a = *pa, *b = *pb;
	size_t la, lb;

	while (*a == '0' && digit(a[1]))
		a++;
	while (*b == '0' && digit(b[1]))
		b++;
	la = strspn(a, "0123456789");
	lb = strspn(b, "0123456789");
	*pa = a + la;
	*pb = b + lb;
	if (la != lb)
		return la < lb ? -1 : 1;
	return strncmp(a, b, la);
}

int version_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		int r;

		if (digit(*a) && digit(*b)) {
			r = cmp_number(&a, &b);
			if (r)
				return r;
			continue;
		}
		if (*a != *b) {
			/* the end of a release part sorts after a pre-release
			 * suffix: 1.0 > 1.0rc1, 1.0 > 1.0-beta */
			if (*a == '.' && !digit(*b))
				return 1;
			if (*b == '.' && !digit(*a))
				return -1;
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		}
		a++;
		b++;
	}
	if (!*a && !*b)
		return 0;
	/* one ran out: "1.0" vs "1.0.1" is smaller; "1.0" vs "1.0rc1" larger */
	if (!*a)
		return *b == '.' ? -1 : 1;
	return *a == '.' ? 1 : -1;
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
