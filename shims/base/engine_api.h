/* The questions a shim asks the engine itself rather than its client:
 * which image a tag names now, whether a container runs or is gone. One
 * request on docker's API socket takes about a millisecond, the client
 * tens. */
#ifndef TBX_ENGINE_API_H
#define TBX_ENGINE_API_H

/* "sha256:" and 64 hex digits, and the NUL */
#define ENGINE_IMAGE_ID_SIZE 72

/* The ID of image ref as the engine at the unix socket has it: 1 with
 * id, 0 when it has no such image, -1 when it cannot be asked (no answer,
 * not docker's API, an answer tbx does not read). */
int engine_image_id(const char *socket, const char *ref,
		    char id[ENGINE_IMAGE_ID_SIZE]);

/* Whether the container name runs, as the engine at the unix socket says:
 * 1, 0 (ended, or never there), or -1 when it cannot be asked. */
int engine_container_running(const char *socket, const char *name);

/* Wait, a bounded time, until the engine at the unix socket no longer has
 * container name: one removed with --rm is still listed for a while after
 * it ended. 1 when it is gone, 0 when it is still there, -1 when the
 * engine cannot be asked. */
int engine_container_gone(const char *socket, const char *name);

#endif
