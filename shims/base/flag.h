/* Yes-or-no settings from the environment, such as CI and TBX_FROZEN. */
#ifndef TBX_FLAG_H
#define TBX_FLAG_H

/* Whether the variable is set to anything but "", "0" or "false". */
int flag_on(const char *name);

#endif
