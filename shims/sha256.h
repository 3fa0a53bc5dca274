/* SHA-256 (FIPS 180-4), small enough for the shim, which links no
 * crypto library; tbx uses the same code so both hash alike. */
#ifndef TBX_SHA256_H
#define TBX_SHA256_H

#include <stddef.h>

/* The digest of len bytes at data as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
