"""One run of the checks: the engine that orchestrates it, the file readers and their worker
processes, stamping of hits into findings, and failing closed.
"""
