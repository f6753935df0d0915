"""PDF stage: words with coordinates -> typed blocks in reading order (and tables)."""
