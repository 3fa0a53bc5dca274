/* The first program of a cold container: the shim itself, mounted at
 * LAUNCH_PATH, runs the tool with exec, so that a command the image lacks
 * is tbx's one line rather than the init's "[FATAL tini] exec failed". */
#ifndef TBX_LAUNCH_H
#define TBX_LAUNCH_H

#define LAUNCH_PATH "/run/tbx/exec"

/* argv: LAUNCH_PATH, "tool@version" (for the message), the command and
 * its arguments. Returns only when exec fails: 127 when the image has
 * no such command, 126 when it cannot be run. */
int launch_in_image(int argc, char **argv);

#endif
