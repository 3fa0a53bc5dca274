/* Shell quoting, for printing an engine command line that a POSIX shell
 * (bash, zsh for $'...') reads back as the same argv. */
#ifndef TBX_QUOTE_H
#define TBX_QUOTE_H

#include <stdio.h>

/* Write s as one shell word. */
void quote_word(FILE *f, const char *s);

/* Write argv (NULL-terminated) as words separated by spaces, then '\n'. */
void quote_argv(FILE *f, char *const argv[]);

#endif
