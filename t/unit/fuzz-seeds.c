/* fuzz-seeds.c (test): runs every fuzz harness over its seed corpus and deterministic mutations, without clang. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

/* Each harness's entry point gets its own name in this one program. */
#define LLVMFuzzerTestOneInput	fuzz_urlencoded
#include "../../fuzz/fuzz_urlencoded.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_cookies
#include "../../fuzz/fuzz_cookies.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_request
#include "../../fuzz/fuzz_request.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_form
#include "../../fuzz/fuzz_form.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_multipart
#include "../../fuzz/fuzz_multipart.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_image
#include "../../fuzz/fuzz_image.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_document
#include "../../fuzz/fuzz_document.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_stripe_sig
#include "../../fuzz/fuzz_stripe_sig.c"
#undef LLVMFuzzerTestOneInput

#define SEEDS_MAX	64
#define INPUT_MAX	(96 * 1024)

struct harness {
	const char	*name;
	int		(*run)(const uint8_t *, size_t);
};

static const struct harness	harnesses[] = {
	{ "urlencoded",	fuzz_urlencoded },
	{ "cookies",	fuzz_cookies },
	{ "request",	fuzz_request },
	{ "form",	fuzz_form },
	{ "multipart",	fuzz_multipart },
	{ "image",	fuzz_image },
	{ "document",	fuzz_document },
	{ "stripe_sig",	fuzz_stripe_sig },
};

struct seed {
	unsigned char	*data;
	size_t		 len;
};

/* Bytes that matter to the parsers, spliced into mutations. */
static const char *const tokens[] = {
	"%", "%0", "%00", "%zz", "%25", "%2B", "%0d%0a", "%C0%AF", "%ED%A0%80",
	"%E2%82%B9", "&", "=", ";", "; ", "\"", "+", "\n", "\r\n", "\n\n",
	"\xff", "\xc0\xaf", "\xe2\x82\xb9", "\xf0\x9f\x98\x80", "\x00",
	"REQUEST_METHOD=POST\n", "CONTENT_LENGTH=", "65536", "65537", "-1",
	"CONTENT_TYPE=application/x-www-form-urlencoded\n", "PATH_INFO=/",
	"REQUEST_URI=/", "QUERY_STRING=", "HTTP_COOKIE=", "HTTPS=on\n",
	"name=", "phone=+91", "price=", "when=2026-02-29T10:00", "terms=on",
	"2026-11-21T10:30", "450.50", "999999999999", "-", ".", "T", ":",
	"multipart/form-data; boundary=B\n", "--B\r\n", "\r\n--B--\r\n",
	"Content-Disposition: form-data; name=\"a\"\r\n\r\n",
	"; filename=\"x.jpg\"", "Content-Type: image/jpeg\r\n", "\\\"",
	"%PDF-1.4\n", "%%EOF", "%%EOF\r\n", "/JS", "MZ", "\x7f" "ELF",
	"\xff\xd8", "\xff\xd9", "\xff\xda", "\xff\xc0\x00\x0b", "IEND", "IDAT",
	"RIFF", "WEBP", "VP8 ", "VP8L", "VP8X", "\xff\xff\xff\xff",
	"t=1700000000,", "t=", "v1=", ",v1=", "v0=", "1699999699",
};

static uint64_t	rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: the same sequence on every run, so a failure reproduces. */
static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static size_t
rng_below(size_t n)
{
	return n == 0 ? 0 : (size_t)(rng() % n);
}

static int
seed_compare(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
seed_load(const char *path, struct seed *s)
{
	FILE	*fp = fopen(path, "rb");

	if (fp == NULL)
		return -1;
	s->data = malloc(INPUT_MAX);
	if (s->data == NULL) {
		fclose(fp);
		return -1;
	}
	s->len = fread(s->data, 1, INPUT_MAX, fp);
	fclose(fp);
	return 0;
}

/* Load the corpus files of one harness, in name order; returns how many. */
static size_t
seeds_load(const char *srcdir, const char *name, struct seed *seeds)
{
	char		 dir[4096], path[8192], *names[SEEDS_MAX];
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0, i, loaded = 0;

	snprintf(dir, sizeof(dir), "%s/fuzz/corpus/%s", srcdir, name);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL && n < SEEDS_MAX)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), seed_compare);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (names[i] != NULL && seed_load(path, &seeds[loaded]) == 0)
			loaded++;
		free(names[i]);
	}
	return loaded;
}

/* Run one input from an exactly-sized copy, so over-reads are caught. */
static void
run_exact(const struct harness *h, const unsigned char *p, size_t n)
{
	unsigned char	*copy = malloc(n > 0 ? n : 1);

	if (copy == NULL)
		abort();
	if (n > 0)
		memcpy(copy, p, n);
	h->run(copy, n);
	free(copy);
}

static size_t
mutate_insert(unsigned char *b, size_t len, const void *p, size_t n)
{
	size_t	at;

	if (len + n > INPUT_MAX)
		return len;
	at = rng_below(len + 1);
	memmove(b + at + n, b + at, len - at);
	memcpy(b + at, p, n);
	return len + n;
}

/* One random change to b: flip, overwrite, insert, delete, copy or splice. */
static size_t
mutate_once(unsigned char *b, size_t len, unsigned char *scratch,
    const struct seed *seeds, size_t nseeds)
{
	const char		*t;
	const struct seed	*other;
	size_t			 at, n;

	switch (rng_below(len > 0 ? 7 : 2)) {
	case 0:
		t = tokens[rng_below(sizeof(tokens) / sizeof(tokens[0]))];
		return mutate_insert(b, len, t, t[0] == '\0' ? 1 : strlen(t));
	case 1:
		other = &seeds[rng_below(nseeds)];
		at = rng_below(other->len);
		n = rng_below(other->len - at + 1);
		return mutate_insert(b, len, other->data + at, n);
	case 2:
		b[rng_below(len)] ^= (unsigned char)(1u << rng_below(8));
		return len;
	case 3:
		b[rng_below(len)] = (unsigned char)rng();
		return len;
	case 4:
		at = rng_below(len);
		n = 1 + rng_below(len - at < 16 ? len - at : 16);
		memmove(b + at, b + at + n, len - at - n);
		return len - n;
	case 5:
		at = rng_below(len);
		n = 1 + rng_below(len - at);
		memcpy(scratch, b + at, n);
		return mutate_insert(b, len, scratch, n);
	default:
		return rng_below(len + 1);	/* truncate */
	}
}

/* Run rounds mutations of the seeds through h; returns inputs run. */
static size_t
mutations_run(const struct harness *h, const struct seed *seeds,
    size_t nseeds, size_t rounds)
{
	unsigned char	*b = malloc(INPUT_MAX), *scratch = malloc(INPUT_MAX);
	const struct seed *s;
	size_t		 i, k, len, changes;

	if (b == NULL || scratch == NULL)
		abort();
	for (i = 0; i < rounds; i++) {
		s = &seeds[rng_below(nseeds)];
		memcpy(b, s->data, s->len);
		len = s->len;
		changes = 1 + rng_below(4);
		for (k = 0; k < changes; k++)
			len = mutate_once(b, len, scratch, seeds, nseeds);
		run_exact(h, b, len);
	}
	free(b);
	free(scratch);
	return rounds;
}

int
main(void)
{
	static struct seed	 seeds[sizeof(harnesses) / sizeof(harnesses[0])]
				    [SEEDS_MAX];
	const char		*srcdir = getenv("HS_SRCDIR");
	const char		*env_rounds = getenv("HS_FUZZ_ROUNDS");
	size_t			 nseeds[sizeof(harnesses) / sizeof(harnesses[0])];
	size_t			 nh = sizeof(harnesses) / sizeof(harnesses[0]);
	size_t			 rounds = 3000, h, i, j, ran;

	if (srcdir == NULL)
		srcdir = ".";
	if (env_rounds != NULL)
		rounds = (size_t)strtoul(env_rounds, NULL, 10);
	for (h = 0; h < nh; h++) {
		nseeds[h] = seeds_load(srcdir, harnesses[h].name, seeds[h]);
		if (!ok(nseeds[h] > 0, "%s: seed corpus found in %s/fuzz/corpus",
		    harnesses[h].name, srcdir))
			continue;
		for (i = 0; i < nseeds[h]; i++)
			run_exact(&harnesses[h], seeds[h][i].data,
			    seeds[h][i].len);
		run_exact(&harnesses[h], (const unsigned char *)"", 0);
		ok(1, "%s: %zu seeds and the empty input ran clean",
		    harnesses[h].name, nseeds[h]);
	}
	/* Every harness also reads every other harness's seeds. */
	for (h = 0; h < nh; h++) {
		for (ran = 0, j = 0; j < nh; j++)
			for (i = 0; i < nseeds[j]; i++, ran++)
				run_exact(&harnesses[h], seeds[j][i].data,
				    seeds[j][i].len);
		ok(1, "%s: %zu seeds from all corpora ran clean",
		    harnesses[h].name, ran);
	}
	for (h = 0; h < nh; h++)
		if (nseeds[h] > 0)
			is_int(mutations_run(&harnesses[h], seeds[h], nseeds[h],
			    rounds), rounds, "%s: mutations ran clean",
			    harnesses[h].name);
	for (h = 0; h < nh; h++)
		for (i = 0; i < nseeds[h]; i++)
			free(seeds[h][i].data);
	return done_testing();
}
