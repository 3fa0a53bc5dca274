/* An arena for the strings of one plan: many small allocations, freed all
 * at once. It grows by chunks from malloc, so a plan is as large as its
 * inputs ask and no fixed buffer can cut it short. */
#ifndef TBX_ARENA_H
#define TBX_ARENA_H

#include <stddef.h>

/* The size of an ordinary chunk; a larger request gets a chunk of its
 * own. A plan's strings take a few kilobytes. */
#define ARENA_CHUNK (16 * 1024)

struct arena_chunk;

struct arena {
	struct arena_chunk *chunk; /* the newest; each links the one before */
};

#define ARENA_INIT                                                             \
	{                                                                      \
		NULL                                                           \
	}

/* n bytes aligned for any object, owned by the arena; NULL when out of
 * memory. */
void *arena_alloc(struct arena *a, size_t n);

/* A formatted string (fmt.h's subset) in the arena; NULL when out of
 * memory. */
char *arena_printf(struct arena *a, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* A copy of s in the arena; NULL when out of memory. */
char *arena_strdup(struct arena *a, const char *s);

/* Free everything; the arena is empty again and can be reused. */
void arena_free(struct arena *a);

#endif
