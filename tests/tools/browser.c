/*
 * browser: load a page in Debian's headless Chromium and report what a
 * reader would see, for the tests of the pages cs writes (credit reports,
 * the monthly summary).  It talks the DevTools protocol over
 * --remote-debugging-pipe (NUL-separated JSON on fds 3 and 4), so that it
 * sees every console message, log entry and exception of the page, not
 * only what Chromium's own logging happens to print.
 *
 *   browser [--png=FILE] [--pdf=FILE] [--ink=SELECTOR] [--fonts=SELECTOR]
 *           [--timeout=SEC] PAGE
 *
 * stdout, one line each:
 *   console LEVEL: TEXT      every console message, log entry and uncaught
 *                            exception, LEVEL error|warning|info|log|...;
 *                            a request to the network (blocked) is an error
 *   ink N ID WxH PIXELS      with --ink: per element matching SELECTOR, the
 *                            pixels of its box in a screenshot that are not
 *                            white (any channel below 240)
 *   font FAMILY GLYPHS       with --fonts: the fonts the text of the
 *                            elements matching SELECTOR was drawn with
 *                            (the platform's, not the CSS wish), by family
 * Exit 0: loaded, no error-level line; 1: an error-level line; 2: usage;
 * 3: the browser could not be started, died or timed out.  Like the bench
 * programs it talks to its libraries directly: it is not lib/.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { WIDTH = 794, HEIGHT = 1123 };

static pid_t child = -1;
static const char *exe = "chromium";
static int to_fd = -1, from_fd = -1;
static char profile[] = "/tmp/cs-browser.XXXXXX";
static char *inbuf;
static size_t inlen, incap;
static long next_id = 1;
static double deadline;
static const char *session;
static int errors;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
cleanup(void)
{
	int status;

	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
		child = -1;
	}
	if (profile[sizeof(profile) - 7] != 'X') {
		pid_t p = fork();

		if (p == 0) {
			execlp("rm", "rm", "-rf", profile, (char *)NULL);
			_exit(127);
		}
		if (p > 0)
			waitpid(p, &status, 0);
	}
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static _Noreturn void
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("browser: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cleanup();
	exit(3);
}

static void
start(void)
{
	int down[2], up[2];
	char dir[64];

	if (mkdtemp(profile) == NULL)
		fail("cannot make a profile directory: %s", strerror(errno));
	if (pipe(down) != 0 || pipe(up) != 0)
		fail("pipe: %s", strerror(errno));
	child = fork();
	if (child < 0)
		fail("fork: %s", strerror(errno));
	if (child == 0) {
		int devnull = open("/dev/null", O_RDWR);

		/* fd 3: commands to the browser; fd 4: its answers. */
		if (dup2(down[0], 3) < 0 || dup2(up[1], 4) < 0)
			_exit(127);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
			if (getenv("CS_BROWSER_LOG") == NULL)
				dup2(devnull, 2);
		}
		for (int fd = 5; fd < 64; fd++)
			close(fd);
		snprintf(dir, sizeof(dir), "--user-data-dir=%s", profile);
		execlp(exe, exe, "--headless=new", "--no-sandbox",
		    "--disable-gpu", "--hide-scrollbars", "--mute-audio",
		    "--no-first-run", "--no-default-browser-check",
		    "--disable-extensions", "--disable-background-networking",
		    "--disable-component-update", "--disable-sync",
		    "--host-resolver-rules=MAP * ~NOTFOUND",
		    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
		    "--remote-debugging-pipe", dir, "about:blank",
		    (char *)NULL);
		_exit(127);
	}
	close(down[0]);
	close(up[1]);
	to_fd = down[1];
	from_fd = up[0];
	signal(SIGPIPE, SIG_IGN);
}

/* The browser's pipe closed: say why, as far as its exit tells. */
static _Noreturn void
died(void)
{
	int status = 0;

	if (child > 0 && waitpid(child, &status, 0) == child) {
		child = -1;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			fail("cannot run %s (make deps installs Debian's "
			    "chromium)", exe);
	}
	fail("%s ended before the page was done (CS_BROWSER_LOG=1 shows "
	    "its stderr)", exe);
}

/* The next NUL-terminated message from the browser, parsed. */
static json_t *
receive(void)
{
	for (;;) {
		char *nul = inlen ? memchr(inbuf, '\0', inlen) : NULL;

		if (nul != NULL) {
			size_t n = (size_t)(nul - inbuf) + 1;
			json_error_t je;
			json_t *m = json_loadb(inbuf, n - 1, 0, &je);

			memmove(inbuf, inbuf + n, inlen - n);
			inlen -= n;
			if (m == NULL)
				fail("unreadable message from the browser: %s",
				    je.text);
			return m;
		}
		double left = deadline - now();
		struct pollfd p = { from_fd, POLLIN, 0 };
		int r;

		if (left <= 0)
			fail("the page did not finish within the timeout");
		r = poll(&p, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			fail("poll: %s", strerror(errno));
		if (r == 0)
			continue;
		if (incap - inlen < 65536) {
			incap = incap ? incap * 2 : 1 << 20;
			if ((inbuf = realloc(inbuf, incap)) == NULL)
				fail("out of memory");
		}
		ssize_t got = read(from_fd, inbuf + inlen, incap - inlen);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			died();
		inlen += (size_t)got;
	}
}

static const char *
text_of(json_t *v)
{
	const char *s = json_string_value(json_object_get(v, "value"));

	if (s == NULL)
		s = json_string_value(json_object_get(v, "description"));
	if (s == NULL)
		s = json_string_value(json_object_get(v, "type"));
	return s ? s : "";
}

static void
say(const char *level, const char *text)
{
	const char *p;

	printf("console %s: ", level);
	for (p = text; *p; p++)
		putchar(*p == '\n' ? ' ' : *p);
	putchar('\n');
	fflush(stdout);
	if (strcmp(level, "error") == 0)
		errors++;
}

/* An event: print what the page said; return its method. */
static void
event(json_t *m)
{
	const char *method = json_string_value(json_object_get(m, "method"));
	json_t *p = json_object_get(m, "params");

	if (method == NULL)
		return;
	if (strcmp(method, "Runtime.consoleAPICalled") == 0) {
		const char *type = json_string_value(json_object_get(p, "type"));
		json_t *args = json_object_get(p, "args"), *a;
		size_t i, len = 0;
		char *line = NULL;
		FILE *f = open_memstream(&line, &len);

		json_array_foreach(args, i, a)
			fprintf(f, "%s%s", i ? " " : "", text_of(a));
		fclose(f);
		if (type == NULL)
			type = "log";
		say(strcmp(type, "assert") == 0 ? "error" :
		    strcmp(type, "warn") == 0 ? "warning" : type, line);
		free(line);
	} else if (strcmp(method, "Runtime.exceptionThrown") == 0) {
		json_t *d = json_object_get(p, "exceptionDetails");
		json_t *e = json_object_get(d, "exception");

		const char *t = json_string_value(json_object_get(d, "text"));

		char *first = strdup(e ? text_of(e) : t ? t : "");

		if (first == NULL)
			fail("out of memory");
		first[strcspn(first, "\n")] = '\0';
		say("error", first);
		free(first);
	} else if (strcmp(method, "Network.requestWillBeSent") == 0) {
		const char *url = json_string_value(json_object_get(
		    json_object_get(p, "request"), "url"));
		char *line = NULL;

		if (url == NULL || strncmp(url, "file:", 5) == 0 ||
		    strncmp(url, "data:", 5) == 0 ||
		    strncmp(url, "about:", 6) == 0)
			return;
		if (asprintf(&line, "the page asked the network for %s",
		    url) < 0)
			fail("out of memory");
		say("error", line);
		free(line);
	} else if (strcmp(method, "Log.entryAdded") == 0) {
		json_t *e = json_object_get(p, "entry");
		const char *lvl = json_string_value(json_object_get(e, "level"));
		const char *t = json_string_value(json_object_get(e, "text"));
		const char *url = json_string_value(json_object_get(e, "url"));
		char *line = NULL;

		if (url != NULL && asprintf(&line, "%s (%s)", t ? t : "",
		    url) < 0)
			line = NULL;
		say(lvl ? lvl : "info", line ? line : t ? t : "");
		free(line);
	}
}

/*
 * Send method with params (stolen) to the page's session (or the browser
 * when sess is NULL) and wait for its answer, printing events meanwhile;
 * returns the answer's result (a new reference).  When wait_event is
 * given, also wait until that event has come.
 */
static long
send(const char *sess, const char *method, json_t *params)
{
	long id = next_id++;
	json_t *cmd = json_pack("{s:I, s:s, s:o}", "id", (json_int_t)id,
	    "method", method, "params", params ? params : json_object());
	char *s;
	size_t n, off = 0;

	if (sess != NULL)
		json_object_set_new(cmd, "sessionId", json_string(sess));
	s = json_dumps(cmd, JSON_COMPACT);
	json_decref(cmd);
	n = strlen(s) + 1;
	while (off < n) {
		ssize_t w = write(to_fd, s + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			died();
		off += (size_t)w;
	}
	free(s);
	return id;
}

static json_t *
call(const char *sess, const char *method, json_t *params,
    const char *wait_event)
{
	long id = send(sess, method, params);
	json_t *result = NULL;
	int waited = wait_event == NULL;

	while (result == NULL || !waited) {
		json_t *m = receive();
		json_t *mid = json_object_get(m, "id");
		const char *me = json_string_value(json_object_get(m,
		    "method"));

		if (mid != NULL && json_integer_value(mid) == id) {
			json_t *err = json_object_get(m, "error");

			if (err != NULL) {
				const char *msg = json_string_value(
				    json_object_get(err, "message"));

				fail("%s: %s", method, msg ? msg : "error");
			}
			result = json_incref(json_object_get(m, "result"));
		} else if (me != NULL) {
			if (wait_event && strcmp(me, wait_event) == 0)
				waited = 1;
			event(m);
		}
		json_decref(m);
	}
	return result;
}

static unsigned char *
base64_decode(const char *s, size_t *outlen)
{
	static signed char val[256];
	size_t n = strlen(s), i, o = 0;
	unsigned char *out = malloc(n / 4 * 3 + 3);
	unsigned acc = 0;
	int bits = 0;

	if (out == NULL)
		fail("out of memory");
	if (val['B'] == 0) {
		const char *a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789+/";

		memset(val, -1, sizeof(val));
		for (i = 0; a[i]; i++)
			val[(unsigned char)a[i]] = (signed char)i;
	}
	for (i = 0; i < n; i++) {
		int v = val[(unsigned char)s[i]];

		if (v < 0)
			continue;
		acc = acc << 6 | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	*outlen = o;
	return out;
}

static void
save(json_t *result, const char *path)
{
	const char *data = json_string_value(json_object_get(result, "data"));
	unsigned char *bytes;
	size_t n;
	FILE *f;

	if (data == NULL)
		fail("no data for %s", path);
	bytes = base64_decode(data, &n);
	if ((f = fopen(path, "wb")) == NULL)
		fail("%s: %s", path, strerror(errno));
	if (fwrite(bytes, 1, n, f) != n || fclose(f) != 0)
		fail("%s: %s", path, strerror(errno));
	free(bytes);
}

static json_t *
evaluate(const char *expr)
{
	json_t *r = call(session, "Runtime.evaluate", json_pack(
	    "{s:s, s:b, s:b}", "expression", expr, "returnByValue", 1,
	    "awaitPromise", 1), NULL);
	json_t *v = json_incref(json_object_get(json_object_get(r, "result"),
	    "value"));

	if (json_object_get(r, "exceptionDetails") != NULL)
		fail("evaluating %s failed", expr);
	json_decref(r);
	return v;
}

/* The CSS height of the whole page. */
static double
page_height(void)
{
	json_t *r = call(session, "Page.getLayoutMetrics", NULL, NULL);
	double h = json_number_value(json_object_get(json_object_get(r,
	    "cssContentSize"), "height"));

	json_decref(r);
	return h > 0 ? h : HEIGHT;
}

/*
 * The non-white pixels of the screenshot of one box, counted by the
 * browser itself: the PNG is decoded into a canvas of a blank page of
 * its own, so nothing of the page under test runs script.
 */
static long
ink(double x, double y, double w, double h)
{
	json_t *shot, *v;
	char *expr;
	const char *data;
	long n;

	if (w < 1 || h < 1)
		return 0;
	shot = call(session, "Page.captureScreenshot", json_pack(
	    "{s:s, s:b, s:{s:f, s:f, s:f, s:f, s:f}}", "format", "png",
	    "captureBeyondViewport", 1, "clip", "x", x, "y", y, "width", w,
	    "height", h, "scale", 1.0), NULL);
	data = json_string_value(json_object_get(shot, "data"));
	if (data == NULL)
		fail("no screenshot of a box");
	if (asprintf(&expr, "(async () => { const i = new Image();"
	    " i.src = 'data:image/png;base64,%s'; await i.decode();"
	    " const c = new OffscreenCanvas(i.width, i.height);"
	    " const g = c.getContext('2d'); g.drawImage(i, 0, 0);"
	    " const d = g.getImageData(0, 0, i.width, i.height).data;"
	    " let n = 0; for (let k = 0; k < d.length; k += 4)"
	    " if (d[k] < 240 || d[k + 1] < 240 || d[k + 2] < 240) n++;"
	    " return n; })()", data) < 0)
		fail("out of memory");
	json_decref(shot);
	v = call(NULL, "Target.createTarget", json_pack("{s:s}", "url",
	    "about:blank"), NULL);
	{
		const char *tid = json_string_value(json_object_get(v,
		    "targetId"));
		json_t *a = call(NULL, "Target.attachToTarget", json_pack(
		    "{s:s, s:b}", "targetId", tid, "flatten", 1), NULL);
		const char *old = session;
		json_t *r;

		session = json_string_value(json_object_get(a, "sessionId"));
		r = evaluate(expr);
		n = (long)json_integer_value(r);
		json_decref(r);
		session = old;
		json_decref(call(NULL, "Target.closeTarget", json_pack("{s:s}",
		    "targetId", tid), NULL));
		json_decref(a);
	}
	json_decref(v);
	free(expr);
	return n;
}

static void
report_ink(const char *selector)
{
	json_t *sel = json_string(selector), *boxes, *b;
	char *lit = json_dumps(sel, JSON_ENCODE_ANY), *expr;
	size_t i;

	if (asprintf(&expr, "Array.from(document.querySelectorAll(%s)).map("
	    "e => { const r = e.getBoundingClientRect(); return [e.id || '-',"
	    " r.left + window.scrollX, r.top + window.scrollY, r.width,"
	    " r.height]; })", lit) < 0)
		fail("out of memory");
	boxes = evaluate(expr);
	if (!json_is_array(boxes))
		fail("--ink=%s: not a selector the page can use", selector);
	json_array_foreach(boxes, i, b) {
		double x = json_number_value(json_array_get(b, 1));
		double y = json_number_value(json_array_get(b, 2));
		double w = json_number_value(json_array_get(b, 3));
		double h = json_number_value(json_array_get(b, 4));

		printf("ink %zu %s %.0fx%.0f %ld\n", i + 1,
		    json_string_value(json_array_get(b, 0)), w, h,
		    ink(x, y, w, h));
		fflush(stdout);
	}
	json_decref(boxes);
	json_decref(sel);
	free(lit);
	free(expr);
}

/*
 * The fonts the browser drew the text of the elements matching selector
 * with, summed over them: "font FAMILY GLYPHS", by family name.
 */
static void
report_fonts(const char *selector)
{
	json_t *doc, *found, *ids, *id, *sum = json_object();
	const char *k;
	json_t *v;
	size_t i;

	json_decref(call(session, "DOM.enable", NULL, NULL));
	json_decref(call(session, "CSS.enable", NULL, NULL));
	doc = call(session, "DOM.getDocument", json_pack("{s:i}", "depth", 0),
	    NULL);
	found = call(session, "DOM.querySelectorAll", json_pack("{s:O, s:s}",
	    "nodeId", json_object_get(json_object_get(doc, "root"), "nodeId"),
	    "selector", selector), NULL);
	ids = json_object_get(found, "nodeIds");
	json_array_foreach(ids, i, id) {
		json_t *r = call(session, "CSS.getPlatformFontsForNode",
		    json_pack("{s:O}", "nodeId", id), NULL), *f;
		size_t j;

		json_array_foreach(json_object_get(r, "fonts"), j, f) {
			const char *fam = json_string_value(json_object_get(f,
			    "familyName"));
			json_int_t n = json_integer_value(json_object_get(f,
			    "glyphCount"));

			if (fam == NULL)
				continue;
			json_object_set_new(sum, fam, json_integer(n +
			    json_integer_value(json_object_get(sum, fam))));
		}
		json_decref(r);
	}
	{
		const char **names = calloc(json_object_size(sum) + 1,
		    sizeof(*names));
		size_t n = 0;

		if (names == NULL)
			fail("out of memory");
		json_object_foreach(sum, k, v)
			names[n++] = k;
		qsort(names, n, sizeof(*names), cmpstr);
		for (i = 0; i < n; i++)
			printf("font %s %lld\n", names[i], (long long)
			    json_integer_value(json_object_get(sum, names[i])));
		fflush(stdout);
		free(names);
	}
	json_decref(found);
	json_decref(doc);
	json_decref(sum);
}

static _Noreturn void
usage(void)
{
	fputs("usage: browser [--png=FILE] [--pdf=FILE] [--ink=SELECTOR] "
	    "[--fonts=SELECTOR] [--timeout=SEC] PAGE\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *png = NULL, *pdf = NULL, *sel = NULL, *page = NULL;
	const char *fonts = NULL;
	const char *chromium = getenv("CS_CHROMIUM");
	double timeout = 60;
	char url[PATH_MAX + 16], real[PATH_MAX];
	json_t *t, *a;
	int i;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--png=", 6) == 0)
			png = argv[i] + 6;
		else if (strncmp(argv[i], "--pdf=", 6) == 0)
			pdf = argv[i] + 6;
		else if (strncmp(argv[i], "--ink=", 6) == 0)
			sel = argv[i] + 6;
		else if (strncmp(argv[i], "--fonts=", 8) == 0)
			fonts = argv[i] + 8;
		else if (strncmp(argv[i], "--timeout=", 10) == 0)
			timeout = atof(argv[i] + 10);
		else if (argv[i][0] == '-' || page != NULL)
			usage();
		else
			page = argv[i];
	}
	if (page == NULL || timeout <= 0)
		usage();
	if (realpath(page, real) == NULL) {
		fprintf(stderr, "browser: %s: %s\n", page, strerror(errno));
		exit(2);
	}
	snprintf(url, sizeof(url), "file://%s", real);
	deadline = now() + timeout;
	if (chromium != NULL && *chromium != '\0')
		exe = chromium;
	start();

	t = call(NULL, "Target.createTarget", json_pack("{s:s}", "url",
	    "about:blank"), NULL);
	a = call(NULL, "Target.attachToTarget", json_pack("{s:s, s:b}",
	    "targetId", json_string_value(json_object_get(t, "targetId")),
	    "flatten", 1), NULL);
	session = json_string_value(json_object_get(a, "sessionId"));
	if (session == NULL)
		fail("no session with the page");
	json_decref(call(session, "Runtime.enable", NULL, NULL));
	json_decref(call(session, "Log.enable", NULL, NULL));
	json_decref(call(session, "Page.enable", NULL, NULL));
	json_decref(call(session, "Network.enable", NULL, NULL));
	json_decref(call(session, "Network.setBlockedURLs", json_pack(
	    "{s:[s,s,s,s,s]}", "urls", "http://*", "https://*", "ws://*",
	    "wss://*", "ftp://*"), NULL));
	json_decref(call(session, "Emulation.setDeviceMetricsOverride",
	    json_pack("{s:i, s:i, s:f, s:b}", "width", WIDTH, "height", HEIGHT,
	    "deviceScaleFactor", 1.0, "mobile", 0), NULL));
	json_decref(call(session, "Page.navigate", json_pack("{s:s}", "url",
	    url), "Page.loadEventFired"));
	json_decref(evaluate("document.fonts.ready.then(() => 1)"));

	if (png != NULL) {
		json_t *r = call(session, "Page.captureScreenshot", json_pack(
		    "{s:s, s:b, s:{s:f, s:f, s:f, s:f, s:f}}", "format", "png",
		    "captureBeyondViewport", 1, "clip", "x", 0.0, "y", 0.0,
		    "width", (double)WIDTH, "height", page_height(), "scale",
		    1.0), NULL);

		save(r, png);
		json_decref(r);
	}
	if (sel != NULL)
		report_ink(sel);
	if (fonts != NULL)
		report_fonts(fonts);
	if (pdf != NULL) {
		json_t *r = call(session, "Page.printToPDF", json_pack(
		    "{s:b, s:b, s:b, s:f, s:f}", "printBackground", 1,
		    "preferCSSPageSize", 1, "displayHeaderFooter", 0,
		    "paperWidth", 8.27, "paperHeight", 11.69), NULL);

		save(r, pdf);
		json_decref(r);
	}
	/* Closing answers nothing reliably: the pipe may close first. */
	send(NULL, "Browser.close", NULL);
	json_decref(a);
	json_decref(t);
	while (now() < deadline && waitpid(child, NULL, WNOHANG) == 0)
		usleep(20000);
	if (waitpid(child, NULL, WNOHANG) != 0)
		child = -1;
	cleanup();
	free(inbuf);
	return errors ? 1 : 0;
}
