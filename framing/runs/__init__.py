"""Running audits at scale or live: batch, corpus (with its engines), the server."""
