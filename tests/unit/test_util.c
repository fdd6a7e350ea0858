/* SPDX-License-Identifier: MIT */
/*
 * test_util.c - bounded parsing, durations, RFC 3339 times, log_escape,
 * str_copy and SHA-256.
 */
#include <stdint.h>
#include <string.h>

#include "log.h"
#include "util.h"

#include "t.h"

static void
test_parse_i64_ok(void)
{
	int64_t v = 0;

	CHECK_INT(parse_i64("0", 0, 10, &v), OD_OK);
	CHECK_INT(v, 0);
	CHECK_INT(parse_i64("42", 0, 100, &v), OD_OK);
	CHECK_INT(v, 42);
	CHECK_INT(parse_i64("-17", -100, 100, &v), OD_OK);
	CHECK_INT(v, -17);
	/* the bounds are inclusive */
	CHECK_INT(parse_i64("100", 0, 100, &v), OD_OK);
	CHECK_INT(v, 100);
	CHECK_INT(parse_i64("-100", -100, 100, &v), OD_OK);
	CHECK_INT(v, -100);
	CHECK_INT(parse_i64("9223372036854775807", INT64_MIN, INT64_MAX, &v),
	    OD_OK);
	CHECK(v == INT64_MAX);
	CHECK_INT(parse_i64("-9223372036854775808", INT64_MIN, INT64_MAX,
	    &v), OD_OK);
	CHECK(v == INT64_MIN);
}

static void
test_parse_i64_rejects(void)
{
	int64_t v = 12345;

	CHECK_INT(parse_i64("", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64(NULL, 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64(" 1", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64("\t1", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64("1 ", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64("1x", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64("x1", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64("1.5", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64("0x10", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64("-", 0, 100, &v), OD_EINVAL);
	/* one past INT64_MAX / INT64_MIN: overflow, not a wrapped value */
	CHECK_INT(parse_i64("9223372036854775808", INT64_MIN, INT64_MAX, &v),
	    OD_EINVAL);
	CHECK_INT(parse_i64("-9223372036854775809", INT64_MIN, INT64_MAX,
	    &v), OD_EINVAL);
	CHECK_INT(parse_i64("99999999999999999999999", INT64_MIN, INT64_MAX,
	    &v), OD_EINVAL);
	/* out of [min, max] */
	CHECK_INT(parse_i64("101", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64("-1", 0, 100, &v), OD_EINVAL);
	CHECK_INT(parse_i64("65536", 1, 65535, &v), OD_EINVAL);
	CHECK_INT(parse_i64("0", 1, 65535, &v), OD_EINVAL);
	/* a refused input leaves the output alone */
	CHECK_INT(v, 12345);
}

static void
test_parse_duration(void)
{
	int64_t v = 0;

	CHECK_INT(parse_duration("90", 0, 86400, &v), OD_OK);
	CHECK_INT(v, 90);
	CHECK_INT(parse_duration("90s", 0, 86400, &v), OD_OK);
	CHECK_INT(v, 90);
	CHECK_INT(parse_duration("5m", 0, 86400, &v), OD_OK);
	CHECK_INT(v, 5 * 60);
	CHECK_INT(parse_duration("6h", 0, 86400, &v), OD_OK);
	CHECK_INT(v, 6 * 60 * 60);
	CHECK_INT(parse_duration("7d", 0, 30 * 86400, &v), OD_OK);
	CHECK_INT(v, 7 * 24 * 60 * 60);
	CHECK_INT(parse_duration("0s", 0, 10, &v), OD_OK);
	CHECK_INT(v, 0);

	v = 777;
	CHECK_INT(parse_duration("", 0, 86400, &v), OD_EINVAL);
	CHECK_INT(parse_duration("s", 0, 86400, &v), OD_EINVAL);
	CHECK_INT(parse_duration("6y", 0, 86400, &v), OD_EINVAL);
	CHECK_INT(parse_duration("6hh", 0, 86400, &v), OD_EINVAL);
	CHECK_INT(parse_duration("1.5h", 0, 86400, &v), OD_EINVAL);
	CHECK_INT(parse_duration("-5s", 0, 86400, &v), OD_EINVAL);
	CHECK_INT(parse_duration(" 5s", 0, 86400, &v), OD_EINVAL);
	CHECK_INT(parse_duration("h", 0, 86400, &v), OD_EINVAL);
	/* the bounds apply to the value in seconds, after the unit */
	CHECK_INT(parse_duration("2d", 0, 86400, &v), OD_EINVAL);
	CHECK_INT(parse_duration("2m", 0, 60, &v), OD_EINVAL);
	CHECK_INT(parse_duration("4s", 5, 60, &v), OD_EINVAL);
	CHECK_INT(parse_duration("99999999999999999999d", 0, INT64_MAX, &v),
	    OD_EINVAL);
	CHECK_INT(v, 777);
	CHECK_INT(parse_duration("1m", 0, 60, &v), OD_OK);
	CHECK_INT(v, 60);
}

static void
test_time_parse(void)
{
	int64_t ms = 0;

	/*
	 * Expected values computed independently (Python's datetime and
	 * `date -u -d ... +%s`): 2026-11-26T10:00:00Z is 1795687200 s.
	 */
	CHECK_INT(time_parse("2026-11-26T10:00:00Z", &ms), OD_OK);
	CHECK_INT(ms, INT64_C(1795687200000));
	CHECK_INT(time_parse("2026-11-26t10:00:00z", &ms), OD_OK);
	CHECK_INT(ms, INT64_C(1795687200000));
	CHECK_INT(time_parse("2026-11-26T10:00:00+02:00", &ms), OD_OK);
	CHECK_INT(ms, INT64_C(1795680000000));
	CHECK_INT(time_parse("2026-11-26T10:00:00.5-05:30", &ms), OD_OK);
	CHECK_INT(ms, INT64_C(1795707000500));
	CHECK_INT(time_parse("2026-11-26T10:00:00.123Z", &ms), OD_OK);
	CHECK_INT(ms, INT64_C(1795687200123));
	CHECK_INT(time_parse("1970-01-01T00:00:00Z", &ms), OD_OK);
	CHECK_INT(ms, 0);
	/* leap day 2024-02-29: 1709164800 s */
	CHECK_INT(time_parse("2024-02-29T00:00:00Z", &ms), OD_OK);
	CHECK_INT(ms, INT64_C(1709164800000));

	ms = 99;
	CHECK_INT(time_parse("", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-26", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-26T10:00:00", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-26T10:00Z", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-13-01T10:00:00Z", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-00-01T10:00:00Z", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-32T10:00:00Z", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-26T24:00:00Z", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-26T10:60:00Z", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-26T10:00:00+2:00", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-26T10:00:00+24:00", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-26T10:00:00Zjunk", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-11-26T10:00:00.Z", &ms), OD_EINVAL);
	CHECK_INT(time_parse("yesterday at noon, UTC", &ms), OD_EINVAL);
	CHECK_INT(ms, 99);
}

/*
 * RFC 3339 (5.7): the day must exist in its month.  An impossible date must
 * be refused, not silently moved into the next month.
 */
static void
test_time_parse_calendar(void)
{
	int64_t ms = 99;

	CHECK_INT(time_parse("2026-02-31T10:00:00Z", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-02-29T10:00:00Z", &ms), OD_EINVAL);
	CHECK_INT(time_parse("2026-04-31T10:00:00Z", &ms), OD_EINVAL);
	/*
	 * Second 60 exists only as a leap second, at the end of a UTC day
	 * (RFC 3339 5.7); 10:00:60Z is not a time and must not become 10:01.
	 */
	CHECK_INT(time_parse("2026-11-26T10:00:60Z", &ms), OD_EINVAL);
	CHECK_INT(ms, 99);
}

static void
test_time_roundtrip(void)
{
	static const char *const times[] = {
		"1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z",
		"2026-11-26T10:00:00Z", "2038-01-19T03:14:08Z",
	};
	char buf[32];
	int64_t ms, back;

	for (size_t i = 0; i < NELEM(times); i++) {
		CHECK_INT(time_parse(times[i], &ms), OD_OK);
		time_format(ms, buf, sizeof(buf));
		CHECK_STR(buf, times[i]);
		CHECK_INT(time_parse(buf, &back), OD_OK);
		CHECK_INT(back, ms);
	}
	/* time_format has seconds precision: milliseconds are dropped */
	time_format(INT64_C(1795687200999), buf, sizeof(buf));
	CHECK_STR(buf, "2026-11-26T10:00:00Z");
	/* an offset time formats as the same instant in UTC */
	CHECK_INT(time_parse("2026-11-26T12:30:00+02:30", &ms), OD_OK);
	time_format(ms, buf, sizeof(buf));
	CHECK_STR(buf, "2026-11-26T10:00:00Z");
}

static void
test_log_escape(void)
{
	char buf[64];
	const char *ctl = "a\nb\rc\x1b[31m\\d\x7f";

	log_escape(buf, sizeof(buf), ctl, strlen(ctl));
	CHECK_STR(buf, "a\\x0ab\\x0dc\\x1b[31m\\x5cd\\x7f");
	/* no raw control byte survives */
	for (const char *p = buf; *p; p++)
		CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);

	/* srclen bounds the input, embedded NULs included */
	log_escape(buf, sizeof(buf), "ab\0cd", 5);
	CHECK_STR(buf, "ab\\x00cd");
	log_escape(buf, sizeof(buf), "abcdef", 3);
	CHECK_STR(buf, "abc");

	/* UTF-8 bytes are not control characters */
	log_escape(buf, sizeof(buf), "Київ", strlen("Київ"));
	CHECK_STR(buf, "Київ");

	/* too long: truncated with "...", NUL-terminated, within dstlen */
	{
		char small[12];
		const char *longs = "abcdefghijklmnopqrstuvwxyz";

		memset(small, 'Z', sizeof(small));
		log_escape(small, sizeof(small), longs, strlen(longs));
		CHECK(strlen(small) < sizeof(small));
		CHECK(strlen(small) >= 4);
		CHECK(strcmp(small + strlen(small) - 3, "...") == 0);
		CHECK(strncmp(small, longs, strlen(small) - 3) == 0);
	}
	/* an escape is never cut in half by truncation */
	{
		char small[10];
		char src[32];

		memset(src, '\n', sizeof(src));
		log_escape(small, sizeof(small), src, sizeof(src));
		CHECK(strlen(small) < sizeof(small));
		CHECK(strcmp(small + strlen(small) - 3, "...") == 0);
		/* what precedes "..." is whole \x0a escapes */
		CHECK_INT((strlen(small) - 3) % 4, 0);
		for (size_t i = 0; i + 3 < strlen(small); i += 4)
			CHECK(strncmp(small + i, "\\x0a", 4) == 0);
	}
	/* dstlen 1: just the NUL */
	{
		char one[1] = { 'Z' };

		log_escape(one, 1, "abc", 3);
		CHECK_INT(one[0], '\0');
	}
}

/*
 * log.h: "truncating with "..." when it does not fit".  Text that does fit
 * in dst (dstlen-1 bytes after escaping) must come out whole.
 */
static void
test_log_escape_fits(void)
{
	char buf[8];

	log_escape(buf, sizeof(buf), "abcdefg", 7);	/* 7 bytes + NUL = 8 */
	CHECK_STR(buf, "abcdefg");
	log_escape(buf, sizeof(buf), "abcde", 5);
	CHECK_STR(buf, "abcde");
	log_escape(buf, sizeof(buf), "a\tb", 3);	/* a\x09b: 6 + NUL */
	CHECK_STR(buf, "a\\x09b");
}

static void
test_str_copy(void)
{
	char buf[8];

	memset(buf, 'Z', sizeof(buf));
	CHECK_INT(str_copy(buf, "abc", sizeof(buf)), 3);
	CHECK_STR(buf, "abc");

	memset(buf, 'Z', sizeof(buf));
	CHECK_INT(str_copy(buf, "abcdefghijkl", sizeof(buf)), 12);
	CHECK_STR(buf, "abcdefg");
	CHECK_INT(buf[7], '\0');

	/* exactly dstlen-1 bytes fit */
	CHECK_INT(str_copy(buf, "1234567", sizeof(buf)), 7);
	CHECK_STR(buf, "1234567");
	/* dstlen 8 with 8 bytes: truncated (return >= dstlen) */
	CHECK(str_copy(buf, "12345678", sizeof(buf)) >= sizeof(buf));
	CHECK_STR(buf, "1234567");

	CHECK_INT(str_copy(buf, "", sizeof(buf)), 0);
	CHECK_STR(buf, "");

	/* dstlen 0 writes nothing but still reports the length */
	buf[0] = 'Q';
	CHECK_INT(str_copy(buf, "xyz", 0), 3);
	CHECK_INT(buf[0], 'Q');
	CHECK_INT(str_copy(buf, "xyz", 1), 3);
	CHECK_STR(buf, "");
}

static void
test_sha256(void)
{
	char hex[65];

	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	/* FIPS 180-2 vector: the empty message */
	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	/* FIPS 180-2 vector: the 448-bit message */
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	CHECK_INT(strlen(hex), 64);
}

static void
test_names(void)
{
	enum utility u;
	enum severity s;

	for (int i = 0; i < UTIL_COUNT; i++) {
		CHECK_INT(utility_from_name(utility_name((enum utility)i), &u),
		    0);
		CHECK_INT(u, i);
	}
	CHECK_INT(utility_from_name("electricity", &u), -1);
	CHECK_INT(utility_from_name("Power", &u), -1);
	CHECK_INT(severity_from_name("major", &s), 0);
	CHECK_INT(s, SEV_MAJOR);
	CHECK_INT(severity_from_name("huge", &s), -1);
	CHECK_STR(severity_name(SEV_CRITICAL), "critical");
}

static void
test_utf8_is_capital(void)
{
	CHECK(utf8_is_capital("Kyiv", 4));
	CHECK(!utf8_is_capital("kyiv", 4));
	CHECK(utf8_is_capital("\xc3\x8ele", 4));		/* Île */
	CHECK(!utf8_is_capital("\xc3\xaele", 4));		/* île */
	CHECK(utf8_is_capital("\xc3\x91uble", 6));		/* Ñuble */
	CHECK(!utf8_is_capital("\xc3\x97", 2));		/* × */
	CHECK(utf8_is_capital("\xc5\x81\xc3\xb3" "d\xc5\xba", 7));	/* Łódź */
	CHECK(!utf8_is_capital("\xc5\x82", 2));		/* ł */
	CHECK(utf8_is_capital("\xc5\xbd", 2));			/* Ž */
	CHECK(!utf8_is_capital("\xc5\xbe", 2));		/* ž */
	CHECK(utf8_is_capital("\xd0\x9a\xd0\xb8", 4));	/* Ки */
	CHECK(!utf8_is_capital("\xd0\xba", 2));		/* к */
	CHECK(utf8_is_capital("\xd2\x90", 2));			/* Ґ */
	CHECK(!utf8_is_capital("\xc3", 1));			/* cut short */
	CHECK(!utf8_is_capital("", 0));
}

static void
test_url_host(void)
{
	CHECK_STR(url_host("http://h/x"), "h/x");
	CHECK_STR(url_host("HTTPS://h:8/"), "h:8/");
	CHECK_STR(url_host("http://"), "");
	CHECK(url_host("ftp://h") == NULL);
	CHECK(url_host("http:/h") == NULL);
	CHECK(url_host("/path") == NULL);
	CHECK(url_host("") == NULL);
}

int
main(void)
{
	RUN(test_parse_i64_ok);
	RUN(test_parse_i64_rejects);
	RUN(test_parse_duration);
	RUN(test_time_parse);
	RUN(test_time_parse_calendar);
	RUN(test_time_roundtrip);
	RUN(test_log_escape);
	RUN(test_log_escape_fits);
	RUN(test_str_copy);
	RUN(test_sha256);
	RUN(test_names);
	RUN(test_utf8_is_capital);
	RUN(test_url_host);
	return T_DONE();
}
