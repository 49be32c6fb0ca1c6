"""Plain words for people: where a finding is, why a file could not be read, and numbers with
their units, in Kazakh, Russian and English (the catalogue's ``_plain.toml``).

Rules and reports call these so that a Kazakh or Russian reader sees "слайд 2" and "10,4 МБ",
never a part name or a byte count; the JSON report keeps the raw values.
"""
