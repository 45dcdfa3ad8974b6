"""Inference only: load the shipped model files and predict. Never imports framing.training."""
