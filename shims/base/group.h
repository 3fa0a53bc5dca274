/* A group's name, from /etc/group: what musl's getgrgid gives for local
 * groups, without its nscd client, which weighs 2 KB of the shim for the
 * one message that names a group. */
#ifndef TBX_GROUP_H
#define TBX_GROUP_H

#include <stddef.h>

/* The name of group gid into name (size bytes). 0, or -1 when /etc/group
 * has no such group (or no name that fits). */
int group_name(unsigned gid, char *name, size_t size);

#endif
