/*
 * jsonfloor: the speed floor of NDJSON parsing for `make bench`.  Reads
 * FILE line by line (getline) and decodes each line with json_loadb, then
 * drops it; prints the number of objects.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long objects = 0;
	json_error_t err;
	json_t *j;
	FILE *fp;

	if (argc != 2) {
		fprintf(stderr, "usage: jsonfloor FILE\n");
		return 64;
	}
	fp = fopen(argv[1], "rb");
	if (fp == NULL) {
		fprintf(stderr, "jsonfloor: %s: %s\n", argv[1], strerror(errno));
		return 66;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		j = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES, &err);
		if (j == NULL) {
			fprintf(stderr, "jsonfloor: %s:%d: %s\n", argv[1],
			    err.line, err.text);
			return 65;
		}
		json_decref(j);
		objects++;
	}
	free(line);
	fclose(fp);
	printf("%ld\n", objects);
	return 0;
}
