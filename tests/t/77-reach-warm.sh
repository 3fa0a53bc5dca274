#!/bin/sh
# The cases of 76-reach.sh in warm mode: the same mounts in a kept
# container, and a call that names a path outside them run cold.
# shellcheck disable=SC1091,SC2034 # sourced at run time; lib.sh reads it
TBX_TEST_WARM=10m
. "$(dirname "$0")/76-reach.sh"
