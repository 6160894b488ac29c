/* Building a Trie (trie.h) from the arrays service.screening.native makes. */
#include "trie.h"

#include <string.h>

static void *copy(PyObject *b, Py_ssize_t width, Py_ssize_t *count) {
    if (!PyBytes_Check(b) || PyBytes_GET_SIZE(b) % width) {
        PyErr_SetString(PyExc_ValueError, "trie arrays are bytes of whole items");
        return NULL;
    }
    *count = PyBytes_GET_SIZE(b) / width;
    void *out = PyMem_Malloc((size_t)PyBytes_GET_SIZE(b) + 1);
    if (out == NULL) return PyErr_NoMemory();
    memcpy(out, PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
    return out;
}

void trie_free(Trie *t) {
    PyMem_Free(t->cells);
    PyMem_Free(t->bits);
    PyMem_Free(t->pairs);
    t->cells = NULL, t->bits = NULL, t->pairs = NULL;
}

/* node's child by class c, or 0 (the root is nobody's child). */
static uint32_t child(const Trie *t, uint32_t node, unsigned c) {
    uint32_t next = t->cells[node].base + c;
    return t->cells[next].check == node ? next : 0;
}

/* Where children can go while a trie is placed. Each node's children take the first free cells
 * that fit them all; a free cell that failed to fit many nodes is left out of the search (it may
 * still take a child), which keeps a build near linear whatever the keys. */
enum { END = UINT32_MAX, TRIES = 16 };

typedef struct {
    Trie *t;
    size_t size;    /* cells allocated */
    size_t fresh;   /* the cells from here on are free and not yet listed */
    uint32_t *next; /* the listed free cells in order: per listed cell the next one, or END */
    uint8_t *fails; /* per cell: how many nodes it failed to fit */
    uint32_t head, last;
} Space;

/* Room for every cell a node placed from a cell below fresh may take, new ones free. */
static int reserve(Space *sp) {
    size_t want = sp->fresh + sp->t->classes + 1;
    if (want <= sp->size) return 0;
    size_t grown = sp->size * 2 > want ? sp->size * 2 : want, old = sp->size;
    if (grown > INT32_MAX) return -1;
    TrieCell *cells = PyMem_Realloc(sp->t->cells, grown * sizeof(TrieCell));
    if (cells != NULL) sp->t->cells = cells;
    int32_t *bits = PyMem_Realloc(sp->t->bits, grown * sizeof(int32_t));
    if (bits != NULL) sp->t->bits = bits;
    uint32_t *next = PyMem_Realloc(sp->next, grown * sizeof(uint32_t));
    if (next != NULL) sp->next = next;
    uint8_t *fails = PyMem_Realloc(sp->fails, grown);
    if (fails != NULL) sp->fails = fails;
    if (cells == NULL || bits == NULL || next == NULL || fails == NULL) return -1;
    for (size_t i = old; i < grown; i++) cells[i] = (TrieCell){0, TRIE_FREE}, bits[i] = 0, fails[i] = 0;
    sp->size = grown;
    return 0;
}

/* A base for children of the classes in class_of[chars[by_parent[from..to)]], lo the least. */
static int64_t find_base(Space *sp, const int32_t *by_parent, int32_t from, int32_t to, const uint8_t *chars,
                         const uint8_t class_of[128], size_t lo) {
    const TrieCell *cells = sp->t->cells;
    uint32_t prev = END, s = sp->head;
    while (s != END) {
        uint32_t after = sp->next[s];
        if (cells[s].check != TRIE_FREE || sp->fails[s] >= TRIES) { /* taken since, or given up: unlist */
            if (prev == END) sp->head = after;
            else sp->next[prev] = after;
            if (sp->last == s) sp->last = prev;
            s = after;
            continue;
        }
        if (s >= lo) {
            int32_t k = from;
            while (k < to && cells[s - lo + class_of[chars[by_parent[k]]]].check == TRIE_FREE) k++;
            if (k == to) return (int64_t)(s - lo);
        }
        sp->fails[s]++;
        prev = s, s = after;
    }
    return (int64_t)(sp->fresh > lo ? sp->fresh - lo : 0); /* past every cell taken: all are free */
}

/* After a node's children took cells up to top: list the free cells that were fresh. */
static int take(Space *sp, size_t top) {
    for (; sp->fresh <= top; sp->fresh++) {
        if (sp->t->cells[sp->fresh].check != TRIE_FREE) continue;
        sp->next[sp->fresh] = END;
        if (sp->last == END) sp->head = (uint32_t)sp->fresh;
        else sp->next[sp->last] = (uint32_t)sp->fresh;
        sp->last = (uint32_t)sp->fresh;
    }
    return reserve(sp);
}

/* The tree (nodes, and per edge e: parent[e] -chars[e]-> kid[e], each node a kid once and after its
 * parent, as service.screening.native numbers them) as a double array, placed in the nodes' order
 * (breadth first would jump about memory); below: per cell, the bits of the keys ending further
 * down than its node. */
static int place(Trie *t, Py_ssize_t nodes, Py_ssize_t edges, const int32_t *bits, const int32_t *parent,
                 const uint8_t *chars, const int32_t *kid, const uint8_t class_of[128], int32_t **below) {
    int ok = 0, bad = 0; /* bad: the arrays are no such tree (else, when not ok, memory ran out) */
    Space sp = {t, 0, 1, NULL, NULL, END, END};
    /* The edges grouped by parent (first[x] to first[x + 1]), and the nodes' cells (0: none yet). */
    int32_t *first = PyMem_Calloc((size_t)nodes + 1, sizeof(int32_t));
    int32_t *by_parent = PyMem_Malloc((size_t)edges * sizeof(int32_t) + 1);
    uint32_t *cell = PyMem_Calloc((size_t)nodes, sizeof(uint32_t));
    if (first == NULL || by_parent == NULL || cell == NULL || reserve(&sp) < 0) goto done;
    for (Py_ssize_t e = 0; e < edges; e++) {
        if ((bad = parent[e] >= kid[e])) goto done;
        first[parent[e] + 1]++;
    }
    for (Py_ssize_t x = 0; x < nodes; x++) first[x + 1] += first[x];
    for (Py_ssize_t e = 0; e < edges; e++) by_parent[first[parent[e]]++] = (int32_t)e;
    for (Py_ssize_t x = nodes; x > 0; x--) first[x] = first[x - 1]; /* the fill moved each start along */
    first[0] = 0;
    t->cells[0].check = 0; /* the root's: taken, though no walk steps into it */
    for (Py_ssize_t x = 0; x < nodes; x++) {
        int32_t from = first[x], to = first[x + 1];
        if ((bad = x > 0 && cell[x] == 0)) goto done; /* no edge leads to it */
        if (from == to) continue; /* a leaf: base 0 (no cell a walk from it reaches names it) */
        size_t lo = t->classes, hi = 0;
        for (int32_t k = from; k < to; k++) {
            size_t c = class_of[chars[by_parent[k]]];
            lo = c < lo ? c : lo, hi = c > hi ? c : hi;
        }
        size_t base = (size_t)find_base(&sp, by_parent, from, to, chars, class_of, lo);
        t->cells[cell[x]].base = (uint32_t)base;
        for (int32_t k = from; k < to; k++) {
            int32_t e = by_parent[k];
            uint32_t c = (uint32_t)(base + class_of[chars[e]]);
            /* a second edge by the same character, or a second edge to the node */
            if ((bad = t->cells[c].check != TRIE_FREE || cell[kid[e]] != 0)) goto done;
            t->cells[c].check = cell[x], t->bits[c] = bits[kid[e]], cell[kid[e]] = c;
        }
        if (take(&sp, base + hi) < 0) goto done;
    }
    ok = (*below = PyMem_Calloc(sp.size, sizeof(int32_t))) != NULL;
    for (Py_ssize_t x = nodes; ok && --x > 0;) { /* children before parents */
        uint32_t c = cell[x];
        (*below)[t->cells[c].check] |= t->bits[c] | (*below)[c];
    }
done:
    if (!ok && bad) PyErr_SetString(PyExc_ValueError, "malformed trie arrays");
    else if (!ok) PyErr_NoMemory();
    PyMem_Free(first);
    PyMem_Free(by_parent);
    PyMem_Free(cell);
    PyMem_Free(sp.next);
    PyMem_Free(sp.fails);
    return ok ? 0 : -1;
}

/* The classes, from the characters the edges use. */
static void fill_classes(Trie *t, Py_ssize_t edges, const uint8_t *chars, const uint8_t fold[128],
                         uint8_t class_of[128]) {
    class_of[' '] = TRIE_SPACE; /* the separator after the text's end, whether or not a key has ' ' */
    for (Py_ssize_t e = 0; e < edges; e++) class_of[chars[e]] = 1; /* marked; numbered below */
    unsigned classes = 2;
    for (int c = 0; c < 128; c++)
        if (class_of[c] && c != ' ') class_of[c] = (uint8_t)classes++;
    memset(t->cls, TRIE_NONE, sizeof t->cls);
    for (int c = 0; c < 128; c++) t->cls[c] = class_of[fold[c]];
    t->classes = classes;
}

/* The first two steps of every walk, by class. */
static int fill_pairs(Trie *t, const int32_t *below) {
    if ((t->pairs = PyMem_Malloc((size_t)t->classes * t->classes * sizeof(TriePair))) == NULL) return -1;
    for (unsigned c1 = 0; c1 < t->classes; c1++) {
        uint32_t one = c1 == TRIE_NONE ? 0 : child(t, 0, c1);
        for (unsigned c2 = 0; c2 < t->classes; c2++) {
            uint32_t two = one == 0 || c2 == TRIE_NONE ? 0 : child(t, one, c2);
            int32_t bits = (one ? t->bits[one] : 0) | (two ? t->bits[two] : 0);
            if (two && (below[two] & ~bits) == 0) two = 0; /* walking on would add nothing */
            t->pairs[c1 * t->classes + c2] = (TriePair){two, bits};
        }
    }
    return 0;
}

int trie_fill(Trie *t, PyObject *spec, const uint8_t fold[128]) {
    PyObject *bits, *parent, *chars, *child;
    if (!PyArg_ParseTuple(spec, "SSSS", &bits, &parent, &chars, &child)) return -1;
    Py_ssize_t nodes, n_parent, n_chars, n_child;
    int32_t *bs = NULL, *parents = NULL, *children = NULL, *below = NULL;
    uint8_t *cs = NULL, class_of[128] = {0};
    int ok = (bs = copy(bits, 4, &nodes)) != NULL && (parents = copy(parent, 4, &n_parent)) != NULL &&
             (cs = copy(chars, 1, &n_chars)) != NULL && (children = copy(child, 4, &n_child)) != NULL;
    if (ok && (nodes < 1 || n_parent != n_chars || n_child != n_chars || nodes > INT32_MAX / 4)) {
        PyErr_SetString(PyExc_ValueError, "malformed trie arrays");
        ok = 0;
    }
    for (Py_ssize_t e = 0; ok && e < n_chars; e++) { /* a bad index would read outside the arrays */
        ok = parents[e] >= 0 && parents[e] < nodes && children[e] > 0 && children[e] < nodes && cs[e] < 128;
        if (!ok) PyErr_SetString(PyExc_ValueError, "malformed trie arrays");
    }
    if (ok) fill_classes(t, n_chars, cs, fold, class_of);
    ok = ok && place(t, nodes, n_chars, bs, parents, cs, children, class_of, &below) == 0 && fill_pairs(t, below) == 0;
    if (!ok && !PyErr_Occurred()) PyErr_NoMemory();
    PyMem_Free(bs);
    PyMem_Free(parents);
    PyMem_Free(children);
    PyMem_Free(cs);
    PyMem_Free(below);
    if (!ok) trie_free(t);
    return ok ? 0 : -1;
}
