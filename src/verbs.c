/* Every tbx verb's text, in the order 'tbx help' lists them; the
 * functions are dispatch.c's. */
#include "verbs.h"

#include <string.h>

const struct verb verbs[] = {
	{"install", "[<tool>[@version]... | --refresh]",
	 "write shims for the tools' commands",
	 "Writes one shim per command into $TBX_HOME/shims, atomically. A\n"
	 "command that another tool or a file not made by tbx holds is refused.\n"
	 "With @version, also pulls that version's image. With no tool named,\n"
	 "installs every tool the project pins, in .toolbox or a version file\n"
	 "(.tool-versions, .nvmrc, go.mod...), and the user's global file\n"
	 "~/.config/tbx/toolbox. --refresh rewrites\n"
	 "the shims another tbx or catalog wrote, which run what they were\n"
	 "written with (tbx doctor names them).\n",
	 "--refresh"},
	{"use", "<tool>[@version]... [-g]",
	 "pin tools here and make them ready: shims, lock, image",
	 "Pins each tool as 'tbx add' does (the version defaults to the\n"
	 "catalog's), installs its shims, locks what the project pins and\n"
	 "pulls the locked images. With -g, pins in the user's global file\n"
	 "~/.config/tbx/toolbox instead, and pulls the tags: a global pin is\n"
	 "not locked.\n",
	 "-g --global"},
	{"uninstall", "<tool>...", "remove the tools' shims", "", ""},
	{"list", "[--json]", "list installed shims", "", "--json"},
	{"ls", "[--json]", "every tool active here, and what it runs",
	 "One line per tool the project or the global file pins or that has\n"
	 "shims: the version and the file and line it came from, the image,\n"
	 "whether the lock serves it and the engine has it (? when it cannot\n"
	 "say), and its shims: ok, stale or missing. Exits 125 when a tool's\n"
	 "version cannot be read; its line says why.\n",
	 "--json"},
	{"catalog", "[--json | --markdown]",
	 "list the tools that can be installed",
	 "The catalog is catalog/*.yaml, after the directories of\n"
	 "$TBX_CATALOG_PATH. --markdown prints the table the READMEs carry.\n",
	 "--json --markdown"},
	{"init", "[<tool>[@version]...]", "write a commented .toolbox here",
	 "Refuses to replace an existing .toolbox.\n", ""},
	{"add", "<tool>[@version]...", "pin tools in the nearest .toolbox",
	 "Edits the nearest .toolbox in place (comments, order and CRLF kept),\n"
	 "or creates one here. The version defaults to the catalog's. A\n"
	 ".toolbox that is a link, a directory or read-only is refused.\n",
	 ""},
	{"remove", "<tool>...", "take tools out of the nearest .toolbox", "",
	 ""},
	{"trust", "[<file> | --list | --revoke [<file>]]",
	 "let a .toolbox ask for more than versions",
	 "A .toolbox may pin versions freely. What more it asks of a tool in a\n"
	 "[tool.<name>] section (image, mounts, env.NAME, network) applies\n"
	 "only once the file is trusted, by its content: an edit makes it\n"
	 "untrusted again. Without a file, the nearest .toolbox. Mounts of /,\n"
	 "of a socket or of an engine's socket are refused even then. trust\n"
	 "and --list print every image, mount (its host path resolved),\n"
	 "variable and value asked for, control bytes shown as \\xNN.\n",
	 "--list --revoke"},
	{"lock", "[--frozen | --update [<tool>...]]",
	 "pin the project's tools to digests in .toolbox.lock",
	 "Resolves every tool the project pins, in .toolbox or a version file,\n"
	 "against its registry, into the lock beside the nearest .toolbox (else\n"
	 "at the root).\n"
	 "--frozen (and CI=true) exits 1 with a diff when the lock is out of\n"
	 "date; --update moves the named tools' pins (all without names).\n",
	 "--frozen --update"},
	{"outdated", "", "newer versions of the pinned tools", "", ""},
	{"versions", "<tool>", "the versions a tool's registry offers",
	 "Its release versions, newest first, as the catalog's tag template\n"
	 "reads them from the image's tags: what a pin can ask for.\n",
	 ""},
	{"pull", "", "pull every locked image through the engine", "", ""},
	{"verify", "", "check that every locked image is here, by digest",
	 "For each tool the project pins: the lock must serve it, and\n"
	 "the engine must hold the locked digest. Exits 1 when one does not.\n",
	 ""},
	{"which", "[--json] <command>", "show what a shim runs here, and why",
	 "Names where each choice came from: the catalog, the file and line\n"
	 "that pins the version, the lock or the environment.\n",
	 "--json"},
	{"run", "<tool>[@version] [--] [<command> [<args>...]]",
	 "run a command of a tool without a shim",
	 "With @version, that version for this call, as TBX_<TOOL>_VERSION\n"
	 "would ask.\n",
	 ""},
	{"doctor", "", "check the engine, PATH and the project here",
	 "Each check prints one line, and its fix when it fails: the engine\n"
	 "(found, answering, its version and API, rootless or not, its init),\n"
	 "the shims directory first in PATH (naming native commands that would\n"
	 "shadow shims), stale shims, the cache directory, what the project\n"
	 "pins here (a pinned tool without a shim, a bad version file, a name\n"
	 "no catalog tool answers to) and its lock.\n"
	 "Exits 1 when a check failed. Colour only on a terminal, never with\n"
	 "NO_COLOR.\n",
	 ""},
	{"export", "--dir <dir> [<tool>...]",
	 "write shims and a Dockerfile for a CI image",
	 "Writes <dir>/bin/ (a shim per command of the tools named, else of\n"
	 "those the project pins) and <dir>/Dockerfile, an example CI\n"
	 "image. Inside a container the shims give the tool's container that\n"
	 "container's volumes, so the workspace must be a volume.\n",
	 "--dir"},
	{"gc", "[--dry-run] [--all]", "remove containers whose shim was killed",
	 "A shim killed with SIGKILL leaves its container running. Shims label\n"
	 "their containers with the tool and the engine client's process; gc\n"
	 "removes those of this machine whose process is gone, and no other,\n"
	 "and only the caller's (by their tbx.user label, else the uid they run\n"
	 "as): on an engine users share, root removes everyone's with --all.\n",
	 "--dry-run --all"},
	{"prune", "[--dry-run]",
	 "remove old pins' images and unused tools' directories",
	 "Removes the images of the catalog's repositories that no place tbx\n"
	 "knows would run, and the directories (${XDG_CACHE_HOME:-~/.cache}/\n"
	 "tbx/<tool>: its HOME and what its shims keep) of tools without\n"
	 "shims that are pinned nowhere it knows. The places: where lock, use,\n"
	 "install (with no names) or pull ran, where a shim pulled its image,\n"
	 "the cwd and $HOME; a place that is gone is forgotten. An image a\n"
	 "container uses stays, and one another repository names keeps that\n"
	 "name. --dry-run says what would go. On an engine users share, the\n"
	 "others' projects are not known here.\n",
	 "--dry-run"},
	{"ps", "", "list the kept containers of warm mode",
	 "Warm mode (TBX_WARM, a .toolbox's warm, the catalog's warm) runs\n"
	 "calls in a container kept per tool, project, user, mounts and\n"
	 "environment, which stops by itself once idle that long. ps lists\n"
	 "them: tool, idle time, last call, container and project.\n",
	 ""},
	{"stop", "[<tool>...]",
	 "stop kept containers, of the tools named or all",
	 "Removes the kept containers at once; calls running in them end. The\n"
	 "next call starts a new one.\n",
	 ""},
	{"completion", "bash|zsh|fish", "print a shell completion script",
	 "bash: source <(tbx completion bash)\n"
	 "zsh:  source <(tbx completion zsh)\n"
	 "fish: tbx completion fish | source\n",
	 ""},
	{"version", "", "print the version", "", ""},
	{"help", "[<command>]", "print help", "", ""},
};

const size_t verbs_n = sizeof(verbs) / sizeof(verbs[0]);

const struct verb *verb_find(const char *name)
{
	for (size_t i = 0; i < verbs_n; i++)
		if (!strcmp(verbs[i].name, name))
			return &verbs[i];
	return NULL;
}
