/* Directory trees measured and removed without following a link out of
 * them: a tool's HOME holds what the tool made, links to anywhere among
 * it. */
#ifndef TBX_TREE_H
#define TBX_TREE_H

/* The bytes the tree at path takes on disk. */
long long tree_size(const char *path);

/* Remove the tree at path. Directories of the caller's that it may not
 * list or write to are made so first, as a Go module cache's are not. A
 * mount point below path stops it, with EXDEV: what is mounted there is
 * not the tree's. Returns 0, or -1 with errno and the path that failed in
 * failed (PATH_MAX bytes). */
int tree_remove(const char *path, char *failed);

/* size as the engines print sizes: "1.2GB", "56.3MB", "4kB". */
void tree_size_text(long long size, char *out, unsigned len);

#endif
