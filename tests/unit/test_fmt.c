/* fmt: the printf subset of the shim. */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "unit.h"

void test_fmt(void)
{
	char buf[64], small[6];
	int n;

	static const struct {
		const char *expect;
		int len;
	} rows[] = {
		{"a=x b=-42 c=7 d=0a e=%", 22},
	};
	n = fmt(buf, sizeof(buf), "a=%s b=%d c=%u d=%02x e=%%", "x", -42, 7u,
		10u);
	CHECK(!strcmp(buf, rows[0].expect) && n == rows[0].len,
	      "fmt gave '%s' (%d)", buf, n);
	n = fmt(buf, sizeof(buf), "[%.*s][%zu][%c][%5u]", 3, "abcdef",
		(size_t)12345678901ull, 'q', 42u);
	CHECK(!strcmp(buf, "[abc][12345678901][q][   42]"), "fmt gave '%s'",
	      buf);
	n = fmt(small, sizeof(small), "%s", "truncated");
	CHECK(n == 9 && !strcmp(small, "trunc"), "truncation gave '%s' (%d)",
	      small, n);
	n = fmt(buf, sizeof(buf), "%d %d", 0, -2147483647 - 1);
	CHECK(!strcmp(buf, "0 -2147483648"), "fmt gave '%s'", buf);
	{
		const char *volatile null =
			NULL; /* hidden from -Wformat-overflow */

		fmt(buf, sizeof(buf), "%s", null);
		CHECK(!strcmp(buf, "(null)"), "fmt gave '%s'", buf);
	}
}
