"""Benchmarks of the guide pipeline (issue 6): `python -m bench`, results in bench/results.json."""
