/* sha256: the shim's own SHA-256 against the standard's vectors and
 * libcrypto's, over every length across the padding boundaries, in one
 * piece and in many. */
#include <openssl/evp.h>
#include <string.h>

#include "base/sha256.h"
#include "unit.h"

UNIT_TEST(test_sha256)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{"",
		 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc",
		 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	};
	unsigned char buf[300], md[32];
	char got[65], want[65];
	int same = 1;

	for (size_t i = 0; i < ROWS(rows); i++) {
		sha256_hex(rows[i].in, strlen(rows[i].in), got);
		CHECK(!strcmp(got, rows[i].out), "row %zu: %s", i, got);
	}
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 131 + 7);
	for (size_t len = 0; len <= sizeof(buf) && same; len++) {
		EVP_Digest(buf, len, md, NULL, EVP_sha256(), NULL);
		for (int i = 0; i < 32; i++)
			snprintf(want + 2 * i, 3, "%02x", md[i]);
		sha256_hex(buf, len, got);
		same = !strcmp(got, want);
		CHECK(same, "length %zu: %s, libcrypto %s", len, got, want);
	}
	/* fed in pieces of every size, the same digest as in one */
	sha256_hex(buf, sizeof(buf), want);
	for (size_t step = 1; step <= 130; step++) {
		struct sha256 c;

		sha256_init(&c);
		for (size_t off = 0; off < sizeof(buf); off += step)
			sha256_update(&c, buf + off,
				      off + step <= sizeof(buf)
					      ? step
					      : sizeof(buf) - off);
		sha256_final_hex(&c, got);
		CHECK(!strcmp(got, want), "pieces of %zu: %s", step, got);
	}
}
