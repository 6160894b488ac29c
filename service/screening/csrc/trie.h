/* Literal keys as a trie over folded text (service.screening.index: word characters stay, white
 * space and '-' become ' ', other characters 0x01, a run of ' ' reads as one). Walked from a word
 * start, it gives the union of the bits of every key that starts there: which flags may have a term
 * there, or whether a cue may start there. Only a pattern decides; the trie only rules places out.
 *
 * The trie is a double array: each character the keys use has a small class (1 for ' ', 0 for the
 * characters no key has), and the child of node x by class c is cell base[x] + c if that cell's
 * check is x. A step is then two loads and a compare, where a hash of (node, character) took a
 * multiply and a probe loop; the walk is most of the reader's own work. */
#ifndef SCREENING_TRIE_H
#define SCREENING_TRIE_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

enum { TRIE_NONE = 0, TRIE_SPACE = 1 }; /* the classes of characters no key has, and of ' ' */

typedef struct {
    uint32_t base;  /* the cell of this node's children, less their class */
    uint32_t check; /* the node whose child this cell is; TRIE_FREE: nobody's (the root, 0, is no child) */
} TrieCell;

typedef struct {
    uint32_t node; /* the node two characters down, or 0 where a walk ends there (most do; so do
                    * those that have the bits of every key further down) */
    int32_t bits;  /* the bits of the keys ending one or two characters down */
} TriePair;

typedef struct {
    TrieCell *cells;
    int32_t *bits;   /* per cell: the bits of the keys ending at its node */
    TriePair *pairs; /* [c1 * classes + c2], by class: the first two steps of a walk in one load */
    unsigned classes;
    uint8_t cls[256]; /* a text character's class (the fold and the class in one table) */
} Trie;

#define TRIE_FREE UINT32_MAX

/* spec: (bits, parent, chars, child): bytes of int32, int32, uint8, int32, a tree with node 0 the
 * root; fold: the 128-entry fold table the chars are folded with. */
int trie_fill(Trie *t, PyObject *spec, const uint8_t fold[128]);
void trie_free(Trie *t);

/* The bits of the keys that start at u[p] (u: text of n characters). The text reads as if a
 * separator followed its end, as the keys of a phrase ending at a word boundary expect. */
static inline int32_t trie_walk(const Trie *t, const unsigned char *u, size_t n, size_t p) {
    /* Keys start with a word character, so the first two characters never fold into a run. */
    if (p >= n) return 0;
    unsigned second = p + 1 == n ? TRIE_SPACE : t->cls[u[p + 1]];
    TriePair pair = t->pairs[t->cls[u[p]] * t->classes + second];
    if (pair.node == 0) return pair.bits;
    const TrieCell *cells = t->cells;
    uint32_t node = pair.node;
    int32_t bits = pair.bits;
    size_t i = p + 2;
    if (second == TRIE_SPACE) /* a run of ' ' reads as one: here and after each ' ' below */
        while (i < n && t->cls[u[i]] == TRIE_SPACE) i++;
    for (; i < n; i++) {
        unsigned c = t->cls[u[i]];
        uint32_t next = cells[node].base + c;
        if (cells[next].check != node) return bits;
        node = next, bits |= t->bits[node];
        if (c == TRIE_SPACE)
            while (i + 1 < n && t->cls[u[i + 1]] == TRIE_SPACE) i++;
    }
    if (p + 1 < n && t->cls[u[n - 1]] != TRIE_SPACE) { /* the separator after the end */
        uint32_t next = cells[node].base + TRIE_SPACE;
        if (cells[next].check == node) bits |= t->bits[next];
    }
    return bits;
}

#endif
