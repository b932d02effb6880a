/*
 * The application's configuration file: "key = value" lines, '#' comments.
 * Parsed once at start-up by the master; workers inherit the result.
 */
#ifndef PORTAL_CONFIG_H
#define PORTAL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_PATH_MAX 512

struct config {
	char listen[108];                  /* unix socket path (sun_path size) */
	char socket_group[64];             /* group that may connect (nginx's) */
	unsigned socket_mode;              /* octal, 0660 or stricter */
	char pid_file[CONFIG_PATH_MAX];
	char templates[CONFIG_PATH_MAX];   /* localized templates: <dir>/<lang>/<name>.tpl */
	char db_config[CONFIG_PATH_MAX];   /* Connector/C option file: socket, user, password, database */
	unsigned workers;                  /* processes */
	unsigned threads;                  /* per process, each with its own connection */
	unsigned max_body;                 /* bytes of request body the app accepts */
	unsigned db_connect_timeout;       /* seconds */
	unsigned db_rw_timeout;            /* seconds, per read or write on the connection */
};

void config_defaults(struct config *c);
/*
 * Parses text[0..len) over the current values. Returns 0, or -1 with a message
 * naming the line in err.
 */
int config_parse(struct config *c, const char *text, size_t len, char *err, size_t errlen);
/* Reads and parses a file. Same contract as config_parse. */
int config_load(struct config *c, const char *path, char *err, size_t errlen);

#endif
