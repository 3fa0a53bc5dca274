/* Strings laid end to end. */
#include "nulstr.h"

#include <string.h>

size_t nulstr_put(char *buf, size_t n, const char *s)
{
	size_t len = strlen(s) + 1;

	if (buf)
		memcpy(buf + n, s, len);
	return n + len;
}
