/* Warm mode inside the kept container: the shim binary, mounted at
 * WARM_AGENT, is the watcher that serves calls and ends the container when
 * idle. */
#ifndef TBX_WARM_AGENT_H
#define TBX_WARM_AGENT_H

/* With argv[0] == WARM_AGENT, "-w SECONDS NAME": serve calls as container
 * NAME, exit when idle that long. Returns the exit status. */
int warm_agent(int argc, char **argv);

#endif
