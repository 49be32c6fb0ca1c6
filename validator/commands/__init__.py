"""The command line: ``validator`` and its subcommands (``main``), the pre-commit hook, the
deadline calendar command, the rules documentation and the progress bar.
"""
