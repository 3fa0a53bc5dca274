/* A small formatter; see fmt.h for what it understands. */
#include "fmt.h"

#include <string.h>

struct sink {
	char *out;
	size_t size, len;
};

static void put(struct sink *k, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++, k->len++)
		if (k->len + 1 < k->size)
			k->out[k->len] = s[i];
}

static void number(struct sink *k, unsigned long long v, int neg, unsigned base,
		   int width, char pad)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		digits[n++] = '-';
	for (; width > n; width--)
		put(k, &pad, 1);
	while (n)
		put(k, &digits[--n], 1);
}

int fmt_v(char *out, size_t size, const char *f, va_list ap)
{
	struct sink k = {out, size, 0};

	for (; *f; f++) {
		int width = 0, prec = -1, size_t_arg = 0; /* 1 z, 2 l, 3 ll */
		char pad = ' ';
		const char *s;

		if (*f != '%') {
			put(&k, f, 1);
			continue;
		}
		if (*++f == '0')
			pad = '0', f++;
		while (*f >= '0' && *f <= '9')
			width = width * 10 + (*f++ - '0');
		if (f[0] == '.' && f[1] == '*')
			prec = va_arg(ap, int), f += 2;
		if (*f == 'z')
			size_t_arg = 1, f++;
		else if (f[0] == 'l' && f[1] == 'l')
			size_t_arg = 3, f += 2;
		else if (*f == 'l')
			size_t_arg = 2, f++;
		switch (*f) {
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put(&k, s,
			    prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s));
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			put(&k, &c, 1);
			break;
		}
		case 'd': {
			long long v = size_t_arg == 3	? va_arg(ap, long long)
				      : size_t_arg == 2 ? va_arg(ap, long)
							: va_arg(ap, int);

			number(&k,
			       v < 0 ? 0ULL - (unsigned long long)v
				     : (unsigned long long)v,
			       v < 0, 10, width, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'o':
			number(&k,
			       size_t_arg == 1	 ? va_arg(ap, size_t)
			       : size_t_arg == 2 ? va_arg(ap, unsigned long)
			       : size_t_arg == 3
				       ? va_arg(ap, unsigned long long)
				       : va_arg(ap, unsigned),
			       0,
			       *f == 'x'   ? 16
			       : *f == 'o' ? 8
					   : 10,
			       width, pad);
			break;
		case '%': put(&k, "%", 1); break;
		default: /* not in the subset: show it rather than guess */
			put(&k, f - 1, 2);
			if (!*f)
				f--;
		}
	}
	if (size)
		out[k.len < size ? k.len : size - 1] = '\0';
	return (int)k.len;
}

int fmt(char *out, size_t size, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = fmt_v(out, size, f, ap);
	va_end(ap);
	return n;
}
