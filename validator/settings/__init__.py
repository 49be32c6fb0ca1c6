"""What a run is configured by: the regulation's profile (``profile``), the user's options from
``[tool.validator]`` or validator.toml (``options``) and waivers (``waivers``).
"""
