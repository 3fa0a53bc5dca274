/* Reading the docker CLI's credentials for a registry. */
#include "creds.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runprog.h"
#include "util.h"

/* The key the docker CLI files Docker Hub's credentials under. */
#define HUB_KEY "https://index.docker.io/v1/"

/* Whether a config key ("https://host/v1/", "host") names host. */
static int key_is_host(const char *key, const char *host)
{
	const char *k = strstr(key, "://");
	size_t n;

	k = k ? k + 3 : key;
	n = strcspn(k, "/");
	if (!strcmp(host, "docker.io"))
		return (n == 9 && !strncmp(k, "docker.io", 9)) ||
		       (n == 15 && !strncmp(k, "index.docker.io", 15)) ||
		       (n == 20 && !strncmp(k, "registry-1.docker.io", 20));
	return strlen(host) == n && !strncmp(k, host, n);
}

static int decode_auth(const char *b64, char **user, char **secret)
{
	size_t len = strlen(b64);
	unsigned char *out = xmalloc(len + 1);
	int n = EVP_DecodeBlock(out, (const unsigned char *)b64, (int)len);
	char *colon;

	if (n < 0) {
		free(out);
		return 0;
	}
	while (n > 0 && out[n - 1] == '\0') /* base64 padding */
		n--;
	out[n] = '\0';
	colon = strchr((char *)out, ':');
	if (!colon) {
		free(out);
		return 0;
	}
	*colon = '\0';
	*user = xstrdup((char *)out);
	*secret = xstrdup(colon + 1);
	memset(out, 0, (size_t)n);
	free(out);
	return 1;
}

/* Run docker-credential-<helper> get with the server on stdin. */
static int from_helper(const char *helper, const char *host, char **user,
		       char **secret, struct tbx_err *e)
{
	char *prog = xfmt("docker-credential-%s", helper), buf[8192];
	const char *server = strcmp(host, "docker.io") ? host : HUB_KEY;
	char *argv[] = {prog, "get", NULL};
	json_t *j = NULL;
	int r = -1, status = spawn_capture(argv, server, buf, sizeof(buf), 60);

	if (status < 0) {
		err_sys(e, TBX_EXIT_FAIL, "credential helper %s", prog);
		free(prog);
		return -1;
	}
	if (status) {
		/* "credentials not found in native keychain": none */
		r = 0;
		goto out;
	}
	j = json_loads(buf, 0, NULL);
	if (!j || !json_is_string(json_object_get(j, "Username")) ||
	    !json_is_string(json_object_get(j, "Secret"))) {
		err_set(e, TBX_EXIT_FAIL,
			"credential helper %s gave no Username and Secret for %s",
			prog, host);
		goto out;
	}
	*user = xstrdup(json_string_value(json_object_get(j, "Username")));
	*secret = xstrdup(json_string_value(json_object_get(j, "Secret")));
	r = 1;
out:
	memset(buf, 0, sizeof(buf));
	json_decref(j);
	free(prog);
	return r;
}

int creds_lookup(const char *host, char **user, char **secret,
		 struct tbx_err *e)
{
	const char *dir = getenv("DOCKER_CONFIG"), *home = getenv("HOME");
	const char *key, *helper = NULL;
	json_t *root, *auths, *helpers, *v;
	json_error_t je;
	char *path;
	int r = 0;

	if (dir && *dir)
		path = xfmt("%s/config.json", dir);
	else if (home && *home)
		path = xfmt("%s/.docker/config.json", home);
	else
		return 0;
	if (access(path, F_OK) < 0) {
		free(path);
		return 0;
	}
	root = json_load_file(path, 0, &je);
	if (!root) {
		err_set(e, TBX_EXIT_FAIL, "%s:%d:%d: %s", path, je.line,
			je.column, je.text);
		free(path);
		return -1;
	}
	helpers = json_object_get(root, "credHelpers");
	json_object_foreach(helpers, key, v)
	{
		if (key_is_host(key, host) && json_is_string(v))
			helper = json_string_value(v);
	}
	if (!helper && json_is_string(json_object_get(root, "credsStore")))
		helper = json_string_value(json_object_get(root, "credsStore"));
	/* as docker: a helper, when one is named, comes before auths */
	if (helper)
		r = from_helper(helper, host, user, secret, e);
	auths = json_object_get(root, "auths");
	json_object_foreach(auths, key, v)
	{
		json_t *a = json_object_get(v, "auth");

		if (!r && key_is_host(key, host) && json_is_string(a))
			r = decode_auth(json_string_value(a), user, secret);
	}
	json_decref(root);
	free(path);
	return r;
}
