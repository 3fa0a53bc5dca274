/* Idle times of kept containers, as users write them: "90s", "10m". */
#ifndef TBX_DURATION_H
#define TBX_DURATION_H

/* The longest idle time a kept container may have: a week. */
#define DURATION_MAX (7 * 86400L)
#define DURATION_HELP                                                          \
	"must be a duration such as 90s, 10m or 1h (at most 7d), or 0"

/* Seconds in "0", "90", "90s", "10m", "2h" or "1d"; -1 when invalid or
 * longer than DURATION_MAX. */
long duration_seconds(const char *s);

#endif
