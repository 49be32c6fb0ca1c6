"""Finding packages in a tree: the rule that tells a package from a container (``rules``), folders
read by ``lstat`` (``tree``), packages and refusals (``packages``), conversion of legacy
formats (``legacy``) and the package manifest (``manifest``).
"""
