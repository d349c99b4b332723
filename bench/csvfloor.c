/*
 * csvfloor: the speed floor of CSV parsing for `make bench`.  Parses
 * FILE with libcsv (strict mode, 64 KiB chunks) through callbacks that
 * do nothing, and prints the number of records.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void
on_field(void *s, size_t n, void *ctx)
{
	(void)s;
	(void)n;
	(void)ctx;
}

static void
on_record(int c, void *ctx)
{
	(void)c;
	(*(long *)ctx)++;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct csv_parser p;
	FILE *fp;
	size_t n;
	long records = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: csvfloor FILE\n");
		return 64;
	}
	fp = fopen(argv[1], "rb");
	if (fp == NULL) {
		fprintf(stderr, "csvfloor: %s: %s\n", argv[1], strerror(errno));
		return 66;
	}
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (csv_parse(&p, buf, n, on_field, on_record, &records) != n) {
			fprintf(stderr, "csvfloor: %s: %s\n", argv[1],
			    csv_strerror(csv_error(&p)));
			return 65;
		}
	}
	csv_fini(&p, on_field, on_record, &records);
	csv_free(&p);
	fclose(fp);
	printf("%ld\n", records);
	return 0;
}
