/*
 * The one error type of the db and model layers. Functions of both return
 * it (E_OK on success); what a failure means to a visitor is decided in one
 * place, http_status() (http/http.h).
 */
#ifndef PORTAL_ERR_H
#define PORTAL_ERR_H

enum err {
	E_OK = 0,
	E_UNAVAILABLE,  /* the database cannot be reached, or the connection broke: try again later */
	E_RETRY,        /* deadlock, lock-wait timeout or certification conflict: rolled back, may run again */
	E_DUPLICATE,    /* a unique key refused the row: it exists already */
	E_NOT_FOUND,    /* what was asked for does not exist */
	E_CONFLICT,     /* it moved on since the version the change was based on */
	E_INVALID,      /* a value the rules refuse */
	E_FORBIDDEN,    /* the rules do not let this account do it */
	E_TOO_LARGE,    /* over a size limit */
	E_FAILED,       /* anything else: a bug or a broken invariant; logged where it happened */
};

/* A short stable name of an error, for logs and portalctl ("unavailable", ...). */
const char *err_name(enum err e);

#endif
