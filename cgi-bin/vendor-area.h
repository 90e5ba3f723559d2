/* vendor-area.h: the vendor area's handlers, shared between its route table and page files. */
#ifndef HS_VENDOR_AREA_H
#define HS_VENDOR_AREA_H

#include <stddef.h>
#include <stdint.h>

struct web;

void	page_vendor_apply(struct web *);
void	page_vendor_application(struct web *);
void	page_vendor_application_submit(struct web *);
void	page_vendor_phone(struct web *);
void	page_vendor_phone_resend(struct web *);
void	page_vendor_documents(struct web *);
void	page_vendor_document(struct web *);
void	page_vendor_home(struct web *);
void	page_vendor_jobs(struct web *);
const char *vendor_board_waiting(struct web *, int64_t count);
void	page_vendor_booking(struct web *);
void	page_vendor_accept(struct web *);
void	page_vendor_decline(struct web *);
void	page_vendor_release(struct web *);
void	page_vendor_start(struct web *);
void	page_vendor_complete(struct web *);
void	page_vendor_message(struct web *);
void	page_vendor_calendar(struct web *);
void	page_vendor_profile(struct web *);

struct tmpl_dict;
void	vendor_categories_fill(struct web *, struct tmpl_dict *,
	    const char *const *chosen, size_t nchosen,
	    const char *const *held, size_t nheld);
int	vendor_category_choosable(struct web *, const char *,
	    const char *const *held, size_t nheld);

/* Show a job again with a problem next to the form it came from. */
struct vendor_job_errors {
	const char	*otp;		/* start code form */
	const char	*upload;	/* photo form */
	const char	*message;	/* thread form */
	const char	*draft;
	const char	*answer;	/* dispute answer form */
	const char	*answer_draft;
	const char	*release;	/* give-back form (vendor-release.c) */
	const char	*release_draft;
};
void	vendor_job_render(struct web *, int64_t, int status,
	    const struct vendor_job_errors *);
struct booking;
struct tmpl_dict;
void	vendor_release_fill(struct web *, struct tmpl_dict *,
	    const struct booking *);

#endif
