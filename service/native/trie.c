/* Building a Trie (trie.h) from the arrays service.screening_native makes. */
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
    PyMem_Free(t->bits);
    PyMem_Free(t->edges);
    PyMem_Free(t->pairs);
    t->bits = NULL, t->edges = NULL, t->pairs = NULL;
}

/* The direct tables for the first two steps of a walk. */
static int fill_tables(Trie *t) {
    if ((t->pairs = PyMem_Malloc(128 * 128 * sizeof(int32_t))) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (int c1 = 0; c1 < 128; c1++) {
        t->root[c1] = trie_child(t, 0, (uint8_t)c1);
        for (int c2 = 0; c2 < 128; c2++)
            t->pairs[c1 * 128 + c2] = t->root[c1] < 0 ? -1 : trie_child(t, t->root[c1], (uint8_t)c2);
    }
    return 0;
}

int trie_fill(Trie *t, PyObject *spec) {
    PyObject *bits, *parent, *chars, *child;
    if (!PyArg_ParseTuple(spec, "SSSS", &bits, &parent, &chars, &child)) return -1;
    Py_ssize_t nodes, n_parent, n_chars, n_child;
    int32_t *parents = NULL, *children = NULL;
    uint8_t *cs = NULL;
    int ok = (t->bits = copy(bits, 4, &nodes)) != NULL && (parents = copy(parent, 4, &n_parent)) != NULL &&
             (cs = copy(chars, 1, &n_chars)) != NULL && (children = copy(child, 4, &n_child)) != NULL;
    if (ok && (nodes < 1 || n_parent != n_chars || n_child != n_chars || nodes > INT32_MAX / 256)) {
        PyErr_SetString(PyExc_ValueError, "malformed trie arrays");
        ok = 0;
    }
    if (ok) {
        uint32_t size = 16, shift = 28;
        while (size < (uint32_t)n_chars * 2) size *= 2, shift--;
        t->mask = size - 1, t->shift = shift;
        if ((t->edges = PyMem_Calloc(size, sizeof(TrieEdge))) == NULL) {
            PyErr_NoMemory();
            ok = 0;
        }
    }
    for (Py_ssize_t e = 0; ok && e < n_chars; e++) { /* a bad index would read outside the arrays */
        ok = parents[e] >= 0 && parents[e] < nodes && children[e] > 0 && children[e] < nodes &&
             trie_child(t, parents[e], cs[e]) < 0;
        if (!ok) {
            PyErr_SetString(PyExc_ValueError, "malformed trie arrays");
            break;
        }
        uint32_t key = (uint32_t)parents[e] << 8 | cs[e], i = (key * 2654435761u) >> t->shift;
        while (t->edges[i].child != 0) i = (i + 1) & t->mask;
        t->edges[i] = (TrieEdge){key, children[e]};
    }
    PyMem_Free(parents);
    PyMem_Free(children);
    PyMem_Free(cs);
    if (ok && fill_tables(t) < 0) ok = 0;
    if (!ok) trie_free(t);
    return ok ? 0 : -1;
}
