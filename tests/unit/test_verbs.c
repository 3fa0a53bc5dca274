/* verbs and dispatch: every verb of the help table has its function, and
 * no function lacks its text. */
#include "dispatch.h"
#include "unit.h"
#include "verbs.h"

UNIT_TEST(test_verbs)
{
	for (size_t i = 0; i < verbs_n; i++)
		CHECK(dispatch_find(verbs[i].name) != NULL, "%s has a function",
		      verbs[i].name);
	CHECK(dispatch_count() == verbs_n, "%lu functions, %zu verbs",
	      dispatch_count(), verbs_n);
	CHECK(dispatch_find("nope") == NULL, "an unknown verb");
}
