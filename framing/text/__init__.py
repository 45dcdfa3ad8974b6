"""The text of an article: reading it (ingest), the Document with absolute character offsets, its
blocks, sentences and quotations, and readability."""
