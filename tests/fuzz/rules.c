/*
 * The rules loaders (lib/rules), fed a damaged rules file: a copy of
 * share/cs in a temporary directory in which the first byte of the input
 * picks the file and the rest replaces it.  A loader either loads (and
 * frees everything again) or fails with 69 and a message naming that
 * file; it never crashes or leaks.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "fuzz.h"

static const struct file {
	const char *name;
	int loader;
} files[] = {
	{ "catalog.json", 0 },
	{ "objections.json", 0 },
	{ "uscc.json", 0 },
	{ "masking.json", 0 },
	{ "aliases.csv", 0 },
	{ "calendar/cn.csv", 0 },
	{ "lists.json", 1 },
	{ "measures.json", 1 },
	{ "models/public-credit.json", 2 },
	{ "models/industry.json", 2 },
	{ "classes.json", 3 },
	{ "publicity.json", 4 },
	{ "sampling/general.json", 5 },
	{ "severity.json", 0 },
	{ "repair.json", 6 },
	{ "publish.json", 7 },
	{ "summary.json", 8 },
	{ "summary.css", 8 },
	{ "report.json", 9 },
	{ "report.css", 9 },
};
enum { NFILES = sizeof(files) / sizeof(files[0]) };

static char dir[4096];
static struct cs_buf orig[NFILES];

static void
slurp(const char *path, struct cs_buf *b)
{
	char buf[4096];
	ssize_t r;
	int fd = open(path, O_RDONLY);

	FUZZ_CHECK(fd >= 0, "%s: %s", path, strerror(errno));
	cs_buf_init(b);
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		cs_buf_add(b, buf, (size_t)r);
	FUZZ_CHECK(r == 0, "%s: %s", path, strerror(errno));
	close(fd);
}

static void
put(const char *name, const void *p, size_t n)
{
	char path[8192];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK(fd >= 0 && (n == 0 || write(fd, p, n) == (ssize_t)n),
	    "%s: %s", path, strerror(errno));
	close(fd);
}

static void
remove_dir(void)
{
	static const char *const sub[] = { "calendar", "models", "sampling" };
	char path[8192];
	size_t i;

	for (i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
		unlink(path);
	}
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, sub[i]);
		rmdir(path);
	}
	rmdir(dir);
}

/*
 * The copy of share/cs (the files the loaders read), made once, in
 * memory when /dev/shm is there: on a disk, every rewrite of a file
 * would be written back.
 */
static void
make_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[8192];
	size_t i;

	if (access("/dev/shm", W_OK) == 0)
		tmp = "/dev/shm";
	snprintf(dir, sizeof(dir), "%s/cs-fuzz-rules.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	FUZZ_CHECK(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	atexit(remove_dir);
	snprintf(path, sizeof(path), "%s/calendar", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/models", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/sampling", dir);
	mkdir(path, 0700);
	for (i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", CS_SRC_RULES,
		    files[i].name);
		slurp(path, &orig[i]);
		put(files[i].name, orig[i].s, orig[i].len);
	}
}

/* Run the loader of file f on dir: 0, or -1 with err. */
static int
load(const struct file *f, struct cs_error *err)
{
	struct cs_rules *ru = NULL;
	struct cs_lists *ls = NULL;
	struct cs_models *ms = NULL;
	struct cs_classes cl;
	struct cs_plan *p = NULL;
	struct cs_repair_rules *rp = NULL;
	struct cs_disclose dc;
	struct cs_report_rules rep;
	struct cs_summary_rules sr;
	char label[16];
	int r = -1;

	switch (f->loader) {
	case 0:
		r = cs_rules_load(&ru, dir, err);
		cs_rules_free(ru);
		break;
	case 1:
		/* The lists borrow the masking pattern of the rules. */
		r = cs_rules_load(&ru, dir, err);
		if (r == 0)
			r = cs_lists_load(&ls, ru, err);
		cs_lists_free(ls);
		cs_rules_free(ru);
		break;
	case 2:
		r = cs_models_load(&ms, dir, NULL, err);
		cs_models_free(ms);
		break;
	case 3:
		memset(&cl, 0, sizeof(cl));
		r = cs_classes_load(&cl, dir, err);
		cs_classes_release(&cl);
		break;
	case 4:
		/* publicity.json is read by the rules loader. */
		r = cs_rules_load(&ru, dir, err);
		cs_rules_free(ru);
		break;
	case 5:
		r = cs_plan_load(&p, dir, "general", err);
		if (r == 0) {
			free(cs_plan_class_list(p));
			cs_plan_period_label(p,
			    cs_days_from_civil(2026, 11, 27), label);
			FUZZ_CHECK(strncmp(label, "2026", 4) == 0, "period "
			    "label '%s'", label);
		}
		cs_plan_free(p);
		break;
	case 6:
		/* repair.json takes the rules' calendar and regimes. */
		r = cs_rules_load(&ru, dir, err);
		if (r == 0)
			r = cs_repair_rules_load(&rp, ru, err);
		cs_repair_rules_free(rp);
		cs_rules_free(ru);
		break;
	case 7:
		r = cs_disclose_load(&dc, dir, err);
		if (r == 0)
			cs_disclose_release(&dc);
		break;
	case 8:
		r = cs_summary_rules_load(&sr, dir, err);
		if (r == 0)
			cs_summary_rules_release(&sr);
		break;
	case 9:
		/* The credit report's sections and its stylesheet. */
		r = cs_report_rules_load(&rep, dir, err);
		if (r == 0)
			cs_report_rules_release(&rep);
		break;
	}
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct file *f;
	struct cs_error err;

	if (size == 0)
		return 0;
	if (dir[0] == '\0')
		make_dir();
	f = &files[data[0] % NFILES];
	put(f->name, data + 1, size - 1);
	memset(&err, 0, sizeof(err));
	if (load(f, &err) != 0) {
		FUZZ_CHECK(err.code == CS_EX_UNAVAILABLE, "%s: exit %d: %s",
		    f->name, err.code, err.msg);
		FUZZ_CHECK(strstr(err.msg, f->name) != NULL ||
		    strstr(err.file, f->name) != NULL,
		    "%s: the message does not name it: %s: %s", f->name,
		    err.file, err.msg);
	}
	put(f->name, orig[f - files].s, orig[f - files].len);
	return 0;
}
