/* admin-area.h: the super admin area's handlers, shared between its route table and page files. */
#ifndef HS_ADMIN_AREA_H
#define HS_ADMIN_AREA_H

#include <stddef.h>
#include <stdint.h>

struct tmpl_dict;
struct web;

void	page_admin_services(struct web *);
void	page_admin_service_new(struct web *);
void	page_admin_service_edit(struct web *);
void	page_admin_service_deactivate(struct web *);
void	page_admin_service_activate(struct web *);
void	page_admin_categories(struct web *);
void	page_admin_category_edit(struct web *);
void	page_admin_audit(struct web *);
void	page_admin_audit_verify(struct web *);
void	page_admin_settings(struct web *);
void	page_admin_users(struct web *);
void	page_admin_user(struct web *);
void	page_admin_user_new(struct web *);
void	page_admin_user_block(struct web *);
void	page_admin_user_unblock(struct web *);
void	page_admin_user_role(struct web *);
void	page_admin_user_reset_password(struct web *);
void	page_admin_export(struct web *);
void	page_admin_export_csv(struct web *);
void	audit_rows_fill(struct web *, struct tmpl_dict *, size_t limit);

#endif
