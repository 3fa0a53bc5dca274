/* Editing a .toolbox as text, so that its comments, order and layout stay
 * as the user wrote them: only the one line of a tool changes. */
#ifndef TBX_TBEDIT_H
#define TBX_TBEDIT_H

/* The text with "tool = version" in its [tools] section: the tool's line
 * rewritten in place (a trailing comment kept), else a line added after the
 * section's last entry, else a [tools] section added at the end. Caller
 * frees. */
char *tbedit_set(const char *text, const char *tool, const char *version);

/* The text without the tool's line in [tools], or NULL when it has none.
 * Caller frees. */
char *tbedit_remove(const char *text, const char *tool);

#endif
