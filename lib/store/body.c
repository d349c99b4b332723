/*
 * Ledger bodies into field sets: the reverse of cs_fields_json.
 */
#include <jansson.h>
#include <string.h>

#include "store/body.h"

int
cs_fields_from_json(struct cs_fields *f, const void *obj)
{
	const json_t *o = obj;
	const char *k, *xk;
	json_t *v, *xv;
	int c;

	cs_fields_clear(f);
	if (!json_is_object(o))
		return -1;
	json_object_foreach((json_t *)o, k, v) {
		if (strcmp(k, "extra") == 0 && json_is_object(v)) {
			json_object_foreach(v, xk, xv) {
				if (!json_is_string(xv))
					return -1;
				cs_fields_put_extra(f, xk,
				    json_string_value(xv),
				    json_string_length(xv));
			}
			continue;
		}
		c = cs_schema_find(f->sc, k);
		if (c < 0 || !json_is_string(v))
			return -1;
		cs_fields_put(f, c, json_string_value(v),
		    json_string_length(v));
	}
	return 0;
}
