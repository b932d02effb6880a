/*
 * The route table: every URL the application answers, the handler, and the
 * permission it takes (authz.h). gate.c enforces the permission, the origin
 * check and the CSRF token for every POST before a handler runs; a route that
 * declares no permission is refused (and a unit test fails).
 */
#include "pages/pages.h"

const struct route routes[] = {
	{ "GET", "/", page_dashboard, ACT_READ },
	{ "GET", "/areas/*", page_area, ACT_READ },
	{ "GET", "/register", page_register, ACT_READ },
	{ "GET", "/register.csv", page_download_csv, ACT_READ },
	{ "GET", "/register.json", page_download_json, ACT_READ },
	{ "GET", "/register.xlsx", page_download_xlsx, ACT_READ },
	{ "GET", "/councils", page_councils, ACT_READ },
	{ "POST", "/councils", page_council_add, ACT_MARK_COUNCIL_HELD },
	{ "POST", "/councils/*/held", page_council_held, ACT_MARK_COUNCIL_HELD },
	{ "GET", "/changes", page_changes, ACT_READ },
	{ "GET", "/changes.atom", page_changes_atom, ACT_READ },
	{ "GET", "/healthz", page_healthz, ACT_PUBLIC },
	{ "GET", "/login", page_login_form, ACT_PUBLIC },
	{ "POST", "/login", page_login, ACT_PUBLIC },
	{ "POST", "/logout", page_logout, ACT_OWN_ACCOUNT },
	/* a login half done: its own steps only (gate.c) */
	{ "GET", "/login/code", page_login_code_form, ACT_SECOND_STEP },
	{ "POST", "/login/code", page_login_code, ACT_SECOND_STEP },
	{ "GET", "/login/enrol", page_login_enrol_form, ACT_SECOND_STEP },
	{ "GET", "/login/enrol/qr.svg", page_login_enrol_qr, ACT_SECOND_STEP },
	{ "POST", "/login/enrol", page_login_enrol, ACT_SECOND_STEP },
	{ "GET", "/login/recovery-codes", page_login_codes_form, ACT_SECOND_STEP },
	{ "GET", "/login/recovery-codes.txt", page_login_codes_text, ACT_SECOND_STEP },
	{ "POST", "/login/recovery-codes", page_login_codes, ACT_SECOND_STEP },
	{ "POST", "/login/cancel", page_login_cancel, ACT_SECOND_STEP },
	{ "GET", "/account", page_account, ACT_OWN_ACCOUNT },
	{ "POST", "/account/password", page_account_password, ACT_OWN_ACCOUNT },
	{ "POST", "/account/language", page_account_language, ACT_OWN_ACCOUNT },
	{ "POST", "/account/totp", page_account_totp_start, ACT_OWN_ACCOUNT },
	{ "GET", "/account/totp", page_account_totp, ACT_OWN_ACCOUNT },
	{ "GET", "/account/totp/qr.svg", page_account_totp_qr, ACT_OWN_ACCOUNT },
	{ "POST", "/account/totp/confirm", page_account_totp_confirm, ACT_OWN_ACCOUNT },
	{ "POST", "/account/recovery-codes", page_account_codes_renew, ACT_OWN_ACCOUNT },
	{ "GET", "/account/recovery-codes", page_account_codes, ACT_OWN_ACCOUNT },
	{ "GET", "/account/recovery-codes.txt", page_account_codes_text, ACT_OWN_ACCOUNT },
	{ "POST", "/account/recovery-codes/done", page_account_codes_done, ACT_OWN_ACCOUNT },
	{ "GET", "/admin/users", page_admin_users, ACT_MANAGE_ACCOUNTS },
	{ "POST", "/admin/users", page_admin_user_create, ACT_MANAGE_ACCOUNTS },
	{ "GET", "/admin/users/*", page_admin_user, ACT_MANAGE_ACCOUNTS },
	{ "POST", "/admin/users/*", page_admin_user_update, ACT_MANAGE_ACCOUNTS },
	{ "GET", "/admin/audit", page_audit, ACT_READ_AUDIT },
	{ "GET", "/admin/audit.csv", page_audit_csv, ACT_READ_AUDIT },
	/* editing: the handlers check the side of what they change (authz_may) */
	{ "GET", "/areas/*/*/edit", page_edit_section, ACT_EDIT_SECTION },
	{ "POST", "/areas/*/*/edit", page_edit_section_post, ACT_EDIT_SECTION },
	{ "POST", "/areas/*/*/confirm", page_confirm_section, ACT_EDIT_SECTION },
	{ "GET", "/areas/*/history", page_history, ACT_READ },
	{ "GET", "/areas/*/compare", page_compare, ACT_READ },
	{ "GET", "/areas/*/commitments/new", page_commitment_new, ACT_PROPOSE_JOINT },
	{ "POST", "/areas/*/commitments", page_commitment_create, ACT_PROPOSE_JOINT },
	{ "GET", "/commitments/*", page_commitment, ACT_READ },
	{ "POST", "/commitments/*/note", page_commitment_note, ACT_EDIT_NOTE },
	{ "POST", "/commitments/*/progress", page_commitment_progress, ACT_SET_PROGRESS },
	{ "POST", "/commitments/*/propose", page_commitment_propose, ACT_PROPOSE_JOINT },
	{ "POST", "/commitments/*/confirm", page_commitment_confirm, ACT_EDIT_NOTE },
	{ "GET", "/proposals/*", page_proposal, ACT_READ },
	{ "POST", "/proposals/*/approve", page_proposal_approve, ACT_APPROVE_JOINT },
	{ "POST", "/proposals/*/reject", page_proposal_reject, ACT_APPROVE_JOINT },
	{ "POST", "/proposals/*/withdraw", page_proposal_withdraw, ACT_PROPOSE_JOINT },
	{ "GET", "/revisions/*", page_revision, ACT_READ },
	{ "POST", "/revisions/*/restore", page_restore, ACT_EDIT_SECTION },
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
