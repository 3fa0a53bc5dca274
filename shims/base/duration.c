/* Reading durations. */
#include "duration.h"

#include <string.h>

long duration_seconds(const char *s)
{
	static const char unit[] = "smhd";
	static const long mult[] = {1, 60, 3600, 86400};
	long n = 0;
	const char *c = s, *u;

	if (*c < '0' || *c > '9')
		return -1;
	for (; *c >= '0' && *c <= '9'; c++)
		if ((n = n * 10 + (*c - '0')) > DURATION_MAX)
			return -1;
	if (!*c)
		return n;
	u = strchr(unit, *c);
	if (!u || c[1] || n > DURATION_MAX / mult[u - unit])
		return -1;
	return n * mult[u - unit];
}
