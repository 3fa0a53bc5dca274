/* The function of each tbx verb, for main.c to call. */
#ifndef TBX_DISPATCH_H
#define TBX_DISPATCH_H

typedef int verb_fn(int argc, char **argv);

/* The function of the verb of that name, or NULL. */
verb_fn *dispatch_find(const char *name);

/* How many verbs have a function: as many as verbs.h lists. */
unsigned long dispatch_count(void);

#endif
