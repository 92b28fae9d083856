"""bytes → Document → claims.

`extract(data, name)` is the entry point, for text files and for the PDF, DOCX, XLSX, XLS,
HTML and image files reports are published as (`extractor.readers`); `extractor.pipeline`
offers the same through a spaCy `zh` pipeline (`nlp(text)._.claims`) for users of spaCy.
"""

from .extract import Extraction, extract, extract_text

__all__ = ["Extraction", "extract", "extract_text"]
