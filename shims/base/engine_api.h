/* The questions a shim asks the engine itself rather than its client:
 * which image a tag names now, whether a container runs. One request on
 * docker's API socket takes about a millisecond, the client tens. */
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

#endif
