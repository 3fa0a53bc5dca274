/* "Did you mean". */
#include "suggest.h"

#include <string.h>

#define SUGGEST_MAX 64

/* The edits between a and b (optimal string alignment), or SUGGEST_MAX
 * for names longer than that. */
static size_t distance(const char *a, const char *b)
{
	size_t m = strlen(a), n = strlen(b);
	size_t d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];

	if (m > SUGGEST_MAX || n > SUGGEST_MAX)
		return SUGGEST_MAX;
	for (size_t i = 0; i <= m; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= n; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= m; i++)
		for (size_t j = 1; j <= n; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[m][n];
}

const char *suggest(const char *typed, const char *const *names, size_t n)
{
	/* one edit in a short name, two in a long one: "golang" is two from
	 * "erlang", and no typo of it */
	size_t len = strlen(typed), most = len < 3 ? 0 : len < 7 ? 1 : 2;
	size_t best = SUGGEST_MAX;
	const char *found = NULL;
	int tie = 0;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(typed, names[i]);

		if (d < best) {
			best = d;
			found = names[i];
			tie = 0;
		} else if (d == best) {
			tie = 1;
		}
	}
	return found && best > 0 && best <= most && !tie ? found : NULL;
}
