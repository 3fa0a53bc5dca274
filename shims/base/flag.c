/* Reading yes-or-no variables. */
#include "flag.h"

#include <stdlib.h>
#include <string.h>

int flag_on(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0") && strcmp(v, "false");
}
