/* deliver.c: one delivery attempt per claimed message, through the provider each channel is configured with, logged in one line. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <jansson.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "deliver.h"
#include "fmt.h"
#include "httpclient.h"
#include "log.h"
#include "mail.h"
#include "outbox.h"

enum send_result {
	SEND_OK,
	SEND_FAILED,
};

/* What an attempt came to: the detail is the error, or the answer. */
struct sent {
	const char	*detail;
	const char	*provider_id;
};

static struct {
	const char	*smtp_password;
	const char	*sms_account;
	const char	*sms_token;
	int		 loaded;
} secrets;

void
deliver_init(void)
{
	if (secrets.loaded)
		return;
	secrets.smtp_password = config_secret("keys/smtp_password");
	secrets.sms_account = config_secret("keys/sms_account");
	secrets.sms_token = config_secret("keys/sms_token");
	secrets.loaded = 1;
	if (config_load()->sms_url != NULL && (secrets.sms_account == NULL ||
	    secrets.sms_token == NULL))
		log_warn("deliver: HOMESERVE_SMS_URL is set but keys/sms_account "
		    "or keys/sms_token is missing");
}

/* A line appended to a log file standing in for a provider. */
static enum send_result
log_append(const char *path, const char *line, struct sent *out)
{
	size_t	len = strlen(line), off = 0;
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	    0600)) < 0 || flock(fd, LOCK_EX) != 0) {
		out->detail = strerror(errno);
		if (fd >= 0)
			close(fd);
		return SEND_FAILED;
	}
	while (off < len && ((n = write(fd, line + off, len - off)) > 0 ||
	    (n < 0 && errno == EINTR)))
		off += n > 0 ? (size_t)n : 0;
	if (off < len || fsync(fd) != 0) {
		out->detail = strerror(errno);
		close(fd);
		return SEND_FAILED;
	}
	close(fd);
	return SEND_OK;
}

/* One line: the time, the recipient and the text, its line breaks as spaces. */
static const char *
log_line(struct arena *a, int64_t now, const char *to, const char *text)
{
	char	*t = arena_strdup(a, text), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return arena_printf(a, "%s %s %s\n", fmt_time_iso(a, now), to, t);
}

/* "250 2.0.0 Ok: queued as 4BC1" gives "4BC1"; else the Message-ID. */
static const char *
smtp_queue_id(struct arena *a, const char *reply, const char *message_id)
{
	const char	*q = reply != NULL ? strstr(reply, "queued as ") : NULL;
	size_t		 n;

	if (q == NULL)
		return message_id;
	q += 10;
	n = strcspn(q, " ");
	return n > 0 && n <= 100 ? arena_strndup(a, q, n) : message_id;
}

static enum send_result
send_email(struct arena *a, const struct outbox_item *m, int64_t now,
    struct sent *out)
{
	const struct config	*cfg = config_load();
	struct mail		 mail = { cfg->mail_from_name, cfg->mail_from,
				    m->recipient, m->subject, m->text, m->html,
				    m->message_id, now, m->unsubscribe_url };
	struct mail_smtp	 smtp = { cfg->smtp_url, secrets.smtp_password,
				    cfg->smtp_ca_file, cfg->delivery_timeout_ms };
	struct buf		 msg = { NULL, 0, 0 };
	const char		*error = NULL, *reply = NULL;
	int			 rc;

	if (mail_format(&mail, &msg) != 0) {
		out->detail = "the sender or the recipient address is not "
		    "usable in an email";
		return SEND_FAILED;
	}
	if (cfg->smtp_url != NULL)
		rc = mail_smtp_send(a, &smtp, cfg->mail_from, m->recipient, &msg,
		    &error, &reply);
	else
		rc = mail_mbox_append(cfg->mbox_path, cfg->mail_from, now, &msg,
		    &error);
	buf_free(&msg);
	if (rc != 0) {
		out->detail = arena_strdup(a, error != NULL ? error :
		    "the message could not be delivered");
		return SEND_FAILED;
	}
	out->detail = cfg->smtp_url != NULL ? (reply != NULL ? reply :
	    "accepted") : "appended to the mbox";
	out->provider_id = cfg->smtp_url != NULL ? smtp_queue_id(a, reply,
	    m->message_id) : m->message_id;
	return SEND_OK;
}

/* The provider's own words from a JSON answer: "sid", or "message". */
static const char *
json_field(struct arena *a, const char *body, const char *name)
{
	json_t		*root = json_loads(body, JSON_REJECT_DUPLICATES, NULL);
	const char	*v = NULL, *s;

	if (root != NULL && json_is_string(json_object_get(root, name))) {
		s = json_string_value(json_object_get(root, name));
		v = arena_strndup(a, s, strnlen(s, 200));
	}
	json_decref(root);
	return v;
}

/* One try, no retries of its own: the outbox's back-off does that. */
static enum send_result
http_post(struct arena *a, struct httpclient_request *rq, struct sent *out)
{
	struct httpclient_response	res;
	const char			*message;

	rq->method = "POST";
	rq->attempts = 1;
	rq->timeout_ms = config_load()->delivery_timeout_ms;
	if (httpclient_send(a, rq, &res) != HTTPCLIENT_ANSWERED) {
		out->detail = res.error != NULL ? res.error : "no answer";
		return SEND_FAILED;
	}
	if (res.status < 200 || res.status > 299) {
		message = json_field(a, res.body, "message");
		out->detail = arena_printf(a, "the server answered %d%s%s",
		    res.status, message != NULL ? ": " : "",
		    message != NULL ? message : "");
		return SEND_FAILED;
	}
	out->provider_id = json_field(a, res.body, "sid");
	out->detail = arena_printf(a, "answered %d", res.status);
	return SEND_OK;
}

static enum send_result
send_sms(struct arena *a, const struct outbox_item *m, int64_t now,
    struct sent *out)
{
	const struct config		*cfg = config_load();
	struct httpclient_field		 fields[3];
	struct httpclient_request	 rq;

	if (cfg->sms_url == NULL) {
		out->detail = "written to the SMS log";
		return log_append(cfg->sms_log_path, log_line(a, now,
		    m->recipient, m->text), out);
	}
	fields[0] = (struct httpclient_field){ "To", m->recipient };
	fields[1] = (struct httpclient_field){ "From", cfg->sms_from };
	fields[2] = (struct httpclient_field){ "Body", m->text };
	memset(&rq, 0, sizeof(rq));
	rq.url = cfg->sms_url;
	rq.basic_user = secrets.sms_account;
	rq.basic_password = secrets.sms_token;
	rq.idempotency_key = arena_printf(a, "homeserve-outbox-%lld",
	    (long long)m->id);
	rq.fields = fields;
	rq.nfields = 3;
	return http_post(a, &rq, out);
}

static enum send_result
send_chat(struct arena *a, const struct outbox_item *m, int64_t now,
    struct sent *out)
{
	const struct config		*cfg = config_load();
	struct httpclient_request	 rq;
	json_t				*body;
	char				*json;
	enum send_result		 rc;

	if (cfg->chat_url == NULL) {
		out->detail = "written to the chat log";
		return log_append(cfg->chat_log_path, log_line(a, now, "chat",
		    m->text), out);
	}
	body = json_pack("{s:s}", "text", m->text);
	if (body == NULL || (json = json_dumps(body, JSON_COMPACT)) == NULL)
		log_fatal("deliver: cannot encode a chat message");
	json_decref(body);
	memset(&rq, 0, sizeof(rq));
	rq.url = cfg->chat_url;
	rq.log_name = "the staff chat webhook";	/* its URL is a secret */
	rq.body = arena_strdup(a, json);
	rq.content_type = "application/json; charset=utf-8";
	free(json);
	rc = http_post(a, &rq, out);
	out->provider_id = NULL;
	return rc;
}

static const struct {
	enum send_result	(*send)(struct arena *, const struct outbox_item *,
				    int64_t, struct sent *);
} senders[OUTBOX_CHANNEL__MAX] = {
	[OUTBOX_EMAIL] = { send_email },
	[OUTBOX_SMS] = { send_sms },
	[OUTBOX_CHAT] = { send_chat },
};

/*
 * Claim one due message, send it, record the attempt: 1, or 0 when
 * nothing was due.  A sending failure is the outbox's to retry; it is
 * never fatal here.
 */
int
deliver_one(struct db *db, struct arena *a, const char *worker, int64_t now)
{
	struct outbox_item	m;
	struct sent		out = { NULL, NULL };
	enum send_result	rc;

	deliver_init();
	if (!outbox_claim(db, a, worker, now, &m))
		return 0;
	rc = senders[m.channel].send(a, &m, now, &out);
	log_info("outbox: #%lld %s (%s) to %s, attempt %lld: %s: %s",
	    (long long)m.id, outbox_channel_name(m.channel),
	    outbox_kind_name(m.kind), outbox_recipient_masked(a, &m),
	    (long long)m.attempts, rc == SEND_OK ? "sent" : "failed",
	    out.detail != NULL ? out.detail : "");
	outbox_record(db, a, &m, worker, now, rc == SEND_OK, out.detail,
	    out.provider_id);
	return 1;
}

/*
 * Everything due, one message at a time, until none is left or *stop
 * is set; the arena is reset after each.  Returns how many were handled.
 */
size_t
deliver_due(struct db *db, struct arena *a, const char *worker,
    int64_t (*now)(void), volatile sig_atomic_t *stop)
{
	size_t	n = 0;

	while ((stop == NULL || !*stop) && deliver_one(db, a, worker, now())) {
		arena_reset(a);
		n++;
	}
	arena_reset(a);
	return n;
}
