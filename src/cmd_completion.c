/* tbx completion bash|zsh|fish: a completion script from the verbs table.
 * Tool names come from 'tbx catalog' and commands from 'tbx list' when the
 * user presses TAB, so the script never goes stale. */
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "verbs.h"

/* Verbs whose arguments are tool names, and the shells' ways to list them. */
#define TOOL_VERBS "install uninstall init add remove lock"
#define TOOL_ALTS  "install|uninstall|init|add|remove|lock"
#define TOOLS_SH   "tbx catalog 2>/dev/null | awk '{ print $1 }'"
#define CMDS_SH	   "tbx list 2>/dev/null | awk 'NR > 1 { print $1 }'"
#define SHELLS	   "bash zsh fish"

static void bash(void)
{
	printf("# tbx completion for bash: source <(tbx completion bash)\n"
	       "_tbx() {\n"
	       "\tlocal cur=${COMP_WORDS[COMP_CWORD]} verb=${COMP_WORDS[1]} words\n"
	       "\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	       "\t\twords='");
	for (size_t i = 0; i < verbs_n; i++)
		printf("%s%s", i ? " " : "", verbs[i].name);
	printf("'\n"
	       "\telif [ \"${cur#-}\" != \"$cur\" ]; then\n"
	       "\t\tcase $verb in\n");
	for (size_t i = 0; i < verbs_n; i++)
		if (*verbs[i].flags)
			printf("\t\t%s) words='%s' ;;\n", verbs[i].name,
			       verbs[i].flags);
	printf("\t\tesac\n"
	       "\telse\n"
	       "\t\tcase $verb in\n"
	       "\t\trun) [ \"$COMP_CWORD\" -eq 2 ] && words=$(" TOOLS_SH
	       ") ;;\n"
	       "\t\t" TOOL_ALTS ") words=$(" TOOLS_SH ") ;;\n"
	       "\t\twhich) words=$(" CMDS_SH ") ;;\n"
	       "\t\thelp) words='");
	for (size_t i = 0; i < verbs_n; i++)
		printf("%s%s", i ? " " : "", verbs[i].name);
	printf("' ;;\n"
	       "\t\tcompletion) words='" SHELLS "' ;;\n"
	       "\t\tesac\n"
	       "\tfi\n"
	       "\t# shellcheck disable=SC2207 # words are names without spaces\n"
	       "\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
	       "}\n"
	       "complete -F _tbx tbx\n");
}

static void zsh(void)
{
	printf("#compdef tbx\n"
	       "# tbx completion for zsh: source <(tbx completion zsh), or save\n"
	       "# it as _tbx in a directory of $fpath\n"
	       "_tbx() {\n"
	       "\tlocal -a verbs\n"
	       "\tverbs=(\n");
	for (size_t i = 0; i < verbs_n; i++) {
		printf("\t\t'%s:", verbs[i].name);
		for (const char *c = verbs[i].summary; *c; c++)
			fputs(*c == '\'' ? "'\\''" : (char[]){*c, 0}, stdout);
		printf("'\n");
	}
	printf("\t)\n"
	       "\tif (( CURRENT == 2 )); then\n"
	       "\t\t_describe command verbs\n"
	       "\t\treturn\n"
	       "\tfi\n"
	       "\tcase $words[2]:$PREFIX in\n");
	for (size_t i = 0; i < verbs_n; i++)
		if (*verbs[i].flags)
			printf("\t%s:-*) compadd -- %s ;;\n", verbs[i].name,
			       verbs[i].flags);
	printf("\trun:*) (( CURRENT == 3 )) && compadd -- ${(f)\"$(" TOOLS_SH
	       ")\"} ;;\n"
	       "\t(" TOOL_ALTS "):*) compadd -- ${(f)\"$(" TOOLS_SH ")\"} ;;\n"
	       "\twhich:*) compadd -- ${(f)\"$(" CMDS_SH ")\"} ;;\n"
	       "\thelp:*) _describe command verbs ;;\n"
	       "\tcompletion:*) compadd -- " SHELLS " ;;\n"
	       "\tesac\n"
	       "}\n"
	       "if [ \"$funcstack[1]\" = _tbx ]; then _tbx \"$@\"; else compdef _tbx tbx; fi\n");
}

static void fish(void)
{
	printf("# tbx completion for fish: tbx completion fish | source\n"
	       "complete -c tbx -f\n");
	for (size_t i = 0; i < verbs_n; i++) {
		printf("complete -c tbx -n __fish_use_subcommand -a %s -d '",
		       verbs[i].name);
		for (const char *c = verbs[i].summary; *c; c++)
			fputs(*c == '\'' ? "\\'" : (char[]){*c, 0}, stdout);
		printf("'\n");
		for (const char *f = verbs[i].flags; *f;) {
			size_t n = strcspn(f, " ");

			printf("complete -c tbx -n '__fish_seen_subcommand_from %s' -l %.*s\n",
			       verbs[i].name, (int)(n - 2), f + 2);
			f += n + (f[n] == ' ');
		}
	}
	printf("complete -c tbx -n '__fish_seen_subcommand_from " TOOL_VERBS
	       " run' -a '(tbx catalog 2>/dev/null | string split -f1 \" \")'\n"
	       "complete -c tbx -n '__fish_seen_subcommand_from which' -a '(tbx list 2>/dev/null | tail -n +2 | string split -f1 \" \")'\n"
	       "complete -c tbx -n '__fish_seen_subcommand_from completion' -a '" SHELLS
	       "'\n");
}

int cmd_completion(int argc, char **argv)
{
	if (argc != 1)
		return cmd_usage("completion");
	if (!strcmp(argv[0], "bash"))
		bash();
	else if (!strcmp(argv[0], "zsh"))
		zsh();
	else if (!strcmp(argv[0], "fish"))
		fish();
	else
		return cmd_usage("completion");
	return 0;
}
