/* fmt.h: money (integer paise shown as rupees) and times (UTC seconds shown in local time). */
#ifndef HS_FMT_H
#define HS_FMT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct arena;

#define FMT_MAX_PAISE	((int64_t)100000000000)	/* ₹1,00,00,00,000 */
#define FMT_DECIMAL_MAX	32	/* fmt_rupees_decimal's output, NUL included */
#define FMT_ISO_MAX	40	/* fmt_time_iso_local's output, NUL included */
#define FMT_DAY_MAX	16	/* fmt_day_iso's output, NUL included */

void	 fmt_set_timezone(const char *);
char	*fmt_money(struct arena *, int64_t paise);
char	*fmt_rupees_input(struct arena *, int64_t paise);
int	 fmt_parse_money(const char *, int64_t *paise);
char	*fmt_time(struct arena *, int64_t utc);
char	*fmt_time_iso(struct arena *, int64_t utc);
char	*fmt_rupees_decimal(char out[FMT_DECIMAL_MAX], int64_t paise);
char	*fmt_time_iso_local(char out[FMT_ISO_MAX], int64_t utc);
int	 fmt_parse_local(const char *, int64_t *utc);
int	 fmt_parse_day(const char *, int64_t *start, int64_t *end);
char	*fmt_uint(char *, uint64_t, int width);
char	*fmt_day_iso(char out[FMT_DAY_MAX], int64_t utc);
char	*fmt_day(struct arena *, int64_t utc, int with_year);
int64_t	 fmt_local_days(int64_t utc);
char	*fmt_weekday_day(struct arena *, int64_t utc);

#ifdef __cplusplus
}
#endif

#endif
