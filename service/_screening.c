/* Native reader for service.screening: the same findings as the Python reader, for ASCII narratives.
 *
 * service.screening builds every pattern and table (from the term language and the cue grammar) and
 * hands them here; this file only runs them. It walks the narrative once in C: at each word start it
 * looks up the flags with a term starting with the same (up to) three characters, tries their
 * patterns with PCRE2's JIT, and reads each mention's context (cues, lead-ins, clause ends, tails)
 * the way service.screening_context does. Patterns behave as Python's re does on ASCII text without
 * the four separator controls (0x1c-0x1f, which re's \s matches and PCRE2's does not); for any other
 * text screen() returns None and the caller uses the Python reader. So does any PCRE2 error (a
 * match limit, say): the Python reader is the reference, this is only a faster way to its answer.
 *
 * No I/O, no logging, the GIL held throughout (each pattern owns one match-data block).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NFLAGS_MAX 16
#define WINDOW 48 /* how far back a cue reaches: service.screening_context._WINDOW */
#define COORD_REACH 16 /* "no gun or knife": the gap a list may have */
#define TAIL_LOOK 32

/* --- Regex: one compiled pattern, run anchored (match), anchored at both ends (fullmatch) or not ---- */

enum { SEARCH = 0, MATCH = 1, FULLMATCH = 2 };

typedef struct {
    PyObject_HEAD
    pcre2_code *code;
    pcre2_match_data *data;
    int jit;
} Regex;

static void Regex_dealloc(Regex *self) {
    if (self->data) pcre2_match_data_free(self->data);
    if (self->code) pcre2_code_free(self->code);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Regex_init(Regex *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"pattern", "mode", NULL};
    const char *pattern;
    Py_ssize_t size;
    int mode = MATCH;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "s#|i", kwlist, &pattern, &size, &mode)) return -1;
    uint32_t options = mode == SEARCH ? 0 : mode == MATCH ? PCRE2_ANCHORED : PCRE2_ANCHORED | PCRE2_ENDANCHORED;
    for (Py_ssize_t i = 0; i < size; i++) {
        if ((unsigned char)pattern[i] >= 0x80) { /* a non-ASCII literal: one character, not its bytes */
            options |= PCRE2_UTF;
            break;
        }
    }
    int error;
    PCRE2_SIZE offset;
    self->code = pcre2_compile((PCRE2_SPTR)pattern, (PCRE2_SIZE)size, options, &error, &offset, NULL);
    if (self->code == NULL) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        PyErr_Format(PyExc_ValueError, "PCRE2 cannot compile the pattern: %s at %zu", message, (size_t)offset);
        return -1;
    }
    self->jit = pcre2_jit_compile(self->code, PCRE2_JIT_COMPLETE) == 0;
    self->data = pcre2_match_data_create_from_pattern(self->code, NULL);
    if (self->data == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* >0: matched (the count pcre2 gives), 0: no match, <0: an error (the caller gives up on the text). */
static int run(Regex *re, const char *s, size_t length, size_t start) {
    int rc = re->jit ? pcre2_jit_match(re->code, (PCRE2_SPTR)s, length, start, 0, re->data, NULL)
                     : pcre2_match(re->code, (PCRE2_SPTR)s, length, start, PCRE2_NO_UTF_CHECK, re->data, NULL);
    return rc == PCRE2_ERROR_NOMATCH ? 0 : rc > 0 ? rc : -1;
}

static inline PCRE2_SIZE *ovector(Regex *re) { return pcre2_get_ovector_pointer(re->data); }

/* Whether capture group g took part in the last match (rc: what run() returned). */
static inline int has_group(Regex *re, int rc, int g) {
    return g > 0 && g < rc && ovector(re)[2 * g] != PCRE2_UNSET;
}

static PyObject *Regex_group_number(Regex *self, PyObject *name) {
    const char *text = PyUnicode_AsUTF8(name);
    if (text == NULL) return NULL;
    int n = pcre2_substring_number_from_name(self->code, (PCRE2_SPTR)text);
    if (n < 0) return PyErr_Format(PyExc_KeyError, "no group named %U", name);
    return PyLong_FromLong(n);
}

/* For tests: the end of a match at pos (fullmatch/match/search as compiled), or None. */
static PyObject *Regex_end(Regex *self, PyObject *args) {
    const char *s;
    Py_ssize_t length, pos = 0;
    if (!PyArg_ParseTuple(args, "s#|n", &s, &length, &pos)) return NULL;
    int rc = run(self, s, (size_t)length, (size_t)pos);
    if (rc < 0) return PyErr_Format(PyExc_RuntimeError, "PCRE2 match error");
    if (rc == 0) Py_RETURN_NONE;
    return PyLong_FromSize_t(ovector(self)[1]);
}

static PyMethodDef Regex_methods[] = {
    {"group_number", (PyCFunction)Regex_group_number, METH_O, "The number of a named group."},
    {"end", (PyCFunction)Regex_end, METH_VARARGS, "Where a match at pos ends, or None."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject RegexType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "service._screening.Regex",
    .tp_basicsize = sizeof(Regex),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A pattern compiled with PCRE2 (JIT where available); mode 0 search, 1 match, 2 fullmatch.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Regex_init,
    .tp_dealloc = (destructor)Regex_dealloc,
    .tp_methods = Regex_methods,
};

/* --- Reader: one vocabulary's scanners plus the cue grammar ----------------------------------------- */

typedef struct {
    int order;    /* the flag's place in FLAGS */
    Regex *term;  /* anchored: the flag's terms that can start with this key */
    Regex *kinds; /* fullmatch with groups skip/neg, or NULL */
    int neg;      /* the number of kinds' group neg (0: none) */
} Scanner;

typedef struct {
    uint32_t key; /* up to three characters and their count: see pack() */
    int first, count; /* the key's scanners in Reader.scanners */
} Slot;

/* The literal keys of every term (service.screening_index.folded_keys) as a trie over folded text:
 * walked from a word start, it tells which flags have a term that may start there, so that the
 * patterns (each a page of JIT code of its own) run at a dozen places of a narrative, not at every
 * word start. Node i's children are chars/child[first[i]..first[i]+count[i]), sorted by character. */
typedef struct {
    int32_t *first, *count, *flags, *child;
    uint8_t *chars;
    int32_t root[128]; /* the root's children by character, -1 for none */
    uint8_t fold[128];  /* word characters stay, separators become ' ', the rest 0x01 */
} Trie;

typedef struct {
    PyObject_HEAD
    PyObject *keep; /* every Regex referred to below */
    Trie trie;
    Scanner *scanners;
    Slot *slots;
    size_t mask; /* slots - 1, a power of two less one */
    Regex *cues, *coord, *scan, *brk, *tail, *place;
    int cues_hedge, scan_b, scan_lead, scan_hedge, scan_deny, scan_neg, tail_neg, tail_hedge;
    uint8_t cue_head[128][128];  /* the first two characters of a cue (a mention's own cue) */
    uint8_t scan_head[128][128]; /* ... of a cue, a lead-in or a boundary word */
    uint8_t punct[128], tail_first[128], place_first[128];
} Reader;

static inline uint32_t pack(const char *s, size_t n) {
    uint32_t key = (uint32_t)n << 24;
    for (size_t i = 0; i < n; i++) key |= (uint32_t)(unsigned char)s[i] << (8 * i);
    return key;
}

static inline size_t slot_of(uint32_t key, size_t mask) { return (key * 2654435761u) & mask; }

static const Slot *lookup(const Reader *r, const char *s, size_t n) {
    uint32_t key = pack(s, n);
    for (size_t i = slot_of(key, r->mask);; i = (i + 1) & r->mask) {
        if (r->slots[i].count == 0) return NULL;
        if (r->slots[i].key == key) return &r->slots[i];
    }
}

static inline int32_t child_of(const Trie *t, int32_t node, uint8_t c) {
    if (node == 0) return c < 128 ? t->root[c] : -1;
    const uint8_t *chars = t->chars + t->first[node];
    for (int32_t i = 0; i < t->count[node] && chars[i] <= c; i++)
        if (chars[i] == c) return t->child[t->first[node] + i];
    return -1;
}

/* The flags with a term that may start at s[p] (s[p - 1] is not a word character). */
static int literal_flags(const Trie *t, const unsigned char *u, size_t n, size_t p) {
    int32_t node = 0;
    int flags = 0;
    uint8_t last = 0;
    for (size_t i = p; i <= n; i++) {
        uint8_t c = i == n ? ' ' : u[i] < 128 ? t->fold[u[i]] : u[i]; /* the text ends with a separator */
        if (c == ' ' && last == ' ') continue; /* a run of separators reads as one */
        last = c;
        if ((node = child_of(t, node, c)) < 0) break;
        flags |= t->flags[node];
    }
    return flags;
}

static int32_t *copy_ints(PyObject *b, Py_ssize_t *count) {
    if (!PyBytes_Check(b) || PyBytes_GET_SIZE(b) % 4) {
        PyErr_SetString(PyExc_ValueError, "trie arrays are bytes of int32");
        return NULL;
    }
    *count = PyBytes_GET_SIZE(b) / 4;
    int32_t *out = PyMem_Malloc((size_t)PyBytes_GET_SIZE(b) + 4);
    if (out == NULL) return (int32_t *)PyErr_NoMemory();
    memcpy(out, PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
    return out;
}

/* trie: (fold table, first, count, flags, chars, child) as bytes, node 0 the root; checked here, since a
 * bad index would read outside the arrays. */
static int fill_trie(Trie *t, PyObject *spec) {
    PyObject *fold, *first, *count, *flags, *chars, *child;
    if (!PyArg_ParseTuple(spec, "SSSSSS", &fold, &first, &count, &flags, &chars, &child)) return -1;
    Py_ssize_t nodes, n2, n3, edges, n5;
    if (PyBytes_GET_SIZE(fold) != 128) {
        PyErr_SetString(PyExc_ValueError, "the fold table has 128 entries");
        return -1;
    }
    memcpy(t->fold, PyBytes_AS_STRING(fold), 128);
    if ((t->first = copy_ints(first, &nodes)) == NULL || (t->count = copy_ints(count, &n2)) == NULL ||
        (t->flags = copy_ints(flags, &n3)) == NULL || (t->child = copy_ints(child, &n5)) == NULL)
        return -1;
    edges = PyBytes_GET_SIZE(chars);
    if ((t->chars = PyMem_Malloc((size_t)edges + 1)) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(t->chars, PyBytes_AS_STRING(chars), (size_t)edges);
    int ok = nodes >= 1 && n2 == nodes && n3 == nodes && n5 == edges;
    for (Py_ssize_t i = 0; ok && i < nodes; i++) {
        ok = t->first[i] >= 0 && t->count[i] >= 0 && (Py_ssize_t)t->first[i] + t->count[i] <= edges;
        for (int32_t j = 1; ok && j < t->count[i]; j++) ok = t->chars[t->first[i] + j - 1] < t->chars[t->first[i] + j];
    }
    for (Py_ssize_t e = 0; ok && e < edges; e++) ok = t->child[e] > 0 && t->child[e] < nodes;
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "malformed trie arrays");
        return -1;
    }
    for (int c = 0; c < 128; c++) t->root[c] = -1;
    for (int32_t j = 0; j < t->count[0]; j++)
        if (t->chars[t->first[0] + j] < 128) t->root[t->chars[t->first[0] + j]] = t->child[t->first[0] + j];
    return 0;
}

static void Reader_dealloc(Reader *self) {
    Py_XDECREF(self->keep);
    PyMem_Free(self->trie.first);
    PyMem_Free(self->trie.count);
    PyMem_Free(self->trie.flags);
    PyMem_Free(self->trie.chars);
    PyMem_Free(self->trie.child);
    PyMem_Free(self->scanners);
    PyMem_Free(self->slots);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int fill_pairs(uint8_t table[128][128], PyObject *heads) {
    PyObject *iter = PyObject_GetIter(heads), *item;
    if (iter == NULL) return -1;
    while ((item = PyIter_Next(iter)) != NULL) {
        Py_ssize_t n;
        const char *h = PyUnicode_AsUTF8AndSize(item, &n);
        if (h == NULL || n != 2 || (unsigned char)h[0] >= 128 || (unsigned char)h[1] >= 128) {
            Py_DECREF(item);
            Py_DECREF(iter);
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a head is two ASCII characters");
            return -1;
        }
        table[(unsigned char)h[0]][(unsigned char)h[1]] = 1;
        Py_DECREF(item);
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

static int fill_chars(uint8_t table[128], PyObject *chars) {
    Py_ssize_t n;
    const char *c = PyUnicode_AsUTF8AndSize(chars, &n);
    if (c == NULL) return -1;
    for (Py_ssize_t i = 0; i < n; i++)
        if ((unsigned char)c[i] < 128) table[(unsigned char)c[i]] = 1;
    return 0;
}

static Regex *as_regex(PyObject *o) {
    if (!PyObject_TypeCheck(o, &RegexType)) {
        PyErr_SetString(PyExc_TypeError, "expected a service._screening.Regex");
        return NULL;
    }
    return (Regex *)o;
}

/* trie: see fill_trie; starts: {key: ((order, term Regex, kinds Regex or None, its group neg or 0), ...)}; grammar: (cues, coord, scan, brk,
 * tail, place); groups: the group numbers in the order of the Reader fields cues_hedge...tail_hedge;
 * cue_heads, scan_heads: iterables of two-character strings; punct, tail_first, place_first: strings. */
static int Reader_init(Reader *self, PyObject *args, PyObject *Py_UNUSED(kwds)) {
    PyObject *trie, *starts, *grammar, *groups, *cue_heads, *scan_heads, *punct, *tail_first, *place_first;
    if (!PyArg_ParseTuple(args, "O!O!O!O!OOUUU", &PyTuple_Type, &trie, &PyDict_Type, &starts, &PyTuple_Type,
                          &grammar, &PyTuple_Type, &groups, &cue_heads, &scan_heads, &punct, &tail_first,
                          &place_first))
        return -1;
    if (fill_trie(&self->trie, trie) < 0) return -1;
    if (PyTuple_GET_SIZE(grammar) != 6 || PyTuple_GET_SIZE(groups) != 8) {
        PyErr_SetString(PyExc_ValueError, "grammar takes 6 patterns and groups 8 numbers");
        return -1;
    }
    self->keep = PyList_New(0);
    if (self->keep == NULL) return -1;
    Regex **grammar_fields[] = {&self->cues, &self->coord, &self->scan, &self->brk, &self->tail, &self->place};
    for (int i = 0; i < 6; i++) {
        PyObject *o = PyTuple_GET_ITEM(grammar, i);
        if ((*grammar_fields[i] = as_regex(o)) == NULL || PyList_Append(self->keep, o) < 0) return -1;
    }
    int *group_fields[] = {&self->cues_hedge, &self->scan_b, &self->scan_lead, &self->scan_hedge,
                           &self->scan_deny, &self->scan_neg, &self->tail_neg, &self->tail_hedge};
    for (int i = 0; i < 8; i++) {
        long g = PyLong_AsLong(PyTuple_GET_ITEM(groups, i));
        if (g == -1 && PyErr_Occurred()) return -1;
        *group_fields[i] = (int)g;
    }
    if (fill_pairs(self->cue_head, cue_heads) < 0 || fill_pairs(self->scan_head, scan_heads) < 0 ||
        fill_chars(self->punct, punct) < 0 || fill_chars(self->tail_first, tail_first) < 0 ||
        fill_chars(self->place_first, place_first) < 0)
        return -1;

    Py_ssize_t nkeys = PyDict_GET_SIZE(starts), total = 0, pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(starts, &pos, &key, &value)) {
        if (!PyTuple_Check(value)) {
            PyErr_SetString(PyExc_TypeError, "starts values are tuples");
            return -1;
        }
        total += PyTuple_GET_SIZE(value);
    }
    size_t size = 16;
    while (size < (size_t)nkeys * 2) size *= 2;
    self->mask = size - 1;
    self->slots = PyMem_Calloc(size, sizeof(Slot));
    self->scanners = PyMem_Calloc((size_t)total + 1, sizeof(Scanner));
    if (self->slots == NULL || self->scanners == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int next = 0;
    pos = 0;
    while (PyDict_Next(starts, &pos, &key, &value)) {
        Py_ssize_t n;
        const char *k = PyUnicode_AsUTF8AndSize(key, &n);
        if (k == NULL) return -1;
        if (n < 1 || n > 3 || !PyUnicode_IS_ASCII(key) || PyTuple_GET_SIZE(value) == 0) {
            PyErr_SetString(PyExc_ValueError, "a start key is 1-3 ASCII characters with scanners");
            return -1;
        }
        uint32_t packed = pack(k, (size_t)n);
        size_t i = slot_of(packed, self->mask);
        while (self->slots[i].count != 0) i = (i + 1) & self->mask;
        self->slots[i] = (Slot){packed, next, (int)PyTuple_GET_SIZE(value)};
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(value); j++, next++) {
            PyObject *entry = PyTuple_GET_ITEM(value, j);
            long order;
            int neg;
            PyObject *term, *kinds;
            if (!PyArg_ParseTuple(entry, "lOOi", &order, &term, &kinds, &neg)) return -1;
            if (order < 0 || order >= NFLAGS_MAX) {
                PyErr_SetString(PyExc_ValueError, "a flag's order is 0-15");
                return -1;
            }
            Scanner *sc = &self->scanners[next];
            sc->order = (int)order, sc->neg = neg;
            if ((sc->term = as_regex(term)) == NULL || PyList_Append(self->keep, term) < 0) return -1;
            if (kinds != Py_None && ((sc->kinds = as_regex(kinds)) == NULL || PyList_Append(self->keep, kinds) < 0))
                return -1;
        }
    }
    return 0;
}

/* A mention as the second pass reads it. */
typedef struct {
    int start, end, order, negation; /* negation: a denial phrase ("unarmed"), kind NEG */
} Hit;

typedef struct {
    int start, end, negated, hedged; /* the phrase to quote, and how the narrative frames it */
} State;

static int by_place(const void *a, const void *b) {
    const Hit *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    if (x->order != y->order) return x->order < y->order ? -1 : 1;
    return x->negation - y->negation;
}

static inline int is_word(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
static inline int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* service.screening_context.context, on s[0:n]; prev_end < 0 when no earlier mention. <0: give up. */
static int context(Reader *r, const char *s, size_t n, int start, int end, int prev_end, const State *prev,
                   State *out) {
    int rc, own = 0, own_hedge = 0;
    const unsigned char *u = (const unsigned char *)s;
    if ((size_t)start + 1 < n && u[start] < 128 && u[start + 1] < 128 && r->cue_head[u[start]][u[start + 1]]) {
        if ((rc = run(r->cues, s, (size_t)end, (size_t)start)) < 0) return -1;
        own = rc > 0;
        own_hedge = own && has_group(r->cues, rc, r->cues_hedge);
    }
    if (!own && prev != NULL && start - prev_end < COORD_REACH) {
        if ((rc = run(r->coord, s, (size_t)start, (size_t)prev_end)) < 0) return -1;
        if (rc > 0) {
            *out = (State){start, end, prev->negated, prev->hedged};
            return 0;
        }
    }
    int lo = start - WINDOW;
    if (prev != NULL && prev_end > lo) lo = prev_end;
    else if (lo < 0) lo = 0;
    for (int i = start - 1; i > lo; i--) /* the cheap first cut at the clause: the last ',' then '.' */
        if (s[i] == ',') { lo = i; break; }
    for (int i = start - 1; i > lo; i--)
        if (s[i] == '.') { lo = i; break; }
    int cue_kind = 0, cue_start = 0, cue_end = 0, lead = 0, lead_start = 0, lead_end = 0;
    for (int p = lo, next = lo; p < start; p++) {
        if (p < next || is_word(u[p])) continue;
        int candidate = (u[p] < 128 && r->punct[u[p]]) || (p + 1 < start && s[p + 1] == '-') ||
                        (p + 2 < start && u[p + 1] < 128 && u[p + 2] < 128 && r->scan_head[u[p + 1]][u[p + 2]]);
        if (!candidate) continue;
        if ((rc = run(r->scan, s, (size_t)start, (size_t)p)) < 0) return -1;
        if (rc == 0) continue;
        PCRE2_SIZE *ov = ovector(r->scan);
        next = (int)ov[1];
        int kind = has_group(r->scan, rc, r->scan_hedge) ? r->scan_hedge
                   : has_group(r->scan, rc, r->scan_deny) ? r->scan_deny
                   : has_group(r->scan, rc, r->scan_neg)  ? r->scan_neg
                   : has_group(r->scan, rc, r->scan_lead) ? r->scan_lead
                                                          : r->scan_b;
        if (kind == r->scan_b) {
            cue_kind = lead = 0;
        } else if (kind == r->scan_lead) {
            lead = 1, lead_start = (int)ov[2 * kind], lead_end = (int)ov[1];
            if (u[p] < 128 && r->punct[u[p]]) cue_kind = 0;
        } else {
            cue_kind = kind, cue_start = (int)ov[2 * kind], cue_end = (int)ov[1];
            if (u[p] < 128 && r->punct[u[p]]) lead = 0;
        }
    }
    int p_start = start;
    if (lead) {
        int bare = 1; /* only spaces and hyphens between the lead-in and the term */
        for (int i = lead_end; i < start; i++)
            if (s[i] != ' ' && s[i] != '-') { bare = 0; break; }
        if (bare) p_start = lead_start;
    }
    if (cue_kind) {
        int hedge = cue_kind == r->scan_hedge, applies = hedge || (!own && cue_kind == r->scan_deny);
        if (!applies && !own) {
            if ((rc = run(r->brk, s, (size_t)start, (size_t)cue_end)) < 0) return -1;
            applies = rc == 0;
        }
        if (applies) {
            *out = (State){p_start < cue_start ? p_start : cue_start, end, !hedge, hedge};
            return 0;
        }
    }
    if (own) {
        *out = (State){p_start, end, 0, own_hedge};
        return 0;
    }
    size_t look = (size_t)end, stop = (size_t)end + TAIL_LOOK < n ? (size_t)end + TAIL_LOOK : n;
    while (look < stop && is_space(u[look])) look++;
    int tail_may = look < stop ? u[look] < 128 && r->tail_first[u[look]] : n > (size_t)end + TAIL_LOOK;
    if (tail_may) {
        if ((rc = run(r->tail, s, n, (size_t)end)) < 0) return -1;
        if (rc > 0) {
            int neg = has_group(r->tail, rc, r->tail_neg), hedge = has_group(r->tail, rc, r->tail_hedge);
            *out = (State){p_start, (int)ovector(r->tail)[1], neg, hedge};
            return 0;
        }
    }
    *out = (State){p_start, end, 0, 0};
    return 0;
}

typedef struct {
    Hit *hits;
    size_t count, size;
    struct Done { int end; State state; } *done;
} Work;

static int add_hit(Work *w, Hit hit) {
    if (w->count == w->size) {
        size_t size = w->size ? w->size * 2 : 32;
        Hit *grown = PyMem_Realloc(w->hits, size * sizeof(Hit));
        if (grown == NULL) return -1;
        w->hits = grown, w->size = size;
    }
    w->hits[w->count++] = hit;
    return 0;
}

/* 1: done, 0: give the text to the Python reader, -1: a Python error is set. */
static int find_hits(Reader *r, const char *s, size_t n, Work *w) {
    int consumed[NFLAGS_MAX] = {0};
    const unsigned char *u = (const unsigned char *)s;
    for (size_t p = 1; p < n; p++) {
        if (is_word(u[p - 1])) continue;
        int may = literal_flags(&r->trie, u, n, p);
        if (may == 0) continue;
        size_t left = n - p;
        const Slot *slot = lookup(r, s + p, left < 3 ? left : 3);
        if (slot == NULL && left >= 2) slot = lookup(r, s + p, 2);
        if (slot == NULL) slot = lookup(r, s + p, 1);
        if (slot == NULL) continue;
        for (int i = slot->first; i < slot->first + slot->count; i++) {
            const Scanner *sc = &r->scanners[i];
            if (!(may >> sc->order & 1) || (int)p < consumed[sc->order]) continue;
            int rc = run(sc->term, s, n, p);
            if (rc < 0) return 0;
            if (rc == 0) continue;
            int end = (int)ovector(sc->term)[1];
            consumed[sc->order] = end;
            int negation = 0;
            if (sc->kinds != NULL) {
                if ((rc = run(sc->kinds, s, (size_t)end, p)) < 0) return 0;
                if (rc > 0 && !has_group(sc->kinds, rc, sc->neg)) continue; /* a look-alike */
                negation = rc > 0;
            }
            if (add_hit(w, (Hit){(int)p, end, sc->order, negation}) < 0) return -1;
        }
    }
    return 1;
}

static int read_hits(Reader *r, const char *s, size_t n, Work *w, PyObject *rows) {
    const unsigned char *u = (const unsigned char *)s;
    if (w->count == 0) return 1;
    qsort(w->hits, w->count, sizeof(Hit), by_place);
    if ((w->done = PyMem_Malloc(w->count * sizeof(struct Done))) == NULL) return -1;
    size_t ndone = 0;
    int have_last = 0;
    Hit last = {0};
    State last_state = {0};
    for (size_t i = 0; i < w->count; i++) {
        Hit h = w->hits[i];
        State state;
        if (h.negation) {
            state = (State){h.start, h.end, 1, 0};
        } else if (have_last && last.start == h.start && last.end == h.end) {
            state = last_state; /* the same words found for another flag read the same way */
        } else {
            const struct Done *prev = NULL;
            for (size_t k = ndone; k-- > 0;)
                if (w->done[k].end <= h.start) { prev = &w->done[k]; break; }
            if (context(r, s, n, h.start, h.end, prev ? prev->end : -1, prev ? &prev->state : NULL, &state) < 0)
                return 0;
            last = h, last_state = state, have_last = 1;
        }
        w->done[ndone++] = (struct Done){h.end, state};
        size_t p_end = (size_t)state.end;
        if (p_end + 1 < n && is_space(u[p_end]) &&
            (is_space(u[p_end + 1]) || (u[p_end + 1] < 128 && r->place_first[u[p_end + 1]]))) {
            int rc = run(r->place, s, n, p_end);
            if (rc < 0) return 0;
            if (rc > 0) p_end = ovector(r->place)[1];
        }
        PyObject *row = Py_BuildValue("(iiinNN)", h.start, h.order, state.start, (Py_ssize_t)p_end,
                                      PyBool_FromLong(state.negated), PyBool_FromLong(state.hedged));
        if (row == NULL || PyList_Append(rows, row) < 0) {
            Py_XDECREF(row);
            return -1;
        }
        Py_DECREF(row);
    }
    return 1;
}

/* screen(low) -> [(start, flag order, phrase start, phrase end, negated, hedged), ...] in the order the
 * Python reader finds them, or None when the text is for the Python reader. low: " " + the lower-cased
 * narrative. */
static PyObject *Reader_screen(Reader *self, PyObject *low) {
    if (!PyUnicode_Check(low)) return PyErr_Format(PyExc_TypeError, "screen() takes a str");
    if (!PyUnicode_IS_ASCII(low)) Py_RETURN_NONE;
    const char *s = (const char *)PyUnicode_DATA(low);
    size_t n = (size_t)PyUnicode_GET_LENGTH(low);
    if (n > INT32_MAX / 2) Py_RETURN_NONE;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x1c && s[i] <= 0x1f) Py_RETURN_NONE; /* re's \s matches these, PCRE2's does not */
    Work w = {0};
    PyObject *rows = PyList_New(0);
    int ok = rows == NULL ? -1 : find_hits(self, s, n, &w);
    if (ok == 1) ok = read_hits(self, s, n, &w, rows);
    PyMem_Free(w.hits);
    PyMem_Free(w.done);
    if (ok == 1) return rows;
    Py_XDECREF(rows);
    if (ok < 0) return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    Py_RETURN_NONE;
}

static PyMethodDef Reader_methods[] = {
    {"screen", (PyCFunction)Reader_screen, METH_O, "Every mention in a lower-cased narrative, or None."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ReaderType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "service._screening.Reader",
    .tp_basicsize = sizeof(Reader),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "One vocabulary's compiled scanners and the cue grammar (see service.screening_native).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Reader_init,
    .tp_dealloc = (destructor)Reader_dealloc,
    .tp_methods = Reader_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, .m_name = "service._screening",
    .m_doc = "Native reader for narrative screening (PCRE2 with JIT); see service.screening_native.",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__screening(void) {
    if (PyType_Ready(&RegexType) < 0 || PyType_Ready(&ReaderType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddObjectRef(m, "Regex", (PyObject *)&RegexType) < 0 ||
        PyModule_AddObjectRef(m, "Reader", (PyObject *)&ReaderType) < 0 ||
        PyModule_AddIntConstant(m, "SEARCH", SEARCH) < 0 || PyModule_AddIntConstant(m, "MATCH", MATCH) < 0 ||
        PyModule_AddIntConstant(m, "FULLMATCH", FULLMATCH) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
