"""briefgen: structured YAML about your ML projects -> a one-page interview impact brief.

The library never prints or exits; see :mod:`briefgen.cli` for the command line.
"""

__version__ = "0.1.0"
