/*
 * Checking releases and the run around them: verify a release directory
 * (files, manifest chain, checkpoint), compare two byte for byte, find
 * the event behind a published row; the compliance list (due) and the
 * lateness figures per authority and month.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "ops/checkpoints.h"
#include "ops/release.h"

static char *
slurp(const char *path, size_t *n)
{
	struct cs_buf b;
	char buf[65536];
	size_t k;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return NULL;
	cs_buf_init(&b);
	while ((k = fread(buf, 1, sizeof(buf), fp)) > 0)
		cs_buf_add(&b, buf, k);
	fclose(fp);
	*n = b.len;
	cs_buf_addc(&b, '\0');
	return b.s;
}

static int
differ(struct cs_release_check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
differ(struct cs_release_check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	return 1;
}

/* Every file of the manifest, SHA256SUMS, and no file more. */
static int
check_files(const char *dir, const json_t *files, struct cs_release_check *c,
    struct cs_error *err)
{
	const json_t *f;
	const char *name;
	char path[PATH_MAX], hex[65], line[PATH_MAX], *sums;
	struct dirent *e;
	long bytes, rows;
	size_t n;
	DIR *d;

	json_object_foreach((json_t *)files, name, f) {
		cs_fmt(path, sizeof(path), "%s/%s", dir, name);
		if (cs_release_file_facts(path, hex, &bytes, &rows, err) != 0) {
			if (err->code == CS_EX_NOINPUT)
				return differ(c, "%s: missing", name);
			return differ(c, "%s: %s", name, err->msg);
		}
		if (strcmp(hex, json_string_value(json_object_get(f,
		    "sha256")) ? json_string_value(json_object_get(f,
		    "sha256")) : "") != 0)
			return differ(c, "%s: sha256 %s, the manifest says %s",
			    name, hex, json_string_value(json_object_get(f,
			    "sha256")));
		if (bytes != json_integer_value(json_object_get(f, "bytes")))
			return differ(c, "%s: %ld bytes, the manifest says "
			    "%lld", name, bytes, json_integer_value(
			    json_object_get(f, "bytes")));
		if (rows >= 0 && rows != json_integer_value(json_object_get(f,
		    "rows")))
			return differ(c, "%s: %ld rows, the manifest says %lld",
			    name, rows, json_integer_value(json_object_get(f,
			    "rows")));
		c->files++;
		if (strcmp(name, "SHA256SUMS") == 0)
			continue;
		cs_fmt(line, sizeof(line), "%s  %s\n", hex, name);
		cs_fmt(path, sizeof(path), "%s/SHA256SUMS", dir);
		sums = slurp(path, &n);
		if (sums == NULL || strstr(sums, line) == NULL) {
			free(sums);
			return differ(c, "SHA256SUMS: no line '%s  %s'", hex,
			    name);
		}
		free(sums);
	}
	d = opendir(dir);
	if (d == NULL)
		return differ(c, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0
		    || strcmp(e->d_name, "manifest.json") == 0)
			continue;
		if (json_object_get(files, e->d_name) == NULL) {
			differ(c, "%s: not in the manifest", e->d_name);
			closedir(d);
			return 1;
		}
	}
	closedir(d);
	return 0;
}

static int
load_manifest(const char *dir, json_t **m, char sha[65], struct cs_error *err)
{
	char path[PATH_MAX];
	json_error_t je;
	size_t n;
	char *s;

	cs_fmt(path, sizeof(path), "%s/manifest.json", dir);
	s = slurp(path, &n);
	if (s == NULL)
		return cs_error_set(err, CS_EX_NOINPUT, NULL, 0, "cannot open "
		    "'%s': %s", path, strerror(errno));
	cs_sha256_hex(s, n, sha);
	*m = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
	free(s);
	if (*m == NULL || !json_is_object(json_object_get(*m, "files")))
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "%s: not a "
		    "release manifest%s%s", path, *m == NULL ? ": " : "",
		    *m == NULL ? je.text : "");
	return 0;
}

/* The checkpoint of dir, signed by k, of the tree of size. */
static int
check_checkpoint(const char *dir, const struct cs_key *k, long size,
    struct cs_checkpoint *cp, struct cs_release_check *c,
    struct cs_error *err)
{
	char path[PATH_MAX];

	cs_fmt(path, sizeof(path), "%s/checkpoint", dir);
	if (cs_checkpoint_load(path, cp, err) != 0)
		return differ(c, "checkpoint: %s", err->msg);
	if (!cs_checkpoint_signed(cp, k))
		return differ(c, "checkpoint: not signed by the key '%s'",
		    k->name);
	if (cp->size != size)
		return differ(c, "checkpoint: tree size %ld, the manifest says "
		    "ledger seq %ld", cp->size, size);
	return 0;
}

/* The chain to the previous release and the consistency proof. */
static int
check_previous(const char *dir, const char *prev_dir, const json_t *m,
    const struct cs_key *k, const struct cs_checkpoint *cp,
    struct cs_release_check *c, struct cs_error *err)
{
	const json_t *prev = json_object_get(m, "previous");
	struct cs_checkpoint pcp;
	struct cs_proof p;
	json_t *pm = NULL;
	char sha[65], path[PATH_MAX], msg[768];
	int r = 1;

	memset(&pcp, 0, sizeof(pcp));
	if (!json_is_object(prev))
		return differ(c, "manifest.json: no previous release, but "
		    "--previous was given");
	if (load_manifest(prev_dir, &pm, sha, err) != 0)
		return -1;
	if (strcmp(sha, json_string_value(json_object_get(prev,
	    "manifest_sha256"))) != 0) {
		differ(c, "%s/manifest.json: sha256 %s, the manifest's "
		    "previous is %s", prev_dir, sha, json_string_value(
		    json_object_get(prev, "manifest_sha256")));
		goto out;
	}
	cs_fmt(path, sizeof(path), "%s/checkpoint", prev_dir);
	if (cs_checkpoint_load(path, &pcp, err) != 0) {
		differ(c, "%s", err->msg);
		goto out;
	}
	cs_fmt(path, sizeof(path), "%s/consistency", dir);
	if (cs_proof_load(path, &p, err) != 0) {
		differ(c, "consistency: %s", err->msg);
		goto out;
	}
	if (p.ncp != 2 || p.cp[0].notelen != pcp.notelen || memcmp(
	    p.cp[0].note, pcp.note, pcp.notelen) != 0 || p.cp[1].notelen !=
	    cp->notelen || memcmp(p.cp[1].note, cp->note, cp->notelen) != 0)
		differ(c, "consistency: not a proof between the checkpoints of "
		    "'%s' and '%s'", prev_dir, dir);
	else if (cs_proof_check(&p, k, msg, sizeof(msg)) != 0)
		differ(c, "consistency: %s", msg);
	else
		r = 0;
	cs_proof_release(&p);
out:
	cs_checkpoint_release(&pcp);
	json_decref(pm);
	return r;
}

int
cs_release_verify(const char *dir, const char *prev_dir,
    const struct cs_key *pubkey, struct cs_release_check *c,
    struct cs_error *err)
{
	const json_t *key, *prev;
	struct cs_checkpoint cp;
	struct cs_key k;
	json_t *m = NULL;
	char sha[65];
	int r;

	memset(c, 0, sizeof(*c));
	memset(&cp, 0, sizeof(cp));
	if (load_manifest(dir, &m, sha, err) != 0)
		return -1;
	cs_fmt(c->release_id, sizeof(c->release_id), "%s", json_string_value(
	    json_object_get(m, "release_id")) ? json_string_value(
	    json_object_get(m, "release_id")) : "");
	prev = json_object_get(m, "previous");
	if (json_is_object(prev))
		cs_fmt(c->previous, sizeof(c->previous), "%s",
		    json_string_value(json_object_get(prev, "release_id")));
	cs_fmt(c->headers, sizeof(c->headers), "%s", json_is_string(
	    json_object_get(m, "headers")) ? json_string_value(
	    json_object_get(m, "headers")) : "cn");
	c->cut = (long)json_integer_value(json_object_get(json_object_get(m,
	    "ledger"), "seq"));
	key = json_object_get(m, "checkpoint_key");
	if (!json_is_string(key) || cs_key_parse(&k, json_string_value(key),
	    json_string_length(key), err) != 0) {
		r = differ(c, "manifest.json: checkpoint_key is not a key");
		goto out;
	}
	if (pubkey != NULL && memcmp(pubkey->pub, k.pub, 32) != 0) {
		r = differ(c, "manifest.json: checkpoint_key is not the key "
		    "'%s' given", pubkey->name);
		goto out;
	}
	r = check_files(dir, json_object_get(m, "files"), c, err);
	if (r == 0)
		r = check_checkpoint(dir, &k, c->cut, &cp, c, err);
	if (r == 0 && prev_dir != NULL)
		r = check_previous(dir, prev_dir, m, &k, &cp, c, err);
out:
	cs_checkpoint_release(&cp);
	json_decref(m);
	return r;
}

int
cs_release_compare(const char *dir, const char *dir2, char *msg, size_t n)
{
	char p1[PATH_MAX], p2[PATH_MAX];
	char *a, *b;
	size_t na, nb, i;
	struct dirent *e;
	DIR *d = opendir(dir2);
	int r = 0;

	if (d == NULL) {
		cs_fmt(msg, n, "%s: %s", dir2, strerror(errno));
		return 1;
	}
	while (r == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		cs_fmt(p1, sizeof(p1), "%s/%s", dir, e->d_name);
		cs_fmt(p2, sizeof(p2), "%s/%s", dir2, e->d_name);
		a = slurp(p1, &na);
		b = slurp(p2, &nb);
		if (a == NULL) {
			cs_fmt(msg, n, "%s: missing; the store's release has "
			    "it", e->d_name);
			r = 1;
		} else if (b != NULL && (na != nb || memcmp(a, b, na) != 0)) {
			for (i = 0; i < na && i < nb && a[i] == b[i]; i++)
				;
			cs_fmt(msg, n, "%s: differs from the store's release "
			    "at byte %zu", e->d_name, i + 1);
			r = 1;
		}
		free(a);
		free(b);
	}
	closedir(d);
	return r;
}

int
cs_release_row_seq(const char *dir, const char *id, long *seq, char *file,
    size_t n, struct cs_error *err)
{
	static const char *const files[] = { "licences.csv", "penalties.csv" };
	struct cs_read_opts o = { .format = CS_FMT_CSV };
	struct cs_reader *r;
	struct cs_row *row;
	char path[PATH_MAX];
	long col;
	size_t i;
	int rc;

	for (i = 0; i < 2; i++) {
		cs_fmt(path, sizeof(path), "%s/%s", dir, files[i]);
		if (cs_reader_open(&r, path, &o, err) != 0)
			return -1;
		col = cs_header_find(cs_reader_header(r), "seq");
		while (col >= 0 && (rc = cs_reader_next(r, &row, err)) == 1)
			if (row->n > (size_t)col && strcmp(row->val[0], id) ==
			    0) {
				*seq = strtol(row->val[col], NULL, 10);
				cs_fmt(file, n, "%s", files[i]);
				cs_reader_close(r);
				return 1;
			}
		cs_reader_close(r);
		if (col >= 0 && rc < 0)
			return -1;
	}
	return 0;
}
