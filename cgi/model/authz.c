#include "model/authz.h"

#include <string.h>

enum side_rule {
	ANY_SIDE,    /* the target's side does not matter (reading) */
	OWN_SIDE,    /* only what belongs to one's own side */
	OTHER_SIDE,  /* only what comes from the other side (approving its proposals) */
};

#define R(role) (1u << ROLE_##role)
#define EVERY_ROLE (R(VIEWER) | R(EDITOR) | R(COCHAIR) | R(ADMIN))

struct rule {
	unsigned roles;
	enum side_rule side;
};

/* The permission matrix of docs/design.md. An action missing here has roles 0: nobody. */
static const struct rule matrix[ACT__MAX] = {
	[ACT_READ] = { EVERY_ROLE, ANY_SIDE },
	[ACT_OWN_ACCOUNT] = { EVERY_ROLE, OWN_SIDE },
	[ACT_EDIT_SECTION] = { R(EDITOR) | R(COCHAIR), OWN_SIDE },
	[ACT_EDIT_NOTE] = { R(EDITOR) | R(COCHAIR), OWN_SIDE },
	[ACT_SET_PROGRESS] = { R(EDITOR) | R(COCHAIR), OWN_SIDE },
	[ACT_PROPOSE_JOINT] = { R(COCHAIR), ANY_SIDE },
	[ACT_APPROVE_JOINT] = { R(COCHAIR), OTHER_SIDE },
	[ACT_MANAGE_ACCOUNTS] = { R(ADMIN), OWN_SIDE },
	[ACT_MARK_COUNCIL_HELD] = { R(COCHAIR), ANY_SIDE },
	[ACT_READ_AUDIT] = { R(ADMIN), ANY_SIDE },
};

static bool valid_action(enum action a)
{
	return a > ACT_UNDECLARED && a < ACT__MAX;
}

bool authz_route(const struct account *who, enum action a)
{
	if (a == ACT_PUBLIC)
		return true;
	if (!who || !valid_action(a) || who->role >= ROLE__MAX)
		return false;
	return (matrix[a].roles & (1u << who->role)) != 0;
}

bool authz_may(const struct account *who, enum action a, enum side target)
{
	if (a == ACT_PUBLIC)
		return true;
	if (!authz_route(who, a))
		return false;
	switch (matrix[a].side) {
	case ANY_SIDE: return true;
	case OWN_SIDE: return who->side == target;
	case OTHER_SIDE: return who->side != target;
	}
	return false;
}

static const char *const side_codes[SIDE__MAX] = { "EU", "KR" };
static const char *const role_codes[ROLE__MAX] = { "viewer", "editor", "cochair", "admin" };

const char *side_code(enum side s)
{
	return s < SIDE__MAX ? side_codes[s] : "?";
}

const char *role_code(enum role r)
{
	return r < ROLE__MAX ? role_codes[r] : "?";
}

int side_parse(const char *s, enum side *out)
{
	for (int i = 0; s && i < SIDE__MAX; i++)
		if (strcmp(s, side_codes[i]) == 0)
			return *out = (enum side)i, 0;
	return -1;
}

int role_parse(const char *s, enum role *out)
{
	for (int i = 0; s && i < ROLE__MAX; i++)
		if (strcmp(s, role_codes[i]) == 0)
			return *out = (enum role)i, 0;
	return -1;
}
