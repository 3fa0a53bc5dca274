/* A cold call at a terminal: the engine's client runs attached to the
 * container with a pty of the engine's, which would give Ctrl-Z to the
 * tool inside, where no one on the host sees it stop. So Ctrl-Z detaches
 * the client instead (its detach keys); the shim sends the tool SIGTSTP
 * through the engine's init and gives the shell its prompt back by
 * stopping itself; once continued, it attaches again and sends SIGCONT. */
#ifndef TBX_ATTACH_H
#define TBX_ATTACH_H

#include "base/args.h"
#include "plan.h"

#define ATTACH_KEYS "ctrl-z"
/* How long the client has to attach before the tool continues. */
#define ATTACH_MS 200

/* Run the cold call a (render_cold, p->tty set) and follow it through its
 * stops. Its status, or -1 with e. */
int attach_run(struct plan *p, const struct args *a, struct tbx_err *e);

#endif
