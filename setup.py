"""Which packages the distribution holds; everything else is in pyproject.toml.

The profiles stay in the top-level ``rules/`` folder, where the documentation points; they are
shipped as the package ``validator.rules`` by mapping that package to ``rules/`` (a mapping,
not a symbolic link, so a checkout without links, as on Windows, builds the same wheel).
``pyproject.toml`` cannot add a mapped package to the ones it finds, hence this file.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["validator*"]), "validator.rules"],
    package_dir={"validator.rules": "rules"},
)
