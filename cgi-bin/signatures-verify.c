/* signatures-verify.c: the public page that explains, command by command, how to verify a signed record offline with openssl. */
#include "booking-area.h"
#include "sign.h"
#include "web.h"

/*
 * GET /signatures/verify (anyone): the steps, the exact openssl 3
 * commands (t/99-signature-vault.t runs them as written here), and the
 * public key itself, to compare with the downloaded file.
 */
void
page_signature_verify(struct web *w)
{
	struct tmpl_dict	*d;

	d = web_page(w, "Verify a signed record offline",
	    "signature_verify.tpl");
	tmpl_set(d, "public_key", sign_public_pem());
	web_render(w, 200);
}
