"""What hecha hands on: documents made from reports for people outside the tool.

`memo` writes the audit exports: an XLSX of findings and a Word 核查意见, for one document
or many, with each finding's review status.
"""
