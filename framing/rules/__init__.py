"""The lexicon engine: word lists in lexicons/*.toml as data, matched at character offsets."""
