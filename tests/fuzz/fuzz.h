/* Shared by the libFuzzer targets: the input as a NUL-terminated string. */
#ifndef TBX_FUZZ_H
#define TBX_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A NUL-terminated copy of the input, cut at its first NUL; caller frees. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
