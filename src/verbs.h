/* The table of tbx verbs: name, usage and help text, which help, usage
 * errors and completions read. It names no function, so that the verbs can
 * use it: dispatch.h maps names to functions. */
#ifndef TBX_VERBS_H
#define TBX_VERBS_H

#include <stddef.h>

struct verb {
	const char *name;
	const char *args;    /* after "tbx <name>" in the usage line */
	const char *summary; /* one line for 'tbx help' */
	const char *help;    /* what 'tbx <name> --help' adds; may be "" */
	const char *flags;   /* its flags, space-separated, for completion */
};

extern const struct verb verbs[];
extern const size_t verbs_n;

/* The verb of that name, or NULL. */
const struct verb *verb_find(const char *name);

#endif
