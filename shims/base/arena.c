/* Chunks of strings: bump allocation in the newest chunk. */
#include "arena.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

struct arena_chunk {
	struct arena_chunk *prev;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->chunk;
	size_t need = (n + 15) & ~(size_t)15, size;
	void *p;

	if (need < n)
		return NULL;
	if (!c || c->size - c->used < need) {
		size = need > ARENA_CHUNK ? need : ARENA_CHUNK;
		if (size > (size_t)-1 - sizeof(*c))
			return NULL;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		/* a chunk of its own for a large request keeps the
		 * current one's free room in use */
		if (a->chunk && need > ARENA_CHUNK) {
			c->prev = a->chunk->prev;
			a->chunk->prev = c;
		} else {
			c->prev = a->chunk;
			a->chunk = c;
		}
	}
	p = c->data + c->used;
	c->used += need;
	return p;
}

char *arena_printf(struct arena *a, const char *format, ...)
{
	va_list ap, again;
	char *out;
	int n;

	va_start(ap, format);
	va_copy(again, ap);
	n = fmt_v(NULL, 0, format, ap);
	va_end(ap);
	out = n < 0 ? NULL : arena_alloc(a, (size_t)n + 1);
	if (out)
		fmt_v(out, (size_t)n + 1, format, again);
	va_end(again);
	return out;
}

char *arena_strdup(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *out = arena_alloc(a, n);

	return out ? memcpy(out, s, n) : NULL;
}

void arena_free(struct arena *a)
{
	while (a->chunk) {
		struct arena_chunk *prev = a->chunk->prev;

		free(a->chunk);
		a->chunk = prev;
	}
}
