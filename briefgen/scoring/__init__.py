"""The readiness check: the Scale-and-Ship judge (``bar``), the Impact-First rules (``rules``),
their result (``result``) and its JSON (``json_report``).

Import the submodule you need: :mod:`briefgen.scoring.bar` is on every render's path, the rest
only where a readiness check runs.
"""
