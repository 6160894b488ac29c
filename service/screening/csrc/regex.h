/* One pattern compiled by PCRE2 (with JIT where the machine allows), run as Python's re would run
 * it: search, match (anchored) or fullmatch (anchored at both ends). */
#ifndef SCREENING_REGEX_H
#define SCREENING_REGEX_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

enum { SEARCH = 0, MATCH = 1, FULLMATCH = 2 };

typedef struct {
    PyObject_HEAD
    pcre2_code *code;
    pcre2_match_data *data; /* one per pattern: the GIL is held while it is used */
    PCRE2_SIZE *ovector;    /* data's (a call into PCRE2 each time it is asked for) */
    int jit;
} Regex;

extern PyTypeObject RegexType;

/* >0: matched (the count PCRE2 gives), 0: no match, <0: an error (the caller gives up on the text).
 * The subject is s[0:length], as re's endpos cuts it; lookbehinds see before start, as in re. */
static inline int regex_run(Regex *re, const char *s, size_t length, size_t start) {
    int rc = re->jit ? pcre2_jit_match(re->code, (PCRE2_SPTR)s, length, start, 0, re->data, NULL)
                     : pcre2_match(re->code, (PCRE2_SPTR)s, length, start, PCRE2_NO_UTF_CHECK, re->data, NULL);
    return rc == PCRE2_ERROR_NOMATCH ? 0 : rc > 0 ? rc : -1;
}

static inline PCRE2_SIZE *regex_ovector(Regex *re) { return re->ovector; }

/* Whether capture group g took part in the last match (rc: what regex_run returned). */
static inline int regex_has(Regex *re, int rc, int g) {
    return g > 0 && g < rc && regex_ovector(re)[2 * g] != PCRE2_UNSET;
}

Regex *as_regex(PyObject *o);

#endif
