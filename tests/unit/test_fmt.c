/* fmt: the printf subset of the shim. */
#include <stdio.h>
#include <string.h>

#include "base/decimal.h"
#include "base/fmt.h"
#include "unit.h"

UNIT_TEST(test_fmt)
{
	char buf[160], small[6];
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
	fmt(buf, sizeof(buf), "%ld %lu %lld %llu %lx %lld", -5000000000L,
	    18446744073709551615UL, -9000000000000000000LL,
	    18446744073709551615ULL, 255UL, -9223372036854775807LL - 1);
	CHECK(!strcmp(buf,
		      "-5000000000 18446744073709551615 -9000000000000000000 18446744073709551615 ff -9223372036854775808"),
	      "fmt gave '%s'", buf);
	fmt(buf, sizeof(buf), "%o %o %s", 0777u, 0u, "after");
	CHECK(!strcmp(buf, "777 0 after"), "fmt gave '%s'", buf);
	n = fmt(buf, sizeof(buf), "%d %d", 0, -2147483647 - 1);
	CHECK(!strcmp(buf, "0 -2147483648"), "fmt gave '%s'", buf);
	{
		const char *volatile null =
			NULL; /* hidden from -Wformat-overflow */

		fmt(buf, sizeof(buf), "%s", null);
		CHECK(!strcmp(buf, "(null)"), "fmt gave '%s'", buf);
	}
}

UNIT_TEST(test_decimal)
{
	static const struct {
		const char *s;
		int ok;
		unsigned long n;
		const char *rest;
	} rows[] = {
		{"0", 1, 0, ""},
		{"34816 rest", 1, 34816, " rest"},
		{"1001:x", 1, 1001, ":x"},
		{"18446744073709551615", 1, 18446744073709551615UL, ""},
		{"18446744073709551616", 0, 0, NULL},
		{"", 0, 0, NULL},
		{"-1", 0, 0, NULL},
		{"+1", 0, 0, NULL},
		{" 1", 0, 0, NULL},
	};

	for (size_t i = 0; i < ROWS(rows); i++) {
		unsigned long n = 7;
		const char *end = decimal_read(rows[i].s, &n);

		CHECK(rows[i].ok ? end && n == rows[i].n &&
					   !strcmp(end, rows[i].rest)
				 : !end,
		      "'%s': %lu", rows[i].s, n);
	}
}
