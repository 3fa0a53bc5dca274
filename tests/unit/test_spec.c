/* spec: encode/decode round trip, determinism, and damaged regions. */
#include <string.h>

#include "base/spec.h"
#include "unit.h"

static void sample(struct spec *s)
{
	memset(s, 0, sizeof(*s));
	s->tool = "maven";
	s->command = "mvn";
	s->image = "docker.io/library/maven";
	s->version = "3.9.9";
	s->tag = "{version}-eclipse-temurin-21";
	s->home = "/var/maven";
	s->entrypoint = "";
	s->env.item[s->env.n++] = "MAVEN_CONFIG=/var/maven/.m2";
	s->env.item[s->env.n++] = "EMPTY=";
	s->passenv.item[s->passenv.n++] = "MAVEN_OPTS";
	s->mounts.item[s->mounts.n++] = "~/.m2/settings.xml:/x:ro";
	s->sockets.item[s->sockets.n++] = "SSH_AUTH_SOCK";
	s->passwd = "true";
	s->remotes = "true";
	s->settings.item[s->settings.n++] = "~/.m2/settings.xml";
	s->settings.item[s->settings.n++] = "~/.gitconfig:ini";
	s->caches.item[s->caches.n++] = "~/.m2/repository";
	s->host.item[s->host.n++] = "editor";
}

UNIT_TEST(test_spec)
{
	static unsigned char a[SPEC_REGION_SIZE], b[SPEC_REGION_SIZE];
	struct spec in, out;
	const char *why = "";

	sample(&in);
	CHECK(spec_encode(&in, a, sizeof(a), &why) == 0, "encode: %s", why);
	CHECK(spec_decode(a, sizeof(a), &out, &why) == 0, "decode: %s", why);
	CHECK(!strcmp(out.tool, "maven") && !strcmp(out.command, "mvn") &&
		      !strcmp(out.tag, in.tag) &&
		      !strcmp(out.home, "/var/maven") && out.entrypoint &&
		      !*out.entrypoint && !out.network,
	      "scalars survive the round trip");
	CHECK(out.env.n == 2 && !strcmp(out.env.item[1], "EMPTY=") &&
		      out.passenv.n == 1 && out.mounts.n == 1 &&
		      out.sockets.n == 1 &&
		      !strcmp(out.sockets.item[0], "SSH_AUTH_SOCK") &&
		      out.passwd && !strcmp(out.passwd, "true") &&
		      out.remotes && out.settings.n == 2 &&
		      !strcmp(out.settings.item[1], "~/.gitconfig:ini") &&
		      out.caches.n == 1 &&
		      !strcmp(out.caches.item[0], "~/.m2/repository") &&

		      out.host.n == 1 && !strcmp(out.host.item[0], "editor"),
	      "lists survive in order");
	CHECK(spec_encode(&in, b, sizeof(b), &why) == 0 &&
		      !memcmp(a, b, sizeof(a)),
	      "equal specs give equal bytes");
	CHECK(spec_find(a, sizeof(a)) == 0, "spec_find finds the region");

	/* damage, one row at a time */
	static const struct {
		size_t at;
		unsigned char byte;
		const char *why;
	} rows[] = {
		{0, 'x', "no spec"},
		{SPEC_MAGIC_LEN, 9, "spec version not supported by this shim"},
		{SPEC_MAGIC_LEN + 7, 0x7f, "spec length exceeds its region"},
		{SPEC_HEADER_LEN, 99,
		 "spec has an unknown field (made by a newer tbx?)"},
		{SPEC_HEADER_LEN, SPEC_T_COMMAND, "spec repeats a field"},
	};
	for (size_t i = 0; i < ROWS(rows); i++) {
		memcpy(b, a, sizeof(a));
		b[rows[i].at] = rows[i].byte;
		why = "";
		CHECK(spec_decode(b, sizeof(b), &out, &why) < 0 && why &&
			      !strcmp(why, rows[i].why),
		      "damage %zu: got '%s'", i, why);
	}
	/* a stub: magic and version, nothing else */
	memset(b, 0, sizeof(b));
	memcpy(b, SPEC_MAGIC, SPEC_MAGIC_LEN);
	b[SPEC_MAGIC_LEN] = SPEC_VERSION;
	CHECK(spec_decode(b, sizeof(b), &out, &why) < 0 &&
		      strstr(why, "empty spec"),
	      "an empty stub is refused: %s", why);
	/* an unterminated last string */
	memcpy(b, a, sizeof(a));
	{
		size_t len = b[SPEC_MAGIC_LEN + 4] |
			     (size_t)b[SPEC_MAGIC_LEN + 5] << 8;

		b[SPEC_HEADER_LEN + len - 1] = 'x';
		CHECK(spec_decode(b, sizeof(b), &out, &why) < 0 &&
			      !strcmp(why, "spec string not terminated"),
		      "unterminated: %s", why);
	}
	/* too much to fit */
	{
		static char big[SPEC_REGION_SIZE];

		memset(big, 'a', sizeof(big) - 1);
		in.home = big;
		CHECK(spec_encode(&in, b, sizeof(b), &why) < 0,
		      "oversized spec refused");
	}
}
