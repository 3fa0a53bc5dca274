/* Parsing what registries send back. */
#include "regparse.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

void regparse_error(const char *body, char *out, size_t size)
{
	json_t *j = body ? json_loads(body, 0, NULL) : NULL;
	json_t *first = json_array_get(json_object_get(j, "errors"), 0);
	const char *code = json_string_value(json_object_get(first, "code"));
	const char *msg = json_string_value(json_object_get(first, "message"));

	out[0] = '\0';
	if (code)
		snprintf(out, size, ": %s%s%s", code, msg ? ": " : "",
			 msg ? msg : "");
	for (char *c = out; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	json_decref(j);
}

int regparse_tags(const char *body, struct strv *tags)
{
	json_t *j = body ? json_loads(body, 0, NULL) : NULL, *v;
	json_t *list = json_object_get(j, "tags");
	size_t i;

	if (!j || (list && !json_is_array(list) && !json_is_null(list))) {
		json_decref(j);
		return -1;
	}
	json_array_foreach(list, i, v)
	{
		if (json_is_string(v))
			strv_push(tags, xstrdup(json_string_value(v)));
	}
	json_decref(j);
	return 0;
}

char *regparse_token(const char *body)
{
	json_t *j = body ? json_loads(body, 0, NULL) : NULL;
	json_t *t = json_object_get(j, "token");
	char *token = NULL;

	if (!json_is_string(t))
		t = json_object_get(j, "access_token");
	if (json_is_string(t))
		token = xstrdup(json_string_value(t));
	json_decref(j);
	return token;
}

/* The header may hold several links: <url>; param; param, <url>; ... */
char *regparse_next_page(const char *link)
{
	for (const char *p = link ? strchr(link, '<') : NULL; p;
	     p = strchr(p, '<')) {
		const char *gt = strchr(p, '>'), *end, *rel, *target;

		if (!gt)
			return NULL;
		end = strchr(gt, '<'); /* the next link, or the end */
		if (!end)
			end = gt + strlen(gt);
		rel = strstr(gt, "rel=");
		if (rel && rel < end &&
		    (!strncmp(rel + 4, "\"next\"", 6) ||
		     (!strncmp(rel + 4, "next", 4) &&
		      strchr(";, \t", rel[8] ? rel[8] : ' ')))) {
			target = p + 1;
			if (!strncmp(target, "http://", 7) ||
			    !strncmp(target, "https://", 8)) {
				target = strchr(strstr(target, "://") + 3, '/');
				if (!target || target > gt)
					return NULL;
			}
			if (*target != '/')
				return NULL; /* relative to the request: not
						sent by registries */
			return xfmt("%.*s", (int)(gt - target), target);
		}
		p = end;
	}
	return NULL;
}
