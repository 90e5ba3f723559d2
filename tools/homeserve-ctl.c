/* homeserve-ctl.c: command-line housekeeping: migrations, sample data, purging expired sessions, one pass of the background worker for cron, and backups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "appkey.h"
#include "arena.h"
#include "audit.h"
#include "backup.h"
#include "catalog.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "deliver.h"
#include "fmt.h"
#include "httpclient.h"
#include "jobs.h"
#include "log.h"
#include "picture.h"
#include "session.h"
#include "settlement.h"
#include "signature.h"
#include "tmpl.h"
#include "vendor.h"

static const struct actor system_actor = { 0, "", "homeserve-ctl" };

/* The sample accounts of the README's quick start. */
static const struct account_new sample_users[] = {
	{ "admin", "admin@homeserve.test", "", "admin123", "", "", ROLE_ADMIN },
	{ "customer1", "customer1@homeserve.test", "+919876543210",
	    "password123", "12 Janpath, Connaught Place, New Delhi", "110001",
	    ROLE_CUSTOMER },
	{ "vendor1", "vendor1@homeserve.test", "+919876543212", "password123",
	    "4 Barakhamba Road, New Delhi", "110001", ROLE_VENDOR },
	{ "onboard_mgr", "onboard@homeserve.test", "", "password123", "", "",
	    ROLE_ONBOARD },
	{ "ops_mgr", "ops@homeserve.test", "", "password123", "", "",
	    ROLE_OPS },
};

static const struct service_input sample_services[] = {
	{ "AC Repair", "ac", "Diagnosis and repair of split and window air "
	    "conditioners: cooling problems, gas pressure checks, noise and "
	    "water leaks.", 50000, 90, 1,
	    "Inspection of the indoor and outdoor units\nGas pressure check\n"
	    "Filter and coil cleaning\nA 30-day warranty on the repair",
	    "Refrigerant refill, charged by weight\nSpare parts, charged "
	    "separately", { "", 0, 0, 0, 0 } },
	{ "Plumbing Service", "plumbing", "Leaking taps, blocked drains, pipe "
	    "fittings, flush tanks and geyser connections.", 40000, 60, 1,
	    "Finding the leak or blockage\nFixing taps, traps and fittings\n"
	    "Cleaning up after the work",
	    "Pipes inside walls\nNew fixtures, bought separately",
	    { "", 0, 0, 0, 0 } },
	{ "Electrical Work", "electrical", "Wiring faults, switchboards, fans, "
	    "lights and tripping MCBs, by licensed electricians.", 60000, 60, 1,
	    "Fault finding with a tester\nRepair of switches, sockets and "
	    "fans\nA safety check of the board",
	    "New wiring of a whole room\nFittings and cable, charged "
	    "separately", { "", 0, 0, 0, 0 } },
	{ "House Cleaning", "cleaning", "Sweeping, mopping, dusting, kitchen "
	    "and bathroom cleaning for flats and houses.", 30000, 120, 1,
	    "Sweeping and mopping every room\nKitchen counters and sink\n"
	    "Bathroom tiles and fittings\nCleaning materials",
	    "Inside cupboards and the fridge\nWalls and ceilings",
	    { "", 0, 0, 0, 0 } },
	{ "Appliance Repair", "appliance", "Washing machines, refrigerators, "
	    "microwaves and water purifiers repaired at home.", 45000, 90, 1,
	    "Diagnosis at home\nRepair of the fault found\nA test run with you",
	    "Spare parts, charged separately\nWork at the service centre",
	    { "", 0, 0, 0, 0 } },
};

/* vendor1 does every category in two Delhi pincodes, and is verified. */
static const char *const sample_pincodes[] = { "110001", "110002" };

static void
seed_vendor(struct db *db, struct arena *a, int64_t id)
{
	struct category	*cats;
	const char	**slugs;
	size_t		  n, i;

	n = catalog_categories(db, a, &cats);
	slugs = arena_alloc(a, sizeof(*slugs) * (n ? n : 1));
	for (i = 0; i < n; i++)
		slugs[i] = cats[i].slug;
	vendor_set_areas(db, &system_actor, id, slugs, n, sample_pincodes,
	    sizeof(sample_pincodes) / sizeof(sample_pincodes[0]));
	vendor_seed_verified(db, &system_actor, id);
}

static int
cmd_migrate(struct db *db, const struct config *cfg)
{
	int	from, to;
	int64_t	chained;

	if (db_migrate(db, cfg->sql_dir, &from, &to)) {
		fprintf(stderr, "homeserve-ctl: migration failed at version "
		    "%d\n", to);
		return 1;
	}
	printf("schema version %d%s\n", to, from == to ? " (up to date)" : "");
	/* sql/014 made the log a chain; rows from before it are chained here. */
	if (to >= 14 && (chained = audit_chain_fill(db)) > 0)
		printf("audit log: %lld earlier rows chained\n",
		    (long long)chained);
	return 0;
}

/*
 * The sample service's picture, drawn for HomeServe by
 * sample/pictures/draw.c: sample/pictures/<category>.png in the share
 * dir, resized and stored as any upload is.  Without it (or without an
 * uploads dir) the service simply has no picture.
 */
static struct picture
seed_picture(struct db *db, struct arena *a, const struct config *cfg,
    const char *category)
{
	struct picture	 p = { "", 0, 0, 0, 0 };
	const char	*path = arena_printf(a, "%s/sample/pictures/%s.png",
			    cfg->share_dir, category), *why;
	unsigned char	 buf[256 * 1024];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "rb")) == NULL)
		return p;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (picture_store(db, a, PICTURE_SERVICE, buf, n, cfg->uploads_dir,
	    &p, &why) != PICTURE_OK) {
		fprintf(stderr, "homeserve-ctl: %s: %s\n", path, why);
		p = (struct picture){ "", 0, 0, 0, 0 };
	}
	return p;
}

/* Idempotent: accounts and services that exist are left alone. */
static int
cmd_seed(struct db *db, const struct config *cfg)
{
	struct service		*existing;
	struct service_input	 in;
	struct arena		*a = arena_new();
	int64_t			 id;
	size_t			 i, made = 0;

	for (i = 0; i < sizeof(sample_users) / sizeof(sample_users[0]); i++)
		if (account_create(db, &system_actor, &sample_users[i], &id) ==
		    ACCOUNT_OK) {
			made++;
			if (sample_users[i].role == ROLE_VENDOR)
				seed_vendor(db, a, id);
		}
	if (catalog_search(db, a, NULL, NULL, 1, &existing) == 0)
		for (i = 0; i < sizeof(sample_services) /
		    sizeof(sample_services[0]); i++, made++) {
			in = sample_services[i];
			in.image = seed_picture(db, a, cfg, in.category);
			catalog_create(db, &system_actor, &in);
		}
	arena_free(a);
	printf("seeded %zu new records\n", made);
	return 0;
}

static int
cmd_cleanup(struct db *db, const struct config *cfg)
{
	(void)cfg;
	printf("removed %lld expired sessions\n", (long long)session_purge(db));
	return 0;
}

/* Run from a timer every few minutes: expiry must not wait for a visit. */
static int
cmd_expire_signatures(struct db *db, const struct config *cfg)
{
	struct arena	*a = arena_new();
	size_t		 n;

	(void)cfg;
	n = settle_expire_signatures(db, a, clock_now());
	arena_free(a);
	printf("expired %zu signature request%s\n", n, n == 1 ? "" : "s");
	return 0;
}

static void
job_print(const char *name, size_t n, void *ctx)
{
	(void)ctx;
	printf("%s: %zu\n", name, n);
}

/*
 * One pass of the background worker, for hosts without long-running
 * processes (cron): the timed jobs, then every message due.
 */
static int
cmd_run_due(struct db *db, const struct config *cfg)
{
	struct arena	*a = arena_new();
	char		 host[64] = "localhost", tag[128];
	size_t		 n;

	(void)cfg;
	gethostname(host, sizeof(host) - 1);
	snprintf(tag, sizeof(tag), "%s/ctl/%d", host, (int)getpid());
	jobs_run(db, a, clock_now(), job_print, NULL);
	arena_reset(a);
	n = deliver_due(db, a, tag, clock_now, NULL);
	arena_free(a);
	printf("delivered: %zu\n", n);
	return 0;
}

/* Exit 0 when the audit chain holds, 1 at the first row that breaks it. */
static int
cmd_audit_verify(struct db *db, const struct config *cfg)
{
	struct audit_check	c;

	(void)cfg;
	audit_verify(db, &c);
	if (c.broken_id != 0) {
		printf("audit log BROKEN at row %lld: %s\n",
		    (long long)c.broken_id, c.why);
		return 1;
	}
	printf("audit log intact: %lld rows, last hash %s\n",
	    (long long)c.rows, c.head);
	return 0;
}

/* What a command needs loaded before it runs. */
#define NEEDS_MESSAGES	0x01	/* it may tell people: templates, the secret */
#define TAKES_NOW	0x02	/* --now=WHEN fixes its clock */

static const struct {
	const char	*name;
	const char	*help;
	int		(*run)(struct db *, const struct config *);
	unsigned	 needs;
} commands[] = {
	{ "migrate", "apply new sql/NNN_*.sql files", cmd_migrate, 0 },
	{ "seed", "add the sample accounts and services", cmd_seed, 0 },
	{ "cleanup", "remove expired sessions and old failed sign-ins",
	    cmd_cleanup, 0 },
	{ "expire-signatures", "close signature requests past their window",
	    cmd_expire_signatures, NEEDS_MESSAGES | TAKES_NOW },
	{ "run-due", "run the timed jobs, then deliver the messages due",
	    cmd_run_due, NEEDS_MESSAGES | TAKES_NOW },
	{ "audit-verify", "check the audit log's hash chain (exit 1 if "
	    "broken)", cmd_audit_verify, 0 },
};

/*
 * Commands on a directory, which open the database themselves (a
 * restore starts with none).
 */
static int
cmd_backup(const struct config *cfg, const char *dir)
{
	struct backup_summary	sum;
	char			err[512];

	if (backup_make(cfg->data_dir, dir, &sum, err, sizeof(err)) != 0) {
		fprintf(stderr, "homeserve-ctl: backup: %s\n", err);
		return 1;
	}
	printf("backed up %zu files, %lld bytes, into %s\n", sum.files,
	    (long long)sum.bytes, dir);
	return 0;
}

static int
cmd_restore(const struct config *cfg, const char *dir)
{
	struct backup_summary	sum;
	char			err[512];

	if (backup_restore(dir, cfg->data_dir, &sum, err, sizeof(err)) != 0) {
		fprintf(stderr, "homeserve-ctl: restore: %s\n", err);
		return 1;
	}
	printf("restored %zu files, %lld bytes, from %s into %s\n", sum.files,
	    (long long)sum.bytes, dir, cfg->data_dir);
	return 0;
}

static const struct {
	const char	*name;
	const char	*help;
	int		(*run)(const struct config *, const char *dir);
} dir_commands[] = {
	{ "backup", "copy the database, keys and uploads into DIR (new or "
	    "empty), online", cmd_backup },
	{ "restore", "put the backup in DIR back into an empty data "
	    "directory", cmd_restore },
};

static int
usage(void)
{
	size_t	i;

	fprintf(stderr, "usage: homeserve-ctl command [--now=WHEN]\n"
	    "       homeserve-ctl backup|restore DIR\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  %-18s %s\n", commands[i].name,
		    commands[i].help);
	for (i = 0; i < sizeof(dir_commands) / sizeof(dir_commands[0]); i++)
		fprintf(stderr, "  %-18s %s\n", dir_commands[i].name,
		    dir_commands[i].help);
	fprintf(stderr, "The database is $HOMESERVE_DATA/homeserve.db.  WHEN "
	    "(for expire-signatures and run-due)\nis @UTC-SECONDS or "
	    "YYYY-MM-DDTHH:MM in the display time zone: the commands act\n"
	    "as if it were then.\n");
	return 2;
}

/*
 * Templates and the server secret, for commands whose work tells people.
 * One run (from cron, every minute on shared hosting) renders a few
 * messages: the templates are parsed when first used.
 */
static void
messages_load(const struct config *cfg)
{
	tmpl_init_lazy(cfg->templates_dir);
	if (appkey_load(cfg->app_key_path))
		log_fatal("cannot read the server secret %s", cfg->app_key_path);
}

int
main(int argc, char *argv[])
{
	const struct config	*cfg = config_load();
	struct db		*db;
	int64_t			 when;
	size_t			 i;
	int			 rc;

	log_set_name("homeserve-ctl");
	httpclient_init();
	fmt_set_timezone(cfg->timezone);
	if (argc < 2 || argc > 3)
		return usage();
	for (i = 0; i < sizeof(dir_commands) / sizeof(dir_commands[0]); i++)
		if (strcmp(argv[1], dir_commands[i].name) == 0)
			return argc == 3 && argv[2][0] != '-' ?
			    dir_commands[i].run(cfg, argv[2]) : usage();
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0]))
		return usage();
	if (argc == 3) {
		if (!(commands[i].needs & TAKES_NOW) ||
		    strncmp(argv[2], "--now=", 6) != 0 ||
		    clock_parse(argv[2] + 6, &when) != 0)
			return usage();
		clock_set(when);
	}
	if (commands[i].needs & NEEDS_MESSAGES)
		messages_load(cfg);
	db = db_open(cfg->db_path, strcmp(argv[1], "migrate") == 0);
	rc = commands[i].run(db, cfg);
	db_close(db);
	return rc;
}
