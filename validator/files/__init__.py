"""One file as the checks see it: where its bytes are (``Member``), its lazily computed views
(``Document``) and what kind of material it is (``classify``).
"""
