/* service._screening: the native reader for narrative screening (see service.screening_native).
 * regex.c: patterns under PCRE2; trie.c: literal keys; reader.c: the Reader type; read.c: reading. */
#include "reader.h"

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "service._screening",
    .m_doc = "Native reader for narrative screening (PCRE2 with JIT); see service.screening_native.",
    .m_size = -1,
};

uint8_t WORD_CHARACTER[256];

PyMODINIT_FUNC PyInit__screening(void) {
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
