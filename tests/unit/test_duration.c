/* duration: the idle times users write, and what is refused. */
#include <stddef.h>

#include "base/duration.h"
#include "unit.h"

UNIT_TEST(test_duration)
{
	static const struct {
		const char *in;
		long out;
	} rows[] = {
		{"0", 0},	    {"90", 90},
		{"90s", 90},	    {"10m", 600},
		{"2h", 7200},	    {"1d", 86400},
		{"7d", 604800},	    {"168h", 604800},
		{"604800", 604800}, {"604801", -1},
		{"8d", -1},	    {"169h", -1},
		{"10081m", -1},	    {"", -1},
		{"m", -1},	    {"-1", -1},
		{"1.5h", -1},	    {"10 m", -1},
		{"10mm", -1},	    {"10w", -1},
		{"1h30m", -1},	    {"99999999999999999999", -1},
		{" 10m", -1},	    {"10M", -1},
	};

	for (size_t i = 0; i < ROWS(rows); i++)
		CHECK(duration_seconds(rows[i].in) == rows[i].out,
		      "'%s' -> %ld", rows[i].in, duration_seconds(rows[i].in));
}
