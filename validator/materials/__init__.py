"""What the regulation says about meeting materials, as pure functions of names and text: the role
a file plays (``roles``), restriction markings (``markings``), the reading time of a report
(``reading_time``).
"""
