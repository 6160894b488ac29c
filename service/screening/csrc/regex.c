/* The Regex type: see regex.h. */
#include "regex.h"

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
    if (self->code != NULL) {
        PyErr_SetString(PyExc_TypeError, "a Regex is compiled once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "s#|i", kwlist, &pattern, &size, &mode)) return -1;
    if (mode < SEARCH || mode > FULLMATCH) {
        PyErr_SetString(PyExc_ValueError, "mode is SEARCH, MATCH or FULLMATCH");
        return -1;
    }
    /* JIT code takes these at compile time only (at match time they would turn the JIT off). */
    uint32_t options = mode == SEARCH ? 0 : mode == MATCH ? PCRE2_ANCHORED : PCRE2_ANCHORED | PCRE2_ENDANCHORED;
    for (Py_ssize_t i = 0; i < size; i++) {
        if ((unsigned char)pattern[i] >= 0x80) { /* a non-ASCII literal is one character, not its bytes */
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
        pcre2_code_free(self->code);
        self->code = NULL;
        PyErr_NoMemory();
        return -1;
    }
    self->ovector = pcre2_get_ovector_pointer(self->data);
    return 0;
}

static PyObject *Regex_group_number(Regex *self, PyObject *name) {
    if (as_regex((PyObject *)self) == NULL) return NULL;
    const char *text = PyUnicode_AsUTF8(name);
    if (text == NULL) return NULL;
    int n = pcre2_substring_number_from_name(self->code, (PCRE2_SPTR)text);
    if (n < 0) return PyErr_Format(PyExc_KeyError, "no group named %U", name);
    return PyLong_FromLong(n);
}

/* For tests: where a match at pos ends, or None. */
static PyObject *Regex_end(Regex *self, PyObject *args) {
    PyObject *text;
    Py_ssize_t length, pos = 0;
    if (as_regex((PyObject *)self) == NULL || !PyArg_ParseTuple(args, "U|n", &text, &pos)) return NULL;
    const char *s = PyUnicode_AsUTF8AndSize(text, &length);
    if (s == NULL) return NULL;
    if (pos < 0 || pos > length) return PyErr_Format(PyExc_ValueError, "pos outside the text");
    int rc = regex_run(self, s, (size_t)length, (size_t)pos);
    if (rc < 0) return PyErr_Format(PyExc_RuntimeError, "PCRE2 match error");
    if (rc == 0) Py_RETURN_NONE;
    return PyLong_FromSize_t(regex_ovector(self)[1]);
}

static PyMethodDef Regex_methods[] = {
    {"group_number", (PyCFunction)Regex_group_number, METH_O, "The number of a named group."},
    {"end", (PyCFunction)Regex_end, METH_VARARGS, "Where a match at pos ends, or None."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject RegexType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "service.screening._reader.Regex",
    .tp_basicsize = sizeof(Regex),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A pattern compiled with PCRE2 (JIT where available); mode 0 search, 1 match, 2 fullmatch.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Regex_init,
    .tp_dealloc = (destructor)Regex_dealloc,
    .tp_methods = Regex_methods,
};

Regex *as_regex(PyObject *o) {
    if (!PyObject_TypeCheck(o, &RegexType) || ((Regex *)o)->code == NULL || ((Regex *)o)->data == NULL) {
        PyErr_SetString(PyExc_TypeError, "expected a compiled service.screening._reader.Regex");
        return NULL;
    }
    return (Regex *)o;
}
