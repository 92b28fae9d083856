"""What hecha hands on, in every form a reader takes it.

- `text`: the command line's linter-style findings and claim tables;
- `report`: the highlighted report page (one self-contained HTML file per document) and
  the browser interface's pages;
- `html`: `hecha check --format html`, one page for one or several reports;
- `annotated`: the annotated copy of an original (DOCX comments, PDF notes, else the page);
- `memo`: the audit exports, an XLSX of findings and a Word 核查意见, with review status.
"""
