#!/bin/sh
# The transparency tests of 30-transparency.sh, in warm mode: each call runs
# in a kept container, through its watcher's socket (with a TTY, on a pty
# of its own there).
# shellcheck disable=SC1091,SC2034 # sourced at run time; lib.sh reads it
TBX_TEST_WARM=10m
. "$(dirname "$0")/30-transparency.sh"
