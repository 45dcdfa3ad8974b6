"""Running audits at scale or live: batch and corpus (one worker pool, pool.py; corpus's engines,
engines.py), the server."""
