"""`hecha_claims`: hecha's extraction run inside a spaCy pipeline.

The extractor reads the whole text (tables, sections, sentences, cues), not tokens, so the
component hands `doc.text` to `extractor.extract_text` and stores the result on the Doc.
Every span of the claims points into `doc.text`: spaCy's tokenizers keep the text they
were given, whitespace included.
"""

from __future__ import annotations

import hashlib

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from models import Claim, Document

from ..extract import extract_text

#: `Doc` extensions set by the component.
CLAIMS = "claims"
DOCUMENT = "hecha_document"


@Language.factory(
    "hecha_claims",
    # The document's name is `doc_name`, not `name`: spaCy passes the component's own
    # name as `name` and drops a `name` key from the saved config.
    default_config={"doc_name": "spacy"},
    assigns=[f"doc._.{CLAIMS}", f"doc._.{DOCUMENT}"],
)
def make_claim_reader(nlp: Language, name: str, *, doc_name: str) -> ClaimReader:
    """Create a `ClaimReader` (see its `__init__` for the settings)."""
    return ClaimReader(nlp, name, doc_name=doc_name)


class ClaimReader(Pipe):
    """Sets `doc._.claims` (list[Claim]) and `doc._.hecha_document` (Document).

    DOCS: extractor/extract.py (`extract_text`)
    """

    def __init__(self, nlp: Language, name: str = "hecha_claims", *,
                 doc_name: str = "spacy") -> None:
        """Initialize the reader and register the Doc extensions.

        nlp (Language): the pipeline.
        name (str): the component's name in the pipeline.
        doc_name (str): the name the Document gets (a file name, for messages).
        """
        self.nlp = nlp
        self.name = name
        self.doc_name = doc_name
        Doc.set_extension(CLAIMS, default=None, force=True)
        Doc.set_extension(DOCUMENT, default=None, force=True)

    def __call__(self, doc: Doc) -> Doc:
        """Extract the Document and its claims from `doc.text`.

        doc (Doc): the Doc to annotate.
        RETURNS (Doc): the same Doc with `doc._.claims` and `doc._.hecha_document` set.
        """
        error_handler = self.get_error_handler()
        try:
            document, claims = self.read(doc.text)
            doc._.set(DOCUMENT, document)
            doc._.set(CLAIMS, claims)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def read(self, text: str) -> tuple[Document, list[Claim]]:
        """The Document and claims of `text`, identified by the SHA-256 of its UTF-8.

        text (str): the text, as given to the pipeline.
        RETURNS (tuple[Document, list[Claim]]): what `extract_text` read.
        """
        doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
        extraction = extract_text(text, self.doc_name, doc_id=doc_id, encoding="utf-8")
        return extraction.document, extraction.claims
