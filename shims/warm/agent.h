/* Warm mode inside the kept container: the shim binary, mounted at
 * WARM_AGENT, is the watcher that serves calls and ends the container when
 * idle, and the wrapper of a call made with the engine's exec. */
#ifndef TBX_WARM_AGENT_H
#define TBX_WARM_AGENT_H

/* With argv[0] == WARM_AGENT:
 *   -w SECONDS NAME   serve calls as container NAME, exit when idle that
 *                     long
 *   -c CMD [ARG...]   run CMD as a call made with the engine's exec
 * Returns the exit status. */
int warm_agent(int argc, char **argv);

#endif
