/* Growing an argv. */
#include "args.h"

#include <stdlib.h>

void args_add(struct args *a, const char *s)
{
	if (a->failed)
		return;
	if (!s) {
		a->failed = 1;
		return;
	}
	if (a->n + 2 > a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		char **v = realloc(a->v, cap * sizeof(*v));

		if (!v) {
			a->failed = 1;
			return;
		}
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = (char *)s;
	a->v[a->n] = NULL;
}

void args_add_all(struct args *a, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		args_add(a, v[i]);
}

void args_free(struct args *a)
{
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
	a->failed = 0;
}
