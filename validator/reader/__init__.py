"""Reading files in isolation: worker processes with time and memory limits, and the readers
that hand a run's files to them.

The reader receives the per-file check as an object (``tasks.FileCheck``: the run's
``run.filejob.FileJob``) and imports nothing above the files it reads: it knows how to run a
check in a limited process and bring back the report and the document's views
(``files.views.DocumentViews``), not what the check does.
"""
