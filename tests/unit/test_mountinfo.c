/* incontainer: a CI container's id and its mounts, from mountinfo text. */
#include <string.h>

#include "base/incontainer.h"
#include "unit.h"

#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

UNIT_TEST(test_mountinfo)
{
	static const char docker[] =
		"600 500 0:50 / / rw,relatime - overlay overlay rw,lowerdir=x\n"
		"601 600 0:52 / /proc rw - proc proc rw\n"
		"602 600 0:53 / /tmp rw - tmpfs tmpfs rw\n"
		"603 600 8:1 /var/lib/docker/containers/" ID
		"/hostname /etc/hostname rw - ext4 /dev/sda1 rw\n"
		"604 600 8:1 /srv/ws /builds/my\\040project rw - ext4 /dev/sda1 rw\n"
		"605 600 8:1 /var/lib/docker/volumes/v/_data /cache rw - ext4 "
		"/dev/sda1 rw\n";
	static const char podman[] =
		"1 0 0:1 / / rw - overlay overlay rw\n"
		"2 1 0:2 /overlay-containers/" ID
		"/userdata/hostname /etc/hostname rw - tmpfs tmpfs rw\n";
	static const char host[] =
		"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
		"23 22 0:5 / /etc/hostname rw - ext4 /dev/sda1 rw\n";
	static const struct {
		const char *path;
		int on_mount;
	} paths[] = {
		{"/builds/my project", 1}, {"/builds/my project/src", 1},
		{"/builds/my", 0},	   {"/builds/my projects", 0},
		{"/cache/m2", 1},	   {"/tmp/x", 0}, /* a tmpfs */
		{"/usr/src", 0},	   {"/", 0},
	};
	char id[128];

	CHECK(mountinfo_container_id(docker, id, sizeof(id)) == 1 &&
		      !strcmp(id, ID),
	      "docker's id");
	CHECK(mountinfo_container_id(podman, id, sizeof(id)) == 1 &&
		      !strcmp(id, ID),
	      "podman's id");
	CHECK(mountinfo_container_id(host, id, sizeof(id)) == 0, "a host");
	CHECK(mountinfo_container_id(docker, id, 64) == 0, "no room");
	CHECK(mountinfo_container_id("", id, sizeof(id)) == 0, "empty");
	for (size_t i = 0; i < ROWS(paths); i++)
		CHECK(mountinfo_on_mount(docker, paths[i].path) ==
			      paths[i].on_mount,
		      "%s on a mount: %d", paths[i].path, !paths[i].on_mount);
}
