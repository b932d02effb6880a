#include "db/err.h"

const char *err_name(enum err e)
{
	switch (e) {
	case E_OK: return "ok";
	case E_UNAVAILABLE: return "unavailable";
	case E_RETRY: return "retry";
	case E_DUPLICATE: return "duplicate";
	case E_NOT_FOUND: return "not found";
	case E_CONFLICT: return "conflict";
	case E_INVALID: return "invalid";
	case E_FORBIDDEN: return "forbidden";
	case E_TOO_LARGE: return "too large";
	case E_FAILED: return "failed";
	}
	return "failed";
}
