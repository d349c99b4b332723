/*
 * core/hfile: a file written through the stream is hashed, counted and
 * written whole by the file's thread, whatever the sizes of the writes;
 * a write that fails (the file size limit) fails the close with errno.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/hfile.h"
#include "unit.h"

/* Byte i of the test data: lines of varied length. */
static char
byte_at(long i)
{
	return i % 97 == 96 ? '\n' : (char)('a' + i % 26);
}

/* Write n bytes in pieces of the sizes of step (cycled) to path. */
static int
write_file(const char *path, long n, const size_t *step, size_t nstep,
    struct cs_hfile *h)
{
	static char buf[300000];
	FILE *fp = cs_hfile_create(path, h);
	long done = 0;
	size_t k, i = 0;

	if (fp == NULL)
		return -1;
	while (done < n) {
		k = step[i++ % nstep];
		if ((long)k > n - done)
			k = (size_t)(n - done);
		for (size_t j = 0; j < k; j++)
			buf[j] = byte_at(done + (long)j);
		if (fwrite(buf, 1, k, fp) != k)
			break;
		done += (long)k;
	}
	return cs_hfile_close(fp, h);
}

int
main(void)
{
	static const size_t steps[] = { 1, 7, 65536, 100, 250000, 65535, 3 };
	char dir[] = "/tmp/test_hfile.XXXXXX", path[64], hex[65], want[65];
	struct cs_sha256_ctx *c;
	struct cs_hfile h;
	unsigned char d[32];
	long n = 3 * 1000 * 1000 + 17, lines = 0, i;
	FILE *fp;
	pid_t pid;
	int status;

	if (mkdtemp(dir) == NULL)
		unit_bail("mkdtemp", strerror(errno));
	snprintf(path, sizeof(path), "%s/a", dir);
	CHECK(write_file(path, n, steps, sizeof(steps) / sizeof(steps[0]),
	    &h) == 0, "3 MB in writes of 1 byte to 250 kB: closed");
	c = cs_sha256_new();
	for (i = 0; i < n; i++) {
		char b = byte_at(i);

		cs_sha256_update(c, &b, 1);
		lines += b == '\n';
	}
	cs_sha256_final(c, d);
	cs_hex(d, 32, want);
	cs_hex(h.sha256, 32, hex);
	CHECK_STR(hex, want, "the SHA-256 is of every byte, in order");
	CHECK(h.bytes == n, "the bytes are counted");
	CHECK(h.lines == lines, "the lines are counted");
	fp = fopen(path, "rb");
	c = cs_sha256_new();
	if (fp != NULL) {
		char buf[4096];
		size_t k;

		while ((k = fread(buf, 1, sizeof(buf), fp)) > 0)
			cs_sha256_update(c, buf, k);
		fclose(fp);
	}
	cs_sha256_final(c, d);
	cs_hex(d, 32, hex);
	CHECK_STR(hex, want, "the file holds what was hashed");
	CHECK(cs_hfile_create(path, &h) == NULL && errno == EEXIST,
	    "a file that exists is not overwritten (EEXIST)");

	/* An empty file. */
	snprintf(path, sizeof(path), "%s/empty", dir);
	CHECK(write_file(path, 0, steps, 1, &h) == 0 && h.bytes == 0 &&
	    h.lines == 0, "an empty file: 0 bytes, 0 lines");
	cs_hex(h.sha256, 32, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "an empty file: the SHA-256 of nothing");

	/* Past the file size limit: the close fails with EFBIG. */
	snprintf(path, sizeof(path), "%s/big", dir);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct rlimit rl = { 1 << 20, 1 << 20 };

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(2);
		if (write_file(path, 4 << 20, steps + 2, 1, &h) == 0)
			_exit(3);
		_exit(errno == EFBIG ? 0 : 4);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "a write past the size limit fails the close with EFBIG");
	unlink(path);

	/*
	 * A failure stdio has already dropped: nothing is left to flush,
	 * errno holds something else by then, cs_hfile_error still says.
	 */
	pid = fork();
	if (pid == 0) {
		struct rlimit rl = { 1 << 20, 1 << 20 };
		static char buf[2 << 20];
		int i;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(2);
		fp = cs_hfile_create(path, &h);
		if (fp == NULL || cs_hfile_error(&h) != 0)
			_exit(3);
		for (i = 0; i < 1000 && cs_hfile_error(&h) == 0; i++) {
			fwrite(buf, 1, sizeof(buf), fp);
			usleep(1000);
		}
		/* Known now: this write fails, in whole blocks, none kept. */
		if (fwrite(buf, 1, sizeof(buf), fp) == sizeof(buf))
			_exit(7);
		errno = ENOENT;
		if (!ferror(fp) || fflush(fp) != 0 || errno != ENOENT)
			_exit(4);
		if (cs_hfile_error(&h) != EFBIG)
			_exit(5);
		_exit(cs_hfile_close(fp, &h) != 0 && errno == EFBIG ? 0 : 6);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "a failure stdio dropped: cs_hfile_error says EFBIG, not errno");
	unlink(path);
	snprintf(path, sizeof(path), "%s/a", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/empty", dir);
	unlink(path);
	rmdir(dir);
	return UNIT_DONE();
}
