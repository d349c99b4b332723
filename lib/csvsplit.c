/*
 * RFC 4180 record splitting in memory, as strict as libcsv in csvio.c:
 * a quote inside an unquoted field, or text after a closing quote, is
 * malformed.  Values are unquoted into one buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "csvsplit.h"

void
cs_csv_fields_init(struct cs_csv_fields *f)
{
	memset(f, 0, sizeof(*f));
	cs_buf_init(&f->buf);
}

void
cs_csv_fields_release(struct cs_csv_fields *f)
{
	if (f == NULL)
		return;
	free(f->val);
	free(f->len);
	free(f->off);
	cs_buf_release(&f->buf);
}

static void
field_end(struct cs_csv_fields *f, size_t start)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->val = cs_xreallocarray(f->val, f->cap, sizeof(char *));
		f->len = cs_xreallocarray(f->len, f->cap, sizeof(size_t));
		f->off = cs_xreallocarray(f->off, f->cap, sizeof(size_t));
	}
	f->off[f->n] = start;
	f->len[f->n] = f->buf.len - start;
	f->n++;
	cs_buf_addc(&f->buf, '\0');
}

int
cs_csv_split(const char *s, size_t n, struct cs_csv_fields *f)
{
	size_t i = 0, start, k;

	f->n = 0;
	cs_buf_reset(&f->buf);
	for (;;) {
		start = f->buf.len;
		if (i < n && s[i] == '"') {
			/* A quoted field: up to the lone closing quote. */
			for (i++;; i++) {
				if (i >= n)
					return 0;
				if (s[i] != '"') {
					cs_buf_addc(&f->buf, s[i]);
					continue;
				}
				if (i + 1 < n && s[i + 1] == '"') {
					cs_buf_addc(&f->buf, '"');
					i++;
					continue;
				}
				i++;
				break;
			}
			if (i < n && s[i] != ',')
				return -1;
		} else {
			k = i;
			while (i < n && s[i] != ',') {
				if (s[i] == '"')
					return -1;
				i++;
			}
			cs_buf_add(&f->buf, s + k, i - k);
		}
		field_end(f, start);
		if (i >= n)
			break;
		i++;			/* the comma */
	}
	for (k = 0; k < f->n; k++)
		f->val[k] = f->buf.s + f->off[k];
	return (int)f->n;
}
