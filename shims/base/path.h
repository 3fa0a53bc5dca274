/* Where a path lies, by its text: no file system is asked. */
#ifndef TBX_PATH_H
#define TBX_PATH_H

/* Whether path is dir or lies below it; dir's trailing slashes are
 * ignored, "/" holds every absolute path, and "" none. */
int path_within(const char *path, const char *dir);

#endif
