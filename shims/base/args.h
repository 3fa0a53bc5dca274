/* A growable, NULL-terminated argv whose strings are borrowed (from a
 * plan's arena, the spec, the caller's argv). A failed addition (a NULL
 * string, or no memory) is remembered, so that a renderer adds everything
 * and checks once. */
#ifndef TBX_ARGS_H
#define TBX_ARGS_H

#include <stddef.h>

struct args {
	char **v; /* NULL-terminated when n > 0; heap, see args_free */
	size_t n, cap;
	int failed;
};

#define ARGS_INIT                                                              \
	{                                                                      \
		NULL, 0, 0, 0                                                  \
	}

/* Append s; a NULL s marks the array failed. */
void args_add(struct args *a, const char *s);

/* Append the n strings at v. */
void args_add_all(struct args *a, char *const *v, size_t n);

void args_free(struct args *a);

#endif
