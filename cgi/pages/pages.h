/* Page handlers, grouped by page family in page_<family>.c (cgi/pages/README.md), listed in the route table (routes.c). */
#ifndef PORTAL_PAGES_H
#define PORTAL_PAGES_H

#include <stddef.h>

#include "http/route.h"

int page_dashboard(struct ctx *ctx, struct request *req, struct reply *rep);
int page_area(struct ctx *ctx, struct request *req, struct reply *rep);
int page_register(struct ctx *ctx, struct request *req, struct reply *rep);
int page_healthz(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login_form(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login(struct ctx *ctx, struct request *req, struct reply *rep);
int page_logout(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account_password(struct ctx *ctx, struct request *req, struct reply *rep);
int page_admin_users(struct ctx *ctx, struct request *req, struct reply *rep);
int page_admin_user_create(struct ctx *ctx, struct request *req, struct reply *rep);
int page_admin_user(struct ctx *ctx, struct request *req, struct reply *rep);
int page_admin_user_update(struct ctx *ctx, struct request *req, struct reply *rep);
int page_audit(struct ctx *ctx, struct request *req, struct reply *rep);
int page_audit_csv(struct ctx *ctx, struct request *req, struct reply *rep);
int page_edit_section(struct ctx *ctx, struct request *req, struct reply *rep);
int page_edit_section_post(struct ctx *ctx, struct request *req, struct reply *rep);
int page_commitment(struct ctx *ctx, struct request *req, struct reply *rep);
int page_commitment_note(struct ctx *ctx, struct request *req, struct reply *rep);
int page_commitment_progress(struct ctx *ctx, struct request *req, struct reply *rep);
int page_commitment_propose(struct ctx *ctx, struct request *req, struct reply *rep);
int page_commitment_new(struct ctx *ctx, struct request *req, struct reply *rep);
int page_commitment_create(struct ctx *ctx, struct request *req, struct reply *rep);
int page_proposal(struct ctx *ctx, struct request *req, struct reply *rep);
int page_proposal_approve(struct ctx *ctx, struct request *req, struct reply *rep);
int page_proposal_reject(struct ctx *ctx, struct request *req, struct reply *rep);
int page_proposal_withdraw(struct ctx *ctx, struct request *req, struct reply *rep);
int page_history(struct ctx *ctx, struct request *req, struct reply *rep);
int page_revision(struct ctx *ctx, struct request *req, struct reply *rep);
int page_compare(struct ctx *ctx, struct request *req, struct reply *rep);
int page_restore(struct ctx *ctx, struct request *req, struct reply *rep);
int page_confirm_section(struct ctx *ctx, struct request *req, struct reply *rep);
int page_commitment_confirm(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account_language(struct ctx *ctx, struct request *req, struct reply *rep);
int page_download_csv(struct ctx *ctx, struct request *req, struct reply *rep);
int page_download_json(struct ctx *ctx, struct request *req, struct reply *rep);
int page_download_xlsx(struct ctx *ctx, struct request *req, struct reply *rep);
int page_councils(struct ctx *ctx, struct request *req, struct reply *rep);
int page_council_add(struct ctx *ctx, struct request *req, struct reply *rep);
int page_council_held(struct ctx *ctx, struct request *req, struct reply *rep);
int page_changes(struct ctx *ctx, struct request *req, struct reply *rep);
int page_changes_atom(struct ctx *ctx, struct request *req, struct reply *rep);

extern const struct route routes[];
extern const size_t routes_count;

/* The steps of a login after the password (page_login_steps.c) */
int page_login_code_form(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login_code(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login_enrol_form(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login_enrol_qr(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login_enrol(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login_codes_form(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login_codes_text(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login_codes(struct ctx *ctx, struct request *req, struct reply *rep);
int page_login_cancel(struct ctx *ctx, struct request *req, struct reply *rep);

/* One's own second factor (page_account_factor.c) */
int page_account_totp_start(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account_totp(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account_totp_qr(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account_totp_confirm(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account_codes_renew(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account_codes(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account_codes_text(struct ctx *ctx, struct request *req, struct reply *rep);
int page_account_codes_done(struct ctx *ctx, struct request *req, struct reply *rep);

#endif
