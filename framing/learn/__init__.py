"""Trained models: data loaders, features, training and evaluation (scikit-learn)."""
