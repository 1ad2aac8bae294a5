"""The pipeline's only uses of third-party internals, one module per library, each saying which
private name it relies on and why no public route does the job; tests/test_adapters.py checks each
one against the pinned library, so an upgrade that changes it fails there, not in a build."""
