"""Settings for every test, doctest and docs page (none: the library reads no environment).

The library writes English unless a call passes ``lang=``; a reader's own
``LOANRELIEF_LANG=zh`` reaches only the command line, so the examples need nothing
cleared (``tests/test_i18n.py`` shows the variable changes nothing the library writes).
"""
