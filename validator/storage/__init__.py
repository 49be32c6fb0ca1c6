"""What is kept between runs: the file-report cache.
"""
