/* Warm mode on the host: a call runs in a kept container, made on first use
 * for one key (engine, image, user, mounts, environment) and stopped by
 * its agent once no call has run for its idle time. proto.h says how the
 * two sides meet. */
#ifndef TBX_WARM_CLIENT_H
#define TBX_WARM_CLIENT_H

#include <stddef.h>

#include "base/args.h"
#include "plan.h"

/* The key of p's kept container: the engine, the image, every option no
 * call changes (shared, from render_shared), the identity of every host
 * file mounted and of the project and HOME directories. Hashed over all of
 * them, with their lengths: a kept container is never shared across keys.
 */
void warm_key(const struct plan *p, const struct args *shared, char key[65]);

/* The image p's tag names now, asked on docker's API socket, so that a
 * kept container never runs another than a cold call would: 1 with
 * p->image_id, or when the lock's digest says it already; 0 when the
 * engine has no such image (a cold call pulls it); -1 when it cannot be
 * asked so (another engine), and the tag alone keys the container. */
int warm_image(struct plan *p);

/* Whether p's kept container runs: 1 with its name in name, else 0. */
int warm_running(struct plan *p, char *name, size_t size);

/* Run p's call in its kept container, creating it from p->req->self when
 * none lives; shared holds the container's options (render_shared).
 * Returns the call's status, or -1 with e. */
int warm_run(struct plan *p, const struct args *shared, struct tbx_err *e);

#endif
