#!/bin/bash
# complete.bash SCRIPT WORD...: what the bash completion SCRIPT offers for
# the command line WORD... (its last word the one being completed), one a
# line.
# shellcheck source=/dev/null
. "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
_tbx
printf '%s\n' "${COMPREPLY[@]}"
