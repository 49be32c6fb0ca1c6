"""Kazakhstan's working days and the regulation's deadlines: the work calendar (``workdays``), the
deadlines a profile sets for a meeting (``deadlines``) and their wording in kk, ru and en
(``deadlines_text``).
"""
