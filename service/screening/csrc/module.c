/* service.screening._reader: the native reader for narrative screening (see service.screening.native).
 * regex.c: patterns under PCRE2; trie.c: literal keys; reader.c: the Reader type; read.c: reading. */
#include "reader.h"

/* For tests: what the Reader reads for text, ' ' + text lower-cased, or None where Python reads it. */
static PyObject *lower(PyObject *Py_UNUSED(module), PyObject *text) {
    if (!PyUnicode_Check(text)) return PyErr_Format(PyExc_TypeError, "lower(text): text is a str");
    size_t room = (size_t)PyUnicode_GET_LENGTH(text) + 2;
    char *low = PyMem_Malloc(room);
    if (low == NULL) return PyErr_NoMemory();
    PyObject *out = reader_lower(text, low, room) ? PyUnicode_FromStringAndSize(low, (Py_ssize_t)room - 1)
                                                   : Py_NewRef(Py_None);
    PyMem_Free(low);
    return out;
}

static PyMethodDef functions[] = {
    {"lower", lower, METH_O, "lower(text) -> ' ' + text.lower() as the Reader reads it, or None (Python reads it)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_methods = functions,
    .m_name = "service.screening._reader",
    .m_doc = "Native reader for narrative screening (PCRE2 with JIT); see service.screening.native.",
    .m_size = -1,
};

uint8_t WORD_CHARACTER[256];

PyMODINIT_FUNC PyInit__reader(void) {
    for (int c = 0; c < 256; c++)
        WORD_CHARACTER[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
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
