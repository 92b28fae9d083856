"""What users run: the `hecha` command line now, the HTTP API and batch runner later.

The service sits at the end of the data flow (bytes → extractor → Document and claims →
rules → findings → service): it imports the other packages, and none of them import it.
"""
