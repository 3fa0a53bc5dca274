/* tbx catalog: the tools that can be installed, as text, JSON or the
 * Markdown table the READMEs carry. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmds.h"
#include "plan.h"

enum format { TEXT, JSON, MARKDOWN };

static json_t *tool_json(const struct tool *t)
{
	json_t *o = json_object(), *cmds = json_array();

	for (size_t i = 0; i < t->commands.n; i++)
		json_array_append_new(cmds, json_string(t->commands.v[i]));
	json_object_set_new(o, "name", json_string(t->name));
	json_object_set_new(o, "description", json_string(t->description));
	json_object_set_new(o, "image", json_string(t->image));
	json_object_set_new(o, "version", json_string(t->version));
	json_object_set_new(o, "tag", json_string(t->tag));
	json_object_set_new(o, "commands", cmds);
	json_object_set_new(o, "file", json_string(t->file));
	return o;
}

static void markdown_row(const struct tool *t)
{
	char tag[512];

	if (plan_expand_tag(t->tag, t->version, tag, sizeof(tag)) < 0)
		strcpy(tag, "?");
	printf("| %s | ", t->name);
	for (const char *c = t->description; *c; c++)
		fputs(*c == '|' ? "\\|" : (char[]){*c, 0}, stdout);
	printf(" | `%s:%s` |", t->image, tag);
	for (size_t i = 0; i < t->commands.n; i++)
		printf("%s`%s`", i ? " " : " ", t->commands.v[i]);
	printf(" |\n");
}

int cmd_catalog(int argc, char **argv)
{
	enum format f = TEXT;
	struct strv names = {0};
	json_t *all = NULL;
	struct tbx_err e;
	int status = 0;

	if (argc > 1)
		return cmd_usage("catalog");
	if (argc && !strcmp(argv[0], "--json"))
		f = JSON;
	else if (argc && !strcmp(argv[0], "--markdown"))
		f = MARKDOWN;
	else if (argc)
		return cmd_usage("catalog");
	catalog_names(&names);
	if (f == JSON)
		all = json_array();
	if (f == MARKDOWN)
		printf("| tool | what | image (default) | commands |\n|---|---|---|---|\n");
	for (size_t i = 0; i < names.n; i++) {
		struct tool *t;

		if (catalog_find(names.v[i], &t, &e) < 0) {
			status = cmd_fail(names.v[i], &e);
			continue;
		}
		if (f == JSON)
			json_array_append_new(all, tool_json(t));
		else if (f == MARKDOWN)
			markdown_row(t);
		else
			printf("%-12s %-10s %s\n", t->name, t->version,
			       t->description);
		tool_free(t);
	}
	if (all) {
		char *text =
			json_dumps(all, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (text)
			puts(text);
		free(text);
		json_decref(all);
	}
	strv_free(&names);
	return status;
}
