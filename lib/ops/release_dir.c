/*
 * The directory of a release: its files created, hashed as written and
 * synced; their facts (SHA-256, bytes, rows); the checkpoint of the
 * ledger at the cut with its consistency proof, SHA256SUMS and the
 * manifest (last); and the directory made, synced and renamed into
 * place, with the latest link swapped to it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hash.h"
#include "ops/checkpoints.h"
#include "ops/release_internal.h"

/* The files of a release but its manifest, in the manifest's order. */
static const char *const release_files[] = {
	"checkpoint", "consistency", "delta.ndjson", "ended.csv",
	"inspections.csv", "licences.csv", "lists.csv", "penalties.csv",
	"repairs.csv", "withdrawn.csv", "SHA256SUMS"
};
enum { NFILES = CS_RELEASE_NFILES };
_Static_assert(sizeof(release_files) / sizeof(release_files[0]) == NFILES,
    "CS_RELEASE_NFILES counts release_files");

/* What failed on path (errno): a write is 74, anything else 73 unless
 * the disk is full or failing. */
static int
ioerr(struct cs_error *err, const char *path, const char *what)
{
	return cs_error_set(err, strcmp(what, "write") == 0 || errno ==
	    ENOSPC || errno == EIO ? CS_EX_IOERR : CS_EX_CANTCREAT, NULL, 0,
	    "cannot %s '%s': %s", what, path, strerror(errno));
}

static const char *
in_dir(struct build *b, const char *name)
{
	cs_fmt(b->path, sizeof(b->path), "%s/%s", b->dir, name);
	return b->path;
}

/* The index of name in release_files, or -1. */
static int
file_index(const char *name)
{
	int i;

	for (i = 0; i < NFILES; i++)
		if (strcmp(release_files[i], name) == 0)
			return i;
	return -1;
}

/*
 * Create the file name of the release: a file of release_files is
 * hashed as it is written, for the manifest.
 */
FILE *
cs_release_create(struct build *b, const char *name, struct cs_error *err)
{
	int i = file_index(name);
	FILE *fp = i >= 0 ? cs_hfile_create(in_dir(b, name),
	    &b->files[i].h) : fopen(in_dir(b, name), "wx");

	if (fp == NULL)
		ioerr(err, b->path, "create");
	return fp;
}

/*
 * Close w, the writer of the file name of the release: a write that
 * failed is reported with the file's path, unless err holds an earlier
 * error (then first is 0).
 */
int
cs_release_writer_close(struct build *b, struct cs_writer *w,
    const char *name, int first, struct cs_error *err)
{
	int i = file_index(name), e;

	if (cs_writer_close(w, NULL) == 0)
		return 0;
	/* The stream's error may be old: errno then says something else. */
	if (i >= 0 && (e = cs_hfile_error(&b->files[i].h)) != 0)
		errno = e;
	if (first)
		ioerr(err, in_dir(b, name), "write");
	return -1;
}

/* Flush, sync and close fp, the file name of the release. */
int
cs_release_finish(struct build *b, FILE *fp, const char *name,
    struct cs_error *err)
{
	int i = file_index(name), bad;

	if (i >= 0) {
		bad = cs_hfile_close(fp, &b->files[i].h) != 0;
		b->files[i].done = !bad;
	} else {
		bad = fflush(fp) != 0 || fsync(fileno(fp)) != 0;
		if (fclose(fp) != 0)
			bad = 1;
	}
	if (bad)
		return ioerr(err, in_dir(b, name), "write");
	return 0;
}

/* The data rows of the CSV file path. */
static int
csv_rows(const char *path, long *rows, struct cs_error *err)
{
	struct cs_read_opts o = { .format = CS_FMT_CSV };
	struct cs_reader *r;
	struct cs_row *row;
	int rc;

	*rows = 0;
	if (cs_reader_open(&r, path, &o, err) != 0)
		return -1;
	while ((rc = cs_reader_next(r, &row, err)) == 1)
		(*rows)++;
	cs_reader_close(r);
	return rc < 0 ? -1 : 0;
}

/* The rows of a records file written here, or -1. */
static long
known_rows(const struct build *b, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(b->known) / sizeof(b->known[0]); i++)
		if (b->known[i].name != NULL && strcmp(b->known[i].name,
		    name) == 0)
			return b->known[i].rows;
	return -1;
}

/*
 * The SHA-256 and size of the file path, and its rows: those of a file
 * written here were hashed and counted as it was written.
 */
static int
file_facts(const struct build *b, const char *path, const char *name,
    char hex[65], long *bytes, long *rows, struct cs_error *err)
{
	int i = file_index(name);
	size_t len = strlen(name);
	long known = known_rows(b, name);

	if (i < 0 || !b->files[i].done)
		return cs_release_file_facts(path, hex, bytes, rows, err);
	cs_hex(b->files[i].h.sha256, 32, hex);
	*bytes = b->files[i].h.bytes;
	*rows = -1;
	if (known >= 0)
		*rows = known;
	else if (len > 7 && strcmp(name + len - 7, ".ndjson") == 0)
		*rows = b->files[i].h.lines;
	else if (len > 4 && strcmp(name + len - 4, ".csv") == 0)
		return csv_rows(path, rows, err);
	return 0;
}

/* The SHA-256 (hex), bytes and, when lines, the lines of the file path. */
static int
hash_file(const char *path, char hex[65], long *bytes, long *lines,
    struct cs_error *err)
{
	struct cs_sha256_ctx *c;
	unsigned char buf[65536], h[32];
	size_t n;
	FILE *fp = fopen(path, "rb");
	int i;

	if (fp == NULL)
		return cs_error_set(err, CS_EX_NOINPUT, NULL, 0, "cannot open "
		    "'%s': %s", path, strerror(errno));
	c = cs_sha256_new();
	*bytes = 0;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		cs_sha256_update(c, buf, n);
		*bytes += (long)n;
		if (lines != NULL)
			for (size_t k = 0; k < n; k++)
				*lines += buf[k] == '\n';
	}
	fclose(fp);
	cs_sha256_final(c, h);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	return 0;
}

int
cs_release_file_facts(const char *path, char hex[65], long *bytes, long *rows,
    struct cs_error *err)
{
	size_t len = strlen(path);
	long lines = 0;

	if (hash_file(path, hex, bytes, &lines, err) != 0)
		return -1;
	*rows = -1;
	if (len > 7 && strcmp(path + len - 7, ".ndjson") == 0)
		*rows = lines;
	else if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
		return csv_rows(path, rows, err);
	return 0;
}

/* The SHA-256 of a rules file, into o under name; "" when absent. */
static void
rule_hash(json_t *o, const char *dir, const char *name)
{
	char path[PATH_MAX], hex[65];
	struct cs_error e;
	long bytes, rows;

	cs_fmt(path, sizeof(path), "%s/%s", dir, name);
	if (cs_release_file_facts(path, hex, &bytes, &rows, &e) == 0)
		json_object_set_new(o, name, json_string(hex));
}

void
cs_release_count(struct build *b, const char *key, const char *file)
{
	long rows = known_rows(b, file);
	struct cs_error e;

	if (rows < 0 && csv_rows(in_dir(b, file), &rows, &e) != 0)
		rows = 0;
	json_object_set_new(b->counts, key, json_integer(rows));
}

/* The checkpoint at the cut, and the proof that the previous one is its
 * start. */
int
cs_release_write_checkpoint(struct build *b, json_t *ledger,
    struct cs_error *err)
{
	const struct cs_release_in *in = b->in;
	struct cs_checkpoint cp, pcp;
	unsigned char root[32], head[32];
	struct cs_buf cb, pb;
	char hex[65], msg[768], path[PATH_MAX];
	size_t used;
	FILE *fp = NULL;
	int i, r = -1;

	memset(&cp, 0, sizeof(cp));
	memset(&pcp, 0, sizeof(pcp));
	cs_buf_init(&cb);
	cs_buf_init(&pb);
	if (cs_store_subtree(in->st, 0, in->cut, root, err) != 0 ||
	    cs_store_event_hash(in->st, in->cut, head, err) < 0 ||
	    cs_checkpoint_sign(in->origin, in->cut, root, in->key, &cb,
	    err) != 0)
		goto out;
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", head[i]);
	json_object_set_new(ledger, "origin", json_string(in->origin));
	json_object_set_new(ledger, "seq", json_integer(in->cut));
	json_object_set_new(ledger, "head", json_string(hex));
	fp = cs_release_create(b, "checkpoint", err);
	if (fp == NULL)
		goto out;
	fwrite(cb.s, 1, cb.len, fp);
	if (cs_release_finish(b, fp, "checkpoint", err) != 0)
		goto out;
	if (in->prev != NULL) {
		cs_fmt(path, sizeof(path), "%s/checkpoint", in->prev_dir);
		if (cs_checkpoint_load(path, &pcp, err) != 0 ||
		    cs_checkpoint_parse(&cp, cb.s, cb.len, "checkpoint", 1,
		    &used, err) != 0)
			goto out;
		r = cs_prove(in->st, 0, &pcp, &cp, &pb, msg, sizeof(msg), err);
		if (r > 0)
			cs_error_set(err, CS_EX_DATAERR, NULL, 0, "%s: %s", path,
			    msg);
		if (r != 0) {
			r = -1;
			goto out;
		}
		fp = cs_release_create(b, "consistency", err);
		if (fp == NULL)
			goto out;
		fwrite(pb.s, 1, pb.len, fp);
		if (cs_release_finish(b, fp, "consistency", err) != 0)
			goto out;
	}
	r = 0;
out:
	cs_checkpoint_release(&cp);
	cs_checkpoint_release(&pcp);
	cs_buf_release(&cb);
	cs_buf_release(&pb);
	return r;
}

/* SHA256SUMS, the manifest (last) and the body of the release event. */
int
cs_release_write_manifest(struct build *b, json_t *ledger,
    struct cs_release_out *out, struct cs_error *err)
{
	const struct cs_release_in *in = b->in;
	json_t *m = json_object(), *files = json_object(), *rules, *f, *prev;
	struct cs_buf sums, mb, kb;
	char hex[65], day[11];
	long bytes, rows;
	size_t i;
	FILE *fp;
	int r = -1;

	cs_buf_init(&sums);
	cs_buf_init(&mb);
	cs_buf_init(&kb);
	cs_date_format(in->as_of, day);
	for (i = 0; i < NFILES; i++) {
		if (strcmp(release_files[i], "SHA256SUMS") == 0) {
			fp = cs_release_create(b, "SHA256SUMS", err);
			if (fp == NULL)
				goto out;
			fwrite(sums.s, 1, sums.len, fp);
			if (cs_release_finish(b, fp, "SHA256SUMS", err) != 0)
				goto out;
		}
		if (access(in_dir(b, release_files[i]), F_OK) != 0)
			continue;
		if (file_facts(b, in_dir(b, release_files[i]), release_files[i],
		    hex, &bytes, &rows, err) != 0)
			goto out;
		f = json_object();
		json_object_set_new(f, "sha256", json_string(hex));
		json_object_set_new(f, "bytes", json_integer(bytes));
		if (rows >= 0) {
			json_object_set_new(f, "rows", json_integer(rows));
			out->rows += strcmp(release_files[i], "delta.ndjson") ?
			    rows : 0;
		}
		json_object_set_new(files, release_files[i], f);
		if (strcmp(release_files[i], "SHA256SUMS") != 0)
			cs_buf_addf(&sums, "%s  %s\n", hex, release_files[i]);
	}
	json_object_set_new(m, "format", json_string("cs-release/1"));
	json_object_set_new(m, "release_id", json_string(day));
	json_object_set_new(m, "as_of", json_string(day));
	prev = json_null();
	if (in->prev != NULL) {
		prev = json_object();
		json_object_set_new(prev, "release_id",
		    json_string(in->prev->release_id));
		json_object_set_new(prev, "manifest_sha256",
		    json_string(in->prev->manifest_sha256));
	}
	json_object_set_new(m, "previous", prev);
	json_object_set_new(m, "files", files);
	json_object_set_new(b->counts, "delta_add", json_integer(b->adds));
	json_object_set_new(b->counts, "delta_mod", json_integer(b->mods));
	json_object_set_new(b->counts, "delta_del", json_integer(b->dels));
	json_object_set(m, "counts", b->counts);
	json_object_set(m, "ledger", ledger);
	rules = json_object();
	rule_hash(rules, in->ru->dir, "publicity.json");
	rule_hash(rules, in->ru->dir, "masking.json");
	rule_hash(rules, in->ru->dir, "publish.json");
	rule_hash(rules, in->ru->dir, "lists.json");
	rule_hash(rules, in->ru->dir, "calendar/cn.csv");
	json_object_set_new(m, "rules", rules);
	json_object_set_new(m, "headers", json_string(in->style == CS_HDR_CN ?
	    "cn" : in->style == CS_HDR_CODES ? "codes" : "canonical"));
	cs_key_format(in->key, 0, &kb);
	while (kb.len > 0 && kb.s[kb.len - 1] == '\n')
		kb.len--;
	cs_buf_addc(&kb, '\0');
	json_object_set_new(m, "checkpoint_key", json_string(kb.s));
	if (cs_canon_json(m, &mb) != 0) {
		cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "cannot write the "
		    "manifest");
		goto out;
	}
	cs_buf_addc(&mb, '\n');
	fp = cs_release_create(b, "manifest.json", err);
	if (fp == NULL)
		goto out;
	fwrite(mb.s, 1, mb.len, fp);
	if (cs_release_finish(b, fp, "manifest.json", err) != 0)
		goto out;
	cs_sha256_hex(mb.s, mb.len, out->manifest_sha256);
	r = 0;
out:
	json_decref(m);
	cs_buf_release(&sums);
	cs_buf_release(&mb);
	cs_buf_release(&kb);
	return r;
}

int
cs_release_dir_make(const char *root, char *tmp, size_t n,
    struct cs_error *err)
{
	if (mkdir(root, 0777) != 0 && errno != EEXIST)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create '%s': %s", root, strerror(errno));
	cs_fmt(tmp, n, "%s/.release-XXXXXX", root);
	if (mkdtemp(tmp) == NULL)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create a directory in '%s': %s", root, strerror(errno));
	chmod(tmp, 0755 & ~0);
	return 0;
}

void
cs_release_dir_discard(const char *tmp)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(tmp);

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			cs_fmt(path, sizeof(path), "%s/%s", tmp, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(tmp);
}

static int
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
cs_release_dir_commit(const char *root, const char *tmp, const char *id,
    struct cs_error *err)
{
	char dst[PATH_MAX], link[PATH_MAX], ltmp[PATH_MAX];

	cs_fmt(dst, sizeof(dst), "%s/%s", root, id);
	if (sync_dir(tmp) != 0)
		return cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot sync "
		    "'%s': %s", tmp, strerror(errno));
	if (access(dst, F_OK) == 0)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "release "
		    "'%s' exists: a release is never written over", dst);
	if (rename(tmp, dst) != 0)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "rename '%s' to '%s': %s", tmp, dst, strerror(errno));
	cs_fmt(link, sizeof(link), "%s/latest", root);
	cs_fmt(ltmp, sizeof(ltmp), "%s/.latest.%ld", root, (long)getpid());
	unlink(ltmp);
	if (symlink(id, ltmp) != 0 || rename(ltmp, link) != 0) {
		unlink(ltmp);
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "point '%s' at '%s': %s", link, id, strerror(errno));
	}
	if (sync_dir(root) != 0)
		return cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot sync "
		    "'%s': %s", root, strerror(errno));
	return 0;
}
