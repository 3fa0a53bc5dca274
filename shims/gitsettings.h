/* A setting of the user's own git files on the host, for the commands
 * host calls run as native git would: core.editor, sequence.editor,
 * gpg.program. */
#ifndef TBX_GITSETTINGS_H
#define TBX_GITSETTINGS_H

#include <stddef.h>

/* The value of "section.key" or "section.sub.key" in ~/.config/git/config
 * and ~/.gitconfig (the files the tool's git reads), the last one read
 * winning as in git (their includes are not followed), as git reads it
 * (quotes, escapes, comments), into out (size bytes). 0, or -1 when none
 * is set. */
int gitsettings_get(const char *name, char *out, size_t size);

#endif
