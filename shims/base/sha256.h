/* SHA-256 (FIPS 180-4), small enough for the shim, which links no
 * crypto library; tbx uses the same code so both hash alike. */
#ifndef TBX_SHA256_H
#define TBX_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* A hash being computed over pieces fed one after another. */
struct sha256 {
	uint32_t h[8];
	uint64_t len; /* bytes fed so far */
	unsigned char buf[64];
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);

/* The digest as 64 lowercase hex digits and a NUL; c is spent. */
void sha256_final_hex(struct sha256 *c, char out[65]);

/* The digest of len bytes at data, in one step. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
