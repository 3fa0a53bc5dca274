/* A table-driven unit test harness: CHECK counts and reports, main runs
 * every test_* function. */
#ifndef TBX_UNIT_H
#define TBX_UNIT_H

#define CHECK(cond, ...) unit_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

void unit_check(int ok, const char *file, int line, const char *format, ...)
	__attribute__((format(printf, 4, 5)));

#define ROWS(a) (sizeof(a) / sizeof((a)[0]))

void test_fmt(void);
void test_quote(void);
void test_spec(void);
void test_toolbox(void);
void test_runtime(void);
void test_catalog(void);
void test_ref(void);
void test_version(void);
void test_tbedit(void);
void test_sha256(void);

#endif
