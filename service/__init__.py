"""What users run: the `hecha` command line now, the HTTP API and batch runner later.

The service sits at the end of the data flow (bytes → extractor → Document and claims →
rules → findings → service): it imports the other packages, and none of them import it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hecha")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
