"""Translators' tools: checks that compare a Korean guide source with its English one.

Every check is a pure function over parsed guides (``guidesite.sources``) and
returns problems as data; only ``cli`` and ``files`` touch the filesystem.
"""
