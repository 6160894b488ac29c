/* The Reader type (reader.h): built from what service.screening.native hands over, checked here. */
#include "reader.h"

#include <string.h>

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

static int keep(Reader *self, PyObject *o, Regex **field) {
    return (*field = as_regex(o)) == NULL ? -1 : PyList_Append(self->keep, o);
}

/* starts: {key: ((order, term Regex, kinds Regex or None, kinds' group neg or 0), ...)} */
static int fill_scanners(Reader *self, PyObject *starts) {
    Py_ssize_t total = 0, pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(starts, &pos, &key, &value)) {
        if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) == 0) {
            PyErr_SetString(PyExc_ValueError, "each start key has a tuple of scanners");
            return -1;
        }
        total += PyTuple_GET_SIZE(value);
    }
    uint32_t size = 16;
    while (size < (uint32_t)PyDict_GET_SIZE(starts) * 2) size *= 2;
    self->mask = size - 1;
    self->slots = PyMem_Calloc(size, sizeof(Slot));
    self->scanners = PyMem_Calloc((size_t)total + 1, sizeof(Scanner));
    if (self->slots == NULL || self->scanners == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t next = 0;
    pos = 0;
    while (PyDict_Next(starts, &pos, &key, &value)) {
        Py_ssize_t n;
        const char *k = PyUnicode_Check(key) ? PyUnicode_AsUTF8AndSize(key, &n) : NULL;
        if (k == NULL || n < 1 || n > KEY_MAX || !PyUnicode_IS_ASCII(key)) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a start key is 1-7 ASCII characters");
            return -1;
        }
        if ((int)n > self->key_max) self->key_max = (int)n;
        uint64_t packed = reader_key(k, (size_t)n);
        uint32_t i = reader_hash(packed, self->mask);
        while (self->slots[i].count != 0) i = (i + 1) & self->mask;
        self->slots[i] = (Slot){packed, (int)next, (int)PyTuple_GET_SIZE(value)};
        if (next + PyTuple_GET_SIZE(value) > total) { /* the dict changed under us */
            PyErr_SetString(PyExc_RuntimeError, "the start keys changed while the Reader was built");
            return -1;
        }
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(value); j++, next++) {
            Scanner *sc = &self->scanners[next];
            PyObject *term, *kinds;
            if (!PyArg_ParseTuple(PyTuple_GET_ITEM(value, j), "iOOi", &sc->order, &term, &kinds, &sc->neg)) return -1;
            if (sc->order < 0 || sc->order >= NFLAGS_MAX) {
                PyErr_SetString(PyExc_ValueError, "a flag's order is 0-15");
                return -1;
            }
            if (keep(self, term, &sc->term) < 0 || (kinds != Py_None && keep(self, kinds, &sc->kinds) < 0)) return -1;
        }
    }
    return 0;
}

/* Reader(fold, terms trie, scan trie, starts, grammar, groups, cue_heads, punct, tail_first, place_first,
 * (window, coordination reach, tail look-ahead), Finding, FLAGS, (suicidal, suicidal_means, weapon orders)):
 * fold: the 128-byte fold table; tries: see trie_fill; grammar: (cues, coord, scan, brk, tail, place);
 * groups: the group numbers in the order of the fields cues_hedge ... tail_hedge; cue_heads: two-character
 * strings; the rest: strings of characters. */
static int Reader_init(Reader *self, PyObject *args, PyObject *Py_UNUSED(kwds)) {
    PyObject *fold, *terms, *scan, *starts, *grammar, *groups, *cue_heads, *punct, *tail_first, *place_first;
    PyObject *finding, *flags;
    if (self->tried) { /* a second try would have to undo a half-built first one */
        PyErr_SetString(PyExc_TypeError, "a Reader is built once");
        return -1;
    }
    self->tried = 1;
    if (!PyArg_ParseTuple(args, "SO!O!O!O!O!OUUU(iii)OO!(iii)", &fold, &PyTuple_Type, &terms, &PyTuple_Type,
                          &scan, &PyDict_Type, &starts, &PyTuple_Type, &grammar, &PyTuple_Type, &groups,
                          &cue_heads, &punct, &tail_first, &place_first, &self->window, &self->coord_reach,
                          &self->tail_look, &finding, &PyTuple_Type, &flags, &self->suicidal, &self->means,
                          &self->weapon))
        return -1;
    if (self->window < 0 || self->coord_reach < 0 || self->tail_look < 0) {
        PyErr_SetString(PyExc_ValueError, "the reaches are not negative");
        return -1;
    }
    Py_ssize_t nflags = PyTuple_GET_SIZE(flags);
    if (!PyCallable_Check(finding) || nflags > NFLAGS_MAX || self->suicidal < 0 || self->suicidal >= nflags ||
        self->means < 0 || self->means >= nflags || self->weapon < 0 || self->weapon >= nflags) {
        PyErr_SetString(PyExc_ValueError, "a callable Finding, at most 16 flags, and orders among them");
        return -1;
    }
    self->finding = Py_NewRef(finding);
    self->flags = Py_NewRef(flags);
    if (PyBytes_GET_SIZE(fold) != 128 || PyTuple_GET_SIZE(grammar) != 6 || PyTuple_GET_SIZE(groups) != 8) {
        PyErr_SetString(PyExc_ValueError, "fold has 128 entries, grammar 6 patterns and groups 8 numbers");
        return -1;
    }
    if ((self->keep = PyList_New(0)) == NULL) return -1;
    memcpy(self->fold, PyBytes_AS_STRING(fold), 128);
    for (int c = 0; c < 128; c++) /* the tries index their tables with these */
        if (self->fold[c] >= 128) {
            PyErr_SetString(PyExc_ValueError, "the fold table maps ASCII to ASCII");
            return -1;
        }
    Regex **patterns[] = {&self->cues, &self->coord, &self->cue_scan, &self->brk, &self->tail, &self->place};
    for (int i = 0; i < 6; i++)
        if (keep(self, PyTuple_GET_ITEM(grammar, i), patterns[i]) < 0) return -1;
    int *numbers[] = {&self->cues_hedge, &self->scan_b, &self->scan_lead, &self->scan_hedge, &self->scan_deny,
                      &self->scan_neg, &self->tail_neg, &self->tail_hedge};
    for (int i = 0; i < 8; i++)
        if ((*numbers[i] = (int)PyLong_AsLong(PyTuple_GET_ITEM(groups, i))) == -1 && PyErr_Occurred()) return -1;
    if (trie_fill(&self->terms, terms, self->fold) < 0 || trie_fill(&self->scan, scan, self->fold) < 0 ||
        fill_scanners(self, starts) < 0 || fill_pairs(self->cue_head, cue_heads) < 0 ||
        fill_chars(self->punct, punct) < 0 || fill_chars(self->tail_first, tail_first) < 0 ||
        fill_chars(self->place_first, place_first) < 0)
        return -1;
    for (Py_ssize_t i = 0; i < self->mask + 1; i++) /* every scanner's flag has a name */
        for (int j = 0; j < self->slots[i].count; j++)
            if (self->scanners[self->slots[i].first + j].order >= nflags) {
                PyErr_SetString(PyExc_ValueError, "a scanner's flag order is not among the flags");
                return -1;
            }
    self->ready = 1;
    return 0;
}

static void Reader_dealloc(Reader *self) {
    Py_XDECREF(self->keep);
    Py_XDECREF(self->finding);
    Py_XDECREF(self->flags);
    trie_free(&self->terms);
    trie_free(&self->scan);
    PyMem_Free(self->scanners);
    PyMem_Free(self->slots);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int built(Reader *self) {
    if (!self->ready) PyErr_SetString(PyExc_TypeError, "the Reader was not built");
    return self->ready;
}

static PyObject *Reader_screen(Reader *self, PyObject *low) {
    Work w;
    reader_work_init(&w);
    int ok = built(self) ? reader_read_low(self, low, &w) : -1;
    PyObject *out = ok == 1 ? reader_rows(&w) : NULL;
    reader_work_free(&w);
    if (ok == 0) Py_RETURN_NONE;
    return out;
}

#define TEXT_HERE 4096 /* narratives up to this long are lowered on the stack */

static PyObject *Reader_findings(Reader *self, PyObject *text) {
    if (!PyUnicode_Check(text)) return PyErr_Format(PyExc_TypeError, "findings(text): text is a str");
    if (!built(self)) return NULL;
    char here[TEXT_HERE], *low = here;
    size_t room = (size_t)PyUnicode_GET_LENGTH(text) + 2;
    if (room > INT32_MAX / 2) Py_RETURN_NONE; /* past what the reader's int offsets hold: Python reads it */
    if (room > TEXT_HERE && (low = PyMem_Malloc(room)) == NULL) return PyErr_NoMemory();
    PyObject *out = NULL;
    int ok = reader_lower(text, low, room);
    if (ok == 1) {
        Work w;
        reader_work_init(&w);
        ok = reader_read(self, low, room - 1, &w);
        if (ok == 1) out = reader_findings(self, &w, text);
        reader_work_free(&w);
    }
    if (low != here) PyMem_Free(low);
    if (ok == 0) Py_RETURN_NONE;
    return out;
}

static PyMethodDef Reader_methods[] = {
    {"screen", (PyCFunction)Reader_screen, METH_O,
     "screen(low) -> [(start, flag order, phrase start, phrase end, negated, hedged), ...] as "
     "service.screening.screen._read gives them, or None where the text is for the Python reader. low: ' ' + "
     "the lower-cased narrative."},
    {"findings", (PyCFunction)Reader_findings, METH_O,
     "findings(text) -> what screen_narrative(text) returns, or None where the text is for the "
     "Python reader."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject ReaderType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "service.screening._reader.Reader",
    .tp_basicsize = sizeof(Reader),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "One vocabulary's compiled scanners and tries, and the cue grammar (see service.screening.native).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Reader_init,
    .tp_dealloc = (destructor)Reader_dealloc,
    .tp_methods = Reader_methods,
};
