"""Format readers: each turns an opened file into a small, format-neutral view for the checks."""
