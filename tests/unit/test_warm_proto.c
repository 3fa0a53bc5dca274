/* warm/proto: a call's request, encoded by the shim and decoded by the
 * agent, round trip and refusals. */
#include <string.h>

#include "unit.h"
#include "warm/proto.h"

static int same(const struct warm_request *a, const struct warm_request *b)
{
	if (strcmp(a->cwd, b->cwd) || a->nenv != b->nenv || a->argc != b->argc)
		return 0;
	for (size_t i = 0; i < a->nenv; i++)
		if (strcmp(a->env[i], b->env[i]))
			return 0;
	for (size_t i = 0; i < a->argc; i++)
		if (strcmp(a->argv[i], b->argv[i]))
			return 0;
	return 1;
}

UNIT_TEST(test_warm_proto)
{
	static const char *env[] = {"A=1", "SECRET=x y", "EMPTY="};
	static const char *argv[] = {"/entry", "cat", "",  "-n",
				     "a\nb",   "=",   "--"};
	static const struct warm_request calls[] = {
		{"/w", env, 3, argv, 7},
		{"/w/sub dir", NULL, 0, argv + 1, 1},
		{"/", env, 1, argv + 2, 1}, /* an empty command is still one */
	};
	static const struct {
		const char *bytes;
		size_t len;
	} bad[] = {
		{"", 0},
		{"/w\0\0cat", 7},	       /* no final NUL */
		{"\0\0cat\0", 6},	       /* no cwd */
		{"/w\0A=1\0", 7},	       /* no separator */
		{"/w\0A=1\0\0", 8},	       /* no command */
		{"/w\0NOEQUALS\0\0cat\0", 17}, /* a variable without '=' */
	};
	const char *denv[16], *dargv[16];
	char buf[256];

	for (size_t i = 0; i < ROWS(calls); i++) {
		struct warm_request r;
		size_t n = warm_encode(&calls[i], NULL);

		CHECK(n < sizeof(buf) && warm_encode(&calls[i], buf) == n,
		      "call %zu: length %zu", i, n);
		CHECK(warm_decode_items(buf, n) ==
			      2 + calls[i].nenv + calls[i].argc,
		      "call %zu: items", i);
		CHECK(warm_decode(buf, n, &r, denv, dargv) == 0 &&
			      same(&r, &calls[i]),
		      "call %zu: round trip", i);
	}
	for (size_t i = 0; i < ROWS(bad); i++) {
		struct warm_request r;

		memcpy(buf, bad[i].bytes, bad[i].len);
		CHECK(warm_decode(buf, bad[i].len, &r, denv, dargv) < 0,
		      "bad request %zu refused", i);
	}
}
