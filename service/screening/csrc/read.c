/* Reading a narrative: service.screening.screen._read and service.screening.context.context, in C.
 *
 * Patterns behave as Python's re does on ASCII text without the four separator controls 0x1c-0x1f
 * (re's \s matches them, PCRE2's does not). For any other text reader_read returns 0 and the
 * caller uses the Python reader; so it does on any PCRE2 error (a match limit, say): the Python
 * reader is the reference, this is only a faster way to its answer. Comments name the Python lines
 * each part mirrors. */
#include <string.h>

#include "reader.h"

typedef struct {
    int start, end, negated, hedged; /* screening_context.State */
} State;

typedef struct {
    int end;
    State state;
} Done;

static inline int is_word(unsigned char c) { return WORD_CHARACTER[c]; }
static inline int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static int before(Hit x, Hit y) { /* sorted(hits) */
    if (x.start != y.start) return x.start < y.start;
    if (x.end != y.end) return x.end < y.end;
    if (x.order != y.order) return x.order < y.order;
    return x.negation < y.negation;
}

/* Of the cue scan's groups, the one that matched (rc: what regex_run returned). */
static int scan_kind(Reader *r, int rc) {
    int kinds[] = {r->scan_hedge, r->scan_deny, r->scan_neg, r->scan_lead};
    for (int i = 0; i < 4; i++)
        if (regex_has(r->cue_scan, rc, kinds[i])) return kinds[i];
    return r->scan_b;
}

/* context(low, start, end, prev) on s[0:n]; prev NULL when no earlier mention. <0: give up. */
static int context(Reader *r, const char *s, size_t n, int start, int end, const Done *prev, State *out) {
    const unsigned char *u = (const unsigned char *)s;
    int rc, own = 0, own_hedge = 0;
    if ((size_t)start + 1 < n && r->cue_head[u[start]][u[start + 1]]) { /* "not breathing": its own cue */
        if ((rc = regex_run(r->cues, s, (size_t)end, (size_t)start)) < 0) return -1;
        own = rc > 0;
        own_hedge = own && regex_has(r->cues, rc, r->cues_hedge);
    }
    if (!own && prev != NULL && start - prev->end < r->coord_reach) { /* "no gun or knife" */
        if ((rc = regex_run(r->coord, s, (size_t)start, (size_t)prev->end)) < 0) return -1;
        if (rc > 0) {
            *out = (State){start, end, prev->state.negated, prev->state.hedged};
            return 0;
        }
    }
    int lo = start - r->window;
    if (prev != NULL && prev->end > lo) lo = prev->end;
    else if (lo < 0) lo = 0;
    /* low.rfind(",", lo, start), then "." from there: the last of either, in one pass. */
    for (int i = start - 1; i > lo; i--)
        if (s[i] == ',' || s[i] == '.') { lo = i; break; }
    /* _SCAN.finditer(low, lo, start), tried only where the scan trie or punctuation allows a match */
    int cue = 0, cue_start = 0, cue_end = 0, lead = 0, lead_start = 0, lead_end = 0;
    for (int p = lo, next = lo; p < start; p++) {
        if (p < next) {
            p = next - 1;
            continue;
        }
        if (is_word(u[p])) { /* to the word's end: u[start - 1], before a term, is no word character */
            while (is_word(u[p + 1])) p++;
            continue;
        }
        int kind;
        if (trie_walk(&r->scan, u, n, (size_t)p + 1)) { /* a cue, lead-in or boundary word may start */
            if ((rc = regex_run(r->cue_scan, s, (size_t)start, (size_t)p)) < 0) return -1;
            if (rc == 0) continue;
            kind = scan_kind(r, rc);
            next = (int)regex_ovector(r->cue_scan)[1];
        } else if (r->punct[u[p]]) { /* none can: the scan would find this clause end, one character */
            kind = r->scan_b;
            next = p + 1;
        } else if (p + 1 < start && (s[p + 1] == '-' || s[p + 1] == '/')) { /* " -", " /": a clause end if white space follows */
            if ((rc = regex_run(r->cue_scan, s, (size_t)start, (size_t)p)) < 0) return -1;
            if (rc == 0) continue;
            kind = r->scan_b;
            next = (int)regex_ovector(r->cue_scan)[1];
        } else {
            continue;
        }
        if (kind == r->scan_b) {
            cue = lead = 0;
        } else if (kind == r->scan_lead) { /* only a match of the scan gives these kinds */
            lead = 1, lead_start = (int)regex_ovector(r->cue_scan)[2 * kind], lead_end = next;
            if (r->punct[u[p]]) cue = 0;
        } else {
            cue = kind, cue_start = (int)regex_ovector(r->cue_scan)[2 * kind], cue_end = next;
            if (r->punct[u[p]]) lead = 0;
        }
    }
    int p_start = start; /* a lead-in counts when only spaces and hyphens stand between it and the term */
    if (lead) {
        p_start = lead_start;
        for (int i = lead_end; i < start; i++)
            if (s[i] != ' ' && s[i] != '-') { p_start = start; break; }
    }
    if (cue) {
        int hedge = cue == r->scan_hedge, applies = hedge || (!own && cue == r->scan_deny);
        if (!applies && !own) { /* a plain negation, unless a new subject or a give-up verb breaks it */
            if ((rc = regex_run(r->brk, s, (size_t)start, (size_t)cue_end)) < 0) return -1;
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
    size_t look = (size_t)end, tail_end = (size_t)end + (size_t)r->tail_look, stop = tail_end < n ? tail_end : n;
    while (look < stop && is_space(u[look])) look++;
    if (look < stop ? r->tail_first[u[look]] : n > tail_end) { /* "weapons: none" */
        if ((rc = regex_run(r->tail, s, n, (size_t)end)) < 0) return -1;
        if (rc > 0) {
            int neg = regex_has(r->tail, rc, r->tail_neg), hedge = regex_has(r->tail, rc, r->tail_hedge);
            *out = (State){p_start, (int)regex_ovector(r->tail)[1], neg, hedge};
            return 0;
        }
    }
    *out = (State){p_start, end, 0, 0};
    return 0;
}

static int add_hit(Work *w, Hit hit) {
    if (w->count == w->size) {
        size_t size = w->size * 2;
        Hit *grown = w->hits == w->hits_here ? PyMem_Malloc(size * sizeof(Hit)) : PyMem_Realloc(w->hits, size * sizeof(Hit));
        if (grown == NULL) return -1;
        if (w->hits == w->hits_here) memcpy(grown, w->hits_here, sizeof w->hits_here);
        w->hits = grown, w->size = size;
    }
    w->hits[w->count++] = hit;
    return 0;
}

/* At word start p, the flags in may whose terms start with the same characters: their matches, as
 * hits. 1: done, 0: give the text to the Python reader, -1: out of memory. */
static int try_scanners(Reader *r, const char *s, size_t n, size_t p, int may, int consumed[NFLAGS_MAX], Work *w) {
    size_t left = n - p;
    const Slot *slot = NULL; /* the longest start key the text starts with (screen._read's lengths) */
    for (size_t k = left < (size_t)r->key_max ? left : (size_t)r->key_max; slot == NULL && k >= 1; k--)
        slot = reader_slot(r, s + p, k);
    for (int i = slot ? slot->first : 0; slot && i < slot->first + slot->count; i++) {
        const Scanner *sc = &r->scanners[i];
        if (!(may >> sc->order & 1) || (int)p < consumed[sc->order]) continue;
        int rc = regex_run(sc->term, s, n, p);
        if (rc <= 0) {
            if (rc < 0) return 0;
            continue;
        }
        int end = (int)regex_ovector(sc->term)[1], negation = 0;
        consumed[sc->order] = end;
        if (sc->kinds != NULL) {
            if ((rc = regex_run(sc->kinds, s, (size_t)end, p)) < 0) return 0;
            if (rc > 0 && !regex_has(sc->kinds, rc, sc->neg)) continue; /* a look-alike ("nail gun") */
            negation = rc > 0;
        }
        if (add_hit(w, (Hit){(int)p, end, sc->order, negation}) < 0) return -1;
    }
    return 1;
}

/* The first loop of _read. 1: done, 0: give the text to the Python reader, -1: out of memory. */
static int find_hits(Reader *r, const char *s, size_t n, Work *w) {
    const unsigned char *u = (const unsigned char *)s;
    int consumed[NFLAGS_MAX] = {0}; /* like finditer: a match hides what starts inside it */
    size_t p = 0;
    while (p < n && is_word(u[p])) p++; /* a word at the very start has no non-word character before it */
    /* Only word starts can start a term (keys start with a word character): a word is passed in
     * one tight loop, what separates it from the next one character at a time. */
    for (p++; p < n; p++) { /* here u[p - 1] is a non-word character */
        if (!is_word(u[p])) continue;
        int may = trie_walk(&r->terms, u, n, p), ok;
        if (may != 0 && (ok = try_scanners(r, s, n, p, may, consumed, w)) != 1) return ok;
        while (is_word(u[p + 1])) p++; /* the '\0' after the text ends the last word */
        p++; /* the non-word character after the word, which the loop steps past */
    }
    return 1;
}

/* The second loop of _read: each mention's context, and the place after it ("in the house").
 * done: room for a Done per hit. */
static int read_hits(Reader *r, const char *s, size_t n, Work *w, Done *done) {
    const unsigned char *u = (const unsigned char *)s;
    Hit last = {-1, -1, 0, 0}; /* the last mention read in context, and how */
    State last_state = {0};
    for (size_t i = 0; i < w->count; i++) {
        Hit h = w->hits[i];
        State state;
        if (h.negation) {
            state = (State){h.start, h.end, 1, 0};
        } else if (last.start == h.start && last.end == h.end) {
            state = last_state; /* the same words found for another flag read the same way */
        } else {
            const Done *prev = NULL;
            for (size_t k = i; k-- > 0;)
                if (done[k].end <= h.start) { prev = &done[k]; break; }
            if (context(r, s, n, h.start, h.end, prev, &state) < 0) return 0;
            last = h, last_state = state;
        }
        done[i] = (Done){h.end, state};
        int p_end = state.end;
        if ((size_t)p_end + 1 < n && is_space(u[p_end]) && (is_space(u[p_end + 1]) || r->place_first[u[p_end + 1]])) {
            int rc = regex_run(r->place, s, n, (size_t)p_end);
            if (rc < 0) return 0;
            if (rc > 0) p_end = (int)regex_ovector(r->place)[1];
        }
        w->rows[i] = (Row){h.start, h.order, state.start, p_end, state.negated, state.hedged};
    }
    w->nrows = w->count;
    return 1;
}

/* The hits in order, then read_hits with room for the rows and what it reads. */
static int sort_and_read(Reader *r, const char *s, size_t n, Work *w) {
    /* Found in the order of their starts, hits are out of order only among those at one start:
     * an insertion sort has little to move. */
    for (size_t i = 1; i < w->count; i++) {
        Hit h = w->hits[i];
        size_t j = i;
        for (; j > 0 && before(h, w->hits[j - 1]); j--) w->hits[j] = w->hits[j - 1];
        w->hits[j] = h;
    }
    Done done_here[WORK_HERE], *done = done_here;
    if (w->count > WORK_HERE) { /* reader_work_free frees the rows */
        done = PyMem_Malloc(w->count * sizeof(Done));
        w->rows = PyMem_Malloc(w->count * sizeof(Row));
        if (done == NULL || w->rows == NULL) {
            PyMem_Free(done);
            return -1;
        }
    }
    int ok = read_hits(r, s, n, w, done);
    if (done != done_here) PyMem_Free(done);
    return ok;
}

/* The rows of _read for s[0:n] (ASCII, lower-cased, a non-word character first, a '\0' at s[n]) in w;
 * 1: done, 0: the text is for the Python reader, -1: an error is set. */
int reader_read(Reader *r, const char *s, size_t n, Work *w) {
    if (n > INT32_MAX / 2) return 0;
    int ok = find_hits(r, s, n, w);
    if (ok == 1) ok = sort_and_read(r, s, n, w);
    if (ok < 0 && !PyErr_Occurred()) PyErr_NoMemory();
    return ok;
}

/* The controls 0x1c-0x1f: re's \s matches them, PCRE2's does not. */
static inline int is_separator(unsigned char c) { return c >= 0x1c && c <= 0x1f; }

int reader_read_low(Reader *r, PyObject *low, Work *w) {
    if (!PyUnicode_Check(low)) {
        PyErr_SetString(PyExc_TypeError, "the narrative is a str");
        return -1;
    }
    if (!PyUnicode_IS_ASCII(low)) return 0;
    const char *s = (const char *)PyUnicode_DATA(low); /* ASCII: one byte a character, and a '\0' after */
    size_t n = (size_t)PyUnicode_GET_LENGTH(low);
    for (size_t i = 0; i < n; i++)
        if (is_separator((unsigned char)s[i])) return 0;
    return reader_read(r, s, n, w);
}

/* Eight ASCII characters at a time: A-Z become a-z (str.lower on ASCII), and a separator control
 * among them is noticed. Byte by byte, with an early exit, it took ~12 instructions a character,
 * twice what str.lower takes; this takes under 2. */
#define ONES 0x0101010101010101ull
static inline uint64_t lower8(uint64_t x, uint64_t *separators) {
    uint64_t from_a = x + ONES * (0x80 - 'A'), past_z = x + ONES * (0x7f - 'Z'); /* high bits: >= 'A', > 'Z' */
    uint64_t sep = (x ^ ONES * 0x1c) & ONES * 0xfc; /* a zero byte: 0x1c-0x1f */
    *separators |= (sep - ONES) & ~sep & ONES * 0x80;
    return x | ((from_a & ~past_z & ONES * 0x80) >> 2);
}

int reader_lower(PyObject *text, char *buffer, size_t room) {
    size_t n = (size_t)PyUnicode_GET_LENGTH(text), i = 0;
    if (!PyUnicode_IS_ASCII(text) || n + 2 > room) return 0;
    const unsigned char *t = (const unsigned char *)PyUnicode_DATA(text);
    uint64_t separators = 0, x;
    buffer[0] = ' ';
    for (; i + 8 <= n; i += 8) {
        memcpy(&x, t + i, 8);
        x = lower8(x, &separators);
        memcpy(buffer + i + 1, &x, 8);
    }
    for (; i < n; i++) {
        x = lower8(t[i], &separators);
        buffer[i + 1] = (char)x;
    }
    buffer[n + 1] = '\0';
    return separators == 0;
}

void reader_work_init(Work *w) {
    w->hits = w->hits_here, w->count = 0, w->size = WORK_HERE;
    w->rows = w->rows_here, w->nrows = 0;
}

void reader_work_free(Work *w) {
    if (w->hits != w->hits_here) PyMem_Free(w->hits);
    if (w->rows != w->rows_here) PyMem_Free(w->rows);
}
