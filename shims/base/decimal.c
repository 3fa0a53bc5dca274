/* Reading a decimal number. */
#include "decimal.h"

#include <limits.h>
#include <stddef.h>

const char *decimal_read(const char *s, unsigned long *out)
{
	unsigned long n = 0;
	const char *c = s;

	for (; *c >= '0' && *c <= '9'; c++) {
		unsigned d = (unsigned)(*c - '0');

		if (n > (ULONG_MAX - d) / 10)
			return NULL;
		n = n * 10 + d;
	}
	if (c == s)
		return NULL;
	*out = n;
	return c;
}
