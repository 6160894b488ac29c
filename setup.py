"""The one thing pyproject.toml cannot say: the optional native screening reader (C, PCRE2).

Building it needs a C compiler and PCRE2's headers (Debian: gcc, libpcre2-dev; scripts/setup.sh
installs them). Without them the install still succeeds and screening runs in pure Python, slower.
"""

from pathlib import Path

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "service.screening._reader",
            sorted(str(p) for p in Path("service/screening/csrc").glob("*.c")),
            depends=sorted(str(p) for p in Path("service/screening/csrc").glob("*.h")),
            libraries=["pcre2-8"],
            optional=True,
        ),
    ],
)
