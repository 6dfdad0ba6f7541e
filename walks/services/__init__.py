"""Services: entries.py writes (save and record the change, one transaction),
progress.py reads progress for pages, weekcache.py keeps assessed weeks."""
