/* A Reader: one vocabulary's compiled scanners and tries, and the cue grammar (reader.c builds it,
 * read.c runs it). */
#ifndef SCREENING_READER_H
#define SCREENING_READER_H
#include "regex.h"
#include "trie.h"

#define NFLAGS_MAX 16

typedef struct {
    int order;    /* the flag's place in FLAGS */
    int neg;      /* the number of kinds' group neg (0: none) */
    Regex *term;  /* anchored: the flag's terms that can start with this key */
    Regex *kinds; /* fullmatch with groups skip and/or neg, or NULL */
} Scanner;

/* The longest start key: service.screening.native.KEY_MAX. */
#define KEY_MAX 7

typedef struct {
    uint64_t key;     /* up to KEY_MAX characters and their count: see reader_slot() */
    int first, count; /* the key's scanners in Reader.scanners; count 0: an empty slot */
} Slot;

typedef struct {
    PyObject_HEAD
    int tried, ready; /* __init__ ran; it ran to the end (only then may the reader read) */
    PyObject *keep;   /* every Regex referred to below */
    uint8_t fold[128]; /* the tries fold text with it (trie.h) */
    Trie terms; /* bits: the flags whose terms may start at a place */
    Trie scan;  /* bit 1: a cue, lead-in or boundary word may start at a place */
    Scanner *scanners;
    Slot *slots;
    uint32_t mask; /* slots - 1, a power of two less one */
    int key_max;   /* the longest start key among the slots' */
    Regex *cues, *coord, *cue_scan, *brk, *tail, *place;
    int cues_hedge, scan_b, scan_lead, scan_hedge, scan_deny, scan_neg, tail_neg, tail_hedge;
    uint8_t cue_head[128][128]; /* the first two characters of a cue: only there can a term hold its own */
    uint8_t punct[128], tail_first[128], place_first[128];
    int window, coord_reach, tail_look; /* screening_context's _WINDOW, _COORD_REACH, _TAIL_LOOK */
    PyObject *finding; /* service.screening.screen.Finding, called as Finding(flag, phrase, negated, hedged) */
    PyObject *flags;   /* FLAGS: the flags' names by order */
    int suicidal, means, weapon; /* their orders */
} Reader;

extern PyTypeObject ReaderType;

/* 1 for the characters \w matches in ASCII text: letters, digits, '_' (filled in at import). */
extern uint8_t WORD_CHARACTER[256];

/* s[0:n] (n <= KEY_MAX, ASCII) packed: seven bits a character, the count in the top byte. */
static inline uint64_t reader_key(const char *s, size_t n) {
    uint64_t key = (uint64_t)n << 56;
    for (size_t i = 0; i < n; i++) key |= (uint64_t)((unsigned char)s[i] & 0x7f) << (7 * i);
    return key;
}

static inline uint32_t reader_hash(uint64_t key, uint32_t mask) {
    return (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

/* The scanners for the key s[0:n] (n <= KEY_MAX), or NULL. */
static inline const Slot *reader_slot(const Reader *r, const char *s, size_t n) {
    uint64_t key = reader_key(s, n);
    for (uint32_t i = reader_hash(key, r->mask);; i = (i + 1) & r->mask) {
        if (r->slots[i].count == 0) return NULL;
        if (r->slots[i].key == key) return &r->slots[i];
    }
}

/* One mention as service.screening.screen._read gives it. */
typedef struct {
    int start, order, p_start, p_end, negated, hedged;
} Row;

/* A term's match, before its context is read. */
typedef struct {
    int start, end, order, negation; /* negation: a denial phrase of its own ("unarmed") */
} Hit;

/* Mentions Work holds without a malloc: most narratives have a few, and allocating and freeing
 * their arrays cost more than a mention's own work. */
#define WORK_HERE 32

typedef struct {
    Hit *hits; /* hits_here, or PyMem memory once there are more */
    size_t count, size;
    Row *rows; /* likewise */
    size_t nrows;
    Hit hits_here[WORK_HERE];
    Row rows_here[WORK_HERE];
} Work;

void reader_work_init(Work *w);
/* The rows for s[0:n] in w: see read.c. reader_read_low takes low as a str (' ' + the lower-cased
 * narrative). reader_lower writes ' ' + text lower-cased, and a '\0', into buffer: 0 when the
 * text is for the Python reader (not ASCII, a separator control) or needs more than room bytes. */
int reader_read(Reader *r, const char *s, size_t n, Work *w);
int reader_read_low(Reader *r, PyObject *low, Work *w);
int reader_lower(PyObject *text, char *buffer, size_t room);
void reader_work_free(Work *w);
PyObject *reader_rows(const Work *w);
PyObject *reader_findings(Reader *r, const Work *w, PyObject *text);

#endif
