/* Encoding and decoding of the shim spec (see spec.h for the layout). */
#include "spec.h"

#include <string.h>

static const char *const *scalar(const struct spec *s, int tag)
{
	switch (tag) {
	case SPEC_T_TOOL: return &s->tool;
	case SPEC_T_COMMAND: return &s->command;
	case SPEC_T_IMAGE: return &s->image;
	case SPEC_T_VERSION: return &s->version;
	case SPEC_T_TAG: return &s->tag;
	case SPEC_T_HOME: return &s->home;
	case SPEC_T_NETWORK: return &s->network;
	case SPEC_T_ENTRYPOINT: return &s->entrypoint;
	case SPEC_T_PASSWD: return &s->passwd;
	case SPEC_T_WARM: return &s->warm;
	case SPEC_T_REMOTES: return &s->remotes;
	case SPEC_T_GITCONFIG: return &s->gitconfig;
	default: return NULL;
	}
}

static const struct spec_list *list(const struct spec *s, int tag)
{
	switch (tag) {
	case SPEC_T_ENV: return &s->env;
	case SPEC_T_PASSENV: return &s->passenv;
	case SPEC_T_MOUNT: return &s->mounts;
	case SPEC_T_SOCKET: return &s->sockets;
	case SPEC_T_SETTING: return &s->settings;
	case SPEC_T_CACHE: return &s->caches;
	case SPEC_T_HOST: return &s->host;
	case SPEC_T_ALIAS: return &s->aliases;
	case SPEC_T_VERSION_FILE: return &s->version_files;
	case SPEC_T_VERSION_MAP: return &s->version_map;
	default: return NULL;
	}
}

static int put(unsigned char *buf, size_t size, size_t *pos, int tag,
	       const char *str)
{
	size_t len = strlen(str) + 1;

	if (*pos + 1 + len > size)
		return -1;
	buf[(*pos)++] = (unsigned char)tag;
	memcpy(buf + *pos, str, len);
	*pos += len;
	return 0;
}

int spec_encode(const struct spec *s, unsigned char *buf, size_t size,
		const char **why)
{
	size_t pos = SPEC_HEADER_LEN, len;

	if (size < SPEC_HEADER_LEN) {
		*why = "spec region too small";
		return -1;
	}
	memset(buf, 0, size);
	for (int tag = SPEC_T_TOOL; tag < SPEC_T_END_; tag++) {
		const char *const *sc = scalar(s, tag);
		const struct spec_list *l = list(s, tag);

		if (sc && *sc && put(buf, size, &pos, tag, *sc) < 0)
			goto full;
		for (unsigned i = 0; l && i < l->n; i++)
			if (put(buf, size, &pos, tag, l->item[i]) < 0)
				goto full;
	}
	memcpy(buf, SPEC_MAGIC, SPEC_MAGIC_LEN);
	buf[SPEC_MAGIC_LEN] = SPEC_VERSION;
	len = pos - SPEC_HEADER_LEN;
	for (int i = 0; i < 4; i++)
		buf[SPEC_MAGIC_LEN + 4 + i] = (unsigned char)(len >> (8 * i));
	return 0;
full:
	*why = "spec does not fit in the shim (too many or too long values)";
	return -1;
}

static int store(struct spec *s, int tag, const char *str, const char **why)
{
	const char **sc = (const char **)scalar(s, tag);
	struct spec_list *l = (struct spec_list *)list(s, tag);

	if (sc) {
		if (*sc) {
			*why = "spec repeats a field";
			return -1;
		}
		*sc = str;
		return 0;
	}
	if (!l) {
		*why = "spec has an unknown field (made by a newer tbx?)";
		return -1;
	}
	if (l->n == SPEC_MAX_LIST) {
		*why = "spec list too long";
		return -1;
	}
	l->item[l->n++] = str;
	return 0;
}

int spec_decode(const unsigned char *buf, size_t size, struct spec *out,
		const char **why)
{
	size_t len = 0, pos = SPEC_HEADER_LEN, end;

	memset(out, 0, sizeof(*out));
	if (size < SPEC_HEADER_LEN || memcmp(buf, SPEC_MAGIC, SPEC_MAGIC_LEN)) {
		*why = "no spec";
		return -1;
	}
	if (buf[SPEC_MAGIC_LEN] != SPEC_VERSION) {
		*why = "spec version not supported by this shim";
		return -1;
	}
	for (int i = 0; i < 4; i++)
		len |= (size_t)buf[SPEC_MAGIC_LEN + 4 + i] << (8 * i);
	if (len == 0) {
		*why = "empty spec (a stub, not an installed shim)";
		return -1;
	}
	if (len > size - SPEC_HEADER_LEN) {
		*why = "spec length exceeds its region";
		return -1;
	}
	end = SPEC_HEADER_LEN + len;
	while (pos < end) {
		int tag = buf[pos++];
		const char *str = (const char *)buf + pos;
		const void *nul = memchr(str, '\0', end - pos);

		if (!nul) {
			*why = "spec string not terminated";
			return -1;
		}
		if (store(out, tag, str, why) < 0)
			return -1;
		pos = (size_t)((const unsigned char *)nul - buf) + 1;
	}
	if (!out->tool || !out->command || !out->image || !out->version ||
	    !out->tag || !out->home) {
		*why = "spec lacks a required field";
		return -1;
	}
	return 0;
}

/* The magic string literal also sits in the stub's read-only data, followed
 * by its NUL; only the region has the version byte right after it. */
long spec_find(const unsigned char *image, size_t size)
{
	for (size_t i = 0; i + SPEC_REGION_SIZE <= size; i++)
		if (image[i] == 0177 &&
		    !memcmp(image + i, SPEC_MAGIC, SPEC_MAGIC_LEN) &&
		    image[i + SPEC_MAGIC_LEN] == SPEC_VERSION)
			return (long)i;
	return -1;
}
