/* The second factor's policy (model/mfa.h): mfa_required names the roles that must have one. */
#include <string.h>
#include <stdio.h>

#include "check.h"
#include "model/mfa.h"

static struct config with_policy(const char *policy)
{
	struct config c;
	config_defaults(&c);
	snprintf(c.mfa_required, sizeof(c.mfa_required), "%s", policy);
	return c;
}

static void test_the_default_requires_every_role(void)
{
	struct config c;
	config_defaults(&c);
	for (int r = 0; r < ROLE__MAX; r++)
		CHECK(mfa_required_for(&c, (enum role)r));
	char err[120] = "";
	CHECK(mfa_policy_check(&c, err, sizeof(err)) == 0);
}

static void test_named_roles_only(void)
{
	struct config c = with_policy("  admin   cochair ");
	CHECK(mfa_required_for(&c, ROLE_ADMIN) && mfa_required_for(&c, ROLE_COCHAIR));
	CHECK(!mfa_required_for(&c, ROLE_VIEWER) && !mfa_required_for(&c, ROLE_EDITOR));
	c = with_policy("none");
	for (int r = 0; r < ROLE__MAX; r++)
		CHECK(!mfa_required_for(&c, (enum role)r));
	char err[120] = "";
	CHECK(mfa_policy_check(&c, err, sizeof(err)) == 0);
}

static void test_other_words_are_refused(void)
{
	char err[120] = "";
	struct config c = with_policy("admin admn");
	CHECK(mfa_policy_check(&c, err, sizeof(err)) == -1);
	CHECK_CONTAINS(err, "\"admn\" is not a role");
	c = with_policy("Admin");          /* role names are exact */
	CHECK(mfa_policy_check(&c, err, sizeof(err)) == -1);
	CHECK(!mfa_required_for(&c, ROLE_ADMIN));
	c = with_policy("administratorsandmore");
	CHECK(mfa_policy_check(&c, err, sizeof(err)) == -1);
}

int main(void)
{
	RUN(test_the_default_requires_every_role);
	RUN(test_named_roles_only);
	RUN(test_other_words_are_refused);
	return check_summary("test_mfa");
}
