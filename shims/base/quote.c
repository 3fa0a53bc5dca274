/* Shell quoting: bare when safe, '...' in general, $'...' for control bytes
 * so that the whole command line stays on one line. */
#include "quote.h"

#include <string.h>

static int is_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("_@%+=:,./-", c);
}

static void ansi_c(FILE *f, const unsigned char *s)
{
	fputs("$'", f);
	for (; *s; s++) {
		switch (*s) {
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\'': fputs("\\'", f); break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fputs("\\x", f);
				fputc("0123456789abcdef"[*s >> 4], f);
				fputc("0123456789abcdef"[*s & 15], f);
			} else
				fputc(*s, f);
		}
	}
	fputc('\'', f);
}

void quote_word(FILE *f, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	/* zsh expands a word starting with '=' to a command's path */
	int safe = *u != '\0' && *u != '=', control = 0;

	for (; *u; u++) {
		safe = safe && is_safe(*u);
		control = control || *u < 0x20 || *u == 0x7f;
	}
	if (safe) {
		fputs(s, f);
	} else if (control) {
		ansi_c(f, (const unsigned char *)s);
	} else {
		fputc('\'', f);
		for (; *s; s++)
			if (*s == '\'')
				fputs("'\\''", f);
			else
				fputc(*s, f);
		fputc('\'', f);
	}
}

void quote_argv(FILE *f, char *const argv[])
{
	for (int i = 0; argv[i]; i++) {
		if (i)
			fputc(' ', f);
		/* a first word with '=' would be read as an assignment */
		if (i == 0 && strchr(argv[0], '=') &&
		    !strpbrk(argv[0], "'\n\t\r")) {
			fputc('\'', f);
			fputs(argv[0], f);
			fputc('\'', f);
		} else {
			quote_word(f, argv[i]);
		}
	}
	fputc('\n', f);
}
