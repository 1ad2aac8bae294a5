"""Build pipeline for the executed, bilingual Keras guide site."""
