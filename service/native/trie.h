/* Literal keys as a trie over folded text (service.screening_index: word characters stay, white
 * space and '-' become ' ', other characters 0x01, a run of ' ' reads as one). Walked from a word
 * start, it gives the union of the bits of every key that starts there: which flags may have a term
 * there, or whether a cue may start there. Only a pattern decides; the trie only rules places out. */
#ifndef SCREENING_TRIE_H
#define SCREENING_TRIE_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

typedef struct {
    uint32_t key;  /* parent node << 8 | folded character */
    int32_t child; /* 0: an empty slot (the root is nobody's child) */
} TrieEdge;

typedef struct {
    int32_t *bits; /* per node: the bits of the keys ending there */
    TrieEdge *edges;
    uint32_t mask;  /* edges - 1, a power of two less one */
    uint32_t shift; /* 32 - log2(edges) */
    int32_t *pairs; /* [c1 * 128 + c2]: the node two characters down, or -1 (most walks end there) */
    int32_t root[128];
} Trie;

/* spec: (bits, parent, chars, child): bytes of int32, int32, uint8, int32; node 0 is the root. */
int trie_fill(Trie *t, PyObject *spec);
void trie_free(Trie *t);

static inline int32_t trie_child(const Trie *t, int32_t node, uint8_t c) {
    uint32_t key = (uint32_t)node << 8 | c;
    for (uint32_t i = (key * 2654435761u) >> t->shift;; i = (i + 1) & t->mask) {
        if (t->edges[i].child == 0) return -1;
        if (t->edges[i].key == key) return t->edges[i].child;
    }
}

/* The bits of the keys that start at u[p] (u: ASCII text of n characters; fold: the 128-entry fold
 * table). The text reads as if a separator followed its end, as the keys of a phrase ending at a
 * word boundary expect. */
static inline int32_t trie_walk(const Trie *t, const uint8_t fold[128], const unsigned char *u, size_t n, size_t p) {
    /* Keys start with a word character, so the first two characters never fold into a run. */
    if (p >= n) return 0;
    uint8_t c1 = fold[u[p] & 0x7f], c2 = p + 1 == n ? ' ' : fold[u[p + 1] & 0x7f];
    int32_t first = t->root[c1];
    if (first < 0) return 0;
    int32_t node = t->pairs[c1 * 128 + c2], bits = t->bits[first];
    if (node < 0) return bits;
    bits |= t->bits[node];
    uint8_t last = c2;
    for (size_t i = p + 2; i <= n; i++) {
        uint8_t c = i == n ? ' ' : fold[u[i] & 0x7f];
        if (c == ' ' && last == ' ') continue;
        last = c;
        if ((node = trie_child(t, node, c)) < 0) break;
        bits |= t->bits[node];
    }
    return bits;
}

#endif
