"""The nightly topic pipeline: embeddings (cached) → BERTopic → topics with labels and keywords.

Its heavy dependencies are in ``requirements-topics.txt``, never in the API Lambda: the API must
never import this package. ``python -m chalicelib.topics cluster`` runs the pipeline on a CSV.
"""
