/* mail.h: e-mail messages: RFC 5322 with MIME alternatives, sent over SMTP with libcurl or appended to an mbox file. */
#ifndef HS_MAIL_H
#define HS_MAIL_H

#include <stdint.h>

struct arena;
struct buf;

#define MAIL_ADDRESS_MAX	254

struct mail {
	const char	*from_name;	/* "HomeServe", or NULL */
	const char	*from;		/* addr-spec: no-reply@example.com */
	const char	*to;		/* addr-spec */
	const char	*subject;	/* UTF-8, any bytes: see mail_format */
	const char	*text;		/* UTF-8 body, LF or CRLF line ends */
	const char	*html;		/* UTF-8 HTML body; NULL: text only */
	const char	*message_id;	/* "local@domain", no angle brackets */
	int64_t		 date;		/* UTC seconds, for the Date header */
	const char	*list_unsubscribe; /* http(s) URL, or NULL */
};

/* 1 when s is a plain addr-spec we will put in a header or an SMTP envelope. */
int	 mail_address_valid(const char *s);
/*
 * A new Message-ID for mail from `from` (an addr-spec): "<32 hex
 * random>@<from's domain>", without angle brackets, in the arena;
 * "@localhost" when from is not a valid address.
 */
char	*mail_message_id(struct arena *, const char *from);
/*
 * The whole message, CRLF line ends, into out (appended).  0, or -1
 * (nothing appended) when from, to or message_id is invalid.  Control
 * characters in the subject and display name become spaces; anything
 * not printable ASCII is RFC 2047-encoded (invalid UTF-8 as U+FFFD); a
 * List-Unsubscribe URL that is not plain http(s) is left out.
 */
int	 mail_format(const struct mail *, struct buf *out);

struct mail_smtp {
	const char	*url;		/* smtp://host:587, smtps://user@host */
	const char	*password;	/* NULL: no AUTH */
	const char	*ca_file;	/* NULL: the system's CA store */
	long		 timeout_ms;	/* the whole transfer; 0: 30 s */
};

/*
 * Send one formatted message to one recipient.  0 when the server
 * accepted it (its reply to the end of DATA was 250); -1 otherwise.
 * Either way *reply is the server's last reply line ("250 2.0.0 Ok:
 * queued as 4BC1", "550 5.1.1 <x@y>: Recipient address rejected") or
 * NULL if none came, and on failure *error says what went wrong in one
 * sentence for logs and for an operations page (never the password).
 * Both live in the arena.  A password is only ever sent over TLS:
 * smtps://, or smtp:// with STARTTLS required.
 */
int	 mail_smtp_send(struct arena *, const struct mail_smtp *,
	    const char *from, const char *to, const struct buf *message,
	    const char **error, const char **reply);
/*
 * Append a formatted message to an mbox file (mboxrd: a "From " line
 * with the envelope sender and date, LF line ends, ">From " quoting of
 * any line matching ^>*From , a blank line after), created 0600, under
 * an exclusive flock, flushed and fsync'ed before returning 0; -1 with
 * *error (a static string, valid until the next call) when it cannot.
 */
int	 mail_mbox_append(const char *path, const char *from, int64_t date,
	    const struct buf *message, const char **error);

#endif
