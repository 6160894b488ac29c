/* From rows to what service.screening.screen.screen_narrative returns: the findings with the narrative's
 * own words, suicidal means as service.screening.screen._means reads them, in reading order. */
#include "reader.h"

/* For tests: the rows as tuples (start, order, phrase start, phrase end, negated, hedged). */
PyObject *reader_rows(const Work *w) {
    PyObject *rows = PyList_New((Py_ssize_t)w->nrows);
    for (size_t i = 0; rows != NULL && i < w->nrows; i++) {
        const Row *r = &w->rows[i];
        PyObject *t = Py_BuildValue("(iiiiNN)", r->start, r->order, r->p_start, r->p_end,
                                    PyBool_FromLong(r->negated), PyBool_FromLong(r->hedged));
        if (t == NULL) Py_CLEAR(rows);
        else PyList_SET_ITEM(rows, (Py_ssize_t)i, t);
    }
    return rows;
}

/* text[a:b].strip(), as Python strips (any Unicode white space: text need not be ASCII). */
static PyObject *phrase(PyObject *text, Py_ssize_t a, Py_ssize_t b) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (b > n) b = n;
    while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a))) a++;
    while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1))) b--;
    return PyUnicode_Substring(text, a, b);
}

static PyObject *finding(Reader *r, int order, PyObject *words, int negated, int hedged) {
    PyObject *args[] = {PyTuple_GET_ITEM(r->flags, order), words, negated ? Py_True : Py_False,
                        hedged ? Py_True : Py_False};
    return PyObject_Vectorcall(r->finding, args, 4, NULL);
}

typedef struct {
    int start, order, negated, hedged;
    PyObject *phrase, *finding; /* references of its own (a means copy shares the weapon's phrase) */
} Item;

#define ITEMS_HERE 64 /* findings without a malloc */

/* screen_narrative's answer from the rows: a tuple of Findings. */
PyObject *reader_findings(Reader *r, const Work *w, PyObject *text) {
    size_t n = w->nrows, count = 0;
    int intent = 0;
    for (size_t i = 0; i < n; i++) intent |= w->rows[i].order == r->suicidal && !w->rows[i].negated;
    Item here[ITEMS_HERE], *items = here; /* room for a means copy of each weapon */
    PyObject *out = NULL;
    if (2 * n + 1 > ITEMS_HERE && (items = PyMem_Malloc((2 * n + 1) * sizeof(Item))) == NULL) return PyErr_NoMemory();
    for (size_t i = 0; i < n; i++) {
        const Row *row = &w->rows[i];
        if (row->order == r->means && !intent) continue; /* means only matter with suicidal intent */
        PyObject *words = phrase(text, row->p_start - 1, row->p_end - 1), *f;
        if (words == NULL) goto done;
        if ((f = finding(r, row->order, words, row->negated, row->hedged)) == NULL) {
            Py_DECREF(words);
            goto done;
        }
        items[count++] = (Item){row->start, row->order, row->negated, row->hedged, words, f};
    }
    /* Then every weapon mention is also a means mention, unless it already is one (quadratic in
     * the findings, which a narrative has tens of at most). */
    if (intent) {
        size_t before = count;
        for (size_t i = 0; i < before; i++) {
            if (items[i].order != r->weapon) continue;
            int have = 0;
            for (size_t k = 0; k < before && !have; k++) {
                if (items[k].order != r->means) continue;
                if ((have = PyObject_RichCompareBool(items[k].phrase, items[i].phrase, Py_EQ)) < 0) goto done;
            }
            if (have) continue;
            PyObject *f = finding(r, r->means, items[i].phrase, items[i].negated, items[i].hedged);
            if (f == NULL) goto done;
            items[count++] = (Item){items[i].start, r->means, items[i].negated, items[i].hedged,
                                    Py_NewRef(items[i].phrase), f};
        }
    }
    for (size_t i = 1; i < count; i++) { /* a stable sort by (start, order): insertion, the lists are short */
        Item it = items[i];
        size_t j = i;
        while (j > 0 && (items[j - 1].start > it.start || (items[j - 1].start == it.start && items[j - 1].order > it.order))) {
            items[j] = items[j - 1];
            j--;
        }
        items[j] = it;
    }
    if ((out = PyTuple_New((Py_ssize_t)count)) != NULL)
        for (size_t i = 0; i < count; i++) PyTuple_SET_ITEM(out, (Py_ssize_t)i, Py_NewRef(items[i].finding));
done:
    for (size_t i = 0; i < count; i++) {
        Py_DECREF(items[i].phrase);
        Py_DECREF(items[i].finding);
    }
    if (items != here) PyMem_Free(items);
    return out;
}
