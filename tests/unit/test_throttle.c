/* The failed-login throttle's key for a client address (cgi/model/throttle.c). */
#include "check.h"
#include "model/throttle.h"

static const char *key(const char *addr)
{
	static char k[THROTTLE_ADDR_KEY_MAX + 1];
	throttle_addr_key(addr, k);
	return k;
}

static void test_ipv6_counts_per_64(void)
{
	CHECK_STR(key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
	CHECK_STR(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
	CHECK_STR(key("2001:0DB8:0001:0002:0000:0000:0000:ffff"), "2001:db8:1:2::/64");
	CHECK_STR(key("2001:db8:1:3::1"), "2001:db8:1:3::/64");
	CHECK_STR(key("2001:db8::"), "2001:db8::/64");
	CHECK_STR(key("::1"), "::/64");
	CHECK_STR(key("fe80::1:2:3:4"), "fe80::/64");
	CHECK_STR(key("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), "ffff:ffff:ffff:ffff::/64");
	CHECK(strlen(key("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) <= THROTTLE_ADDR_KEY_MAX);
}

static void test_ipv4_counts_per_address(void)
{
	CHECK_STR(key("192.0.2.7"), "192.0.2.7");
	CHECK_STR(key("127.0.0.1"), "127.0.0.1");
	/* An IPv4 client seen through an IPv6 socket is the same client. */
	CHECK_STR(key("::ffff:192.0.2.7"), "192.0.2.7");
	CHECK_STR(key("::FFFF:C000:0207"), "192.0.2.7");
}

static void test_other_addresses_are_kept(void)
{
	CHECK_STR(key("-"), "-");
	CHECK_STR(key(""), "");
	CHECK_STR(key("fe80::1%eth0"), "fe80::1%eth0");     /* a zone: not an address inet_pton reads */
	CHECK_STR(key("unix:"), "unix:");
	char longer[THROTTLE_ADDR_KEY_MAX + 20];
	memset(longer, 'a', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	CHECK(strlen(key(longer)) == THROTTLE_ADDR_KEY_MAX);   /* the column's width */
	CHECK(key(NULL)[0] == '\0');
}

int main(void)
{
	RUN(test_ipv6_counts_per_64);
	RUN(test_ipv4_counts_per_address);
	RUN(test_other_addresses_are_kept);
	return check_summary("test_throttle");
}
