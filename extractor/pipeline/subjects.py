"""`hecha_subjects`: the lexicon's subjects as spans of a spaCy Doc.

The extractor finds subjects with one regex alternation over the *normalized* text (see
`extractor.lexicon`); this component runs the same matcher, maps each match back to the
original text (`doc.text`) through the normalization's offset map and snaps it to tokens
with `doc.char_span(..., alignment_mode="expand")`. So the spans are exactly the
extractor's subjects, whatever the segmenter did: a PhraseMatcher over jieba tokens would
miss a form that jieba cut differently, or one written with full-width brackets or with
the stray spaces of PDF text ("人 员 经 费").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span

from .. import lexicon as lexicon_module
from ..normalize import normalize

EntsFilter = Callable[[Iterable[Span], Iterable[Span]], list[Span]]

DEFAULT_SPANS_KEY = "hecha_subjects"


@Language.factory(
    "hecha_subjects",
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "label": "SUBJECT",
        "annotate_ents": True,
        "ents_filter": {"@misc": "spacy.prioritize_existing_ents_filter.v1"},
        "lexicon_path": None,
    },
    assigns=["doc.spans", "doc.ents"],
)
def make_subject_tagger(
    nlp: Language,
    name: str,
    *,
    spans_key: str,
    label: str,
    annotate_ents: bool,
    ents_filter: EntsFilter,
    lexicon_path: str | None,
) -> SubjectTagger:
    """Create a `SubjectTagger` (see its `__init__` for the settings)."""
    return SubjectTagger(nlp, name, spans_key=spans_key, label=label,
                         annotate_ents=annotate_ents, ents_filter=ents_filter,
                         lexicon_path=lexicon_path)


class SubjectTagger(Pipe):
    """Tags every lexicon subject form with its label and canonical name (`span.id_`).

    DOCS: extractor/lexicon.py (the lexicon), extractor/data/lexicon.yaml (its data)
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "hecha_subjects",
        *,
        spans_key: str = DEFAULT_SPANS_KEY,
        label: str = "SUBJECT",
        annotate_ents: bool = True,
        ents_filter: EntsFilter | None = None,
        lexicon_path: str | None = None,
    ) -> None:
        """Initialize the tagger.

        nlp (Language): the pipeline.
        name (str): the component's name in the pipeline.
        spans_key (str): the `doc.spans` key that receives every match (may overlap once
            snapped to tokens).
        label (str): the label of the spans.
        annotate_ents (bool): also write `doc.ents`, where the matches do not overlap.
        ents_filter (Callable): merges existing entities and the matches into
            non-overlapping `doc.ents`; by default existing entities win.
        lexicon_path (str | None): a lexicon YAML; hecha's own if None.
        """
        from spacy.pipeline.span_ruler import prioritize_existing_ents_filter

        self.nlp = nlp
        self.name = name
        self.key = spans_key
        self.label = label
        self.annotate_ents = annotate_ents
        self.ents_filter = ents_filter or prioritize_existing_ents_filter
        self.lexicon = lexicon_module.load(lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        """Find the subjects in `doc` and add them as spans (and entities).

        doc (Doc): the Doc to annotate.
        RETURNS (Doc): the same Doc, annotated.
        """
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.match(doc))
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def match(self, doc: Doc) -> list[Span]:
        """The subject spans of `doc`, in text order, one per lexicon match.

        doc (Doc): the Doc to search.
        RETURNS (list[Span]): spans labelled `self.label` with `id_` the canonical subject.
        """
        text, offsets = normalize(doc.text)
        spans: list[Span] = []
        seen: set[tuple[int, int, str]] = set()
        for start, end, canonical in self.lexicon.find(text):
            # The end is mapped through the last character: `to_original(end)` lands after
            # any spaces normalization dropped there ("因公出国（境）费 0万元").
            span = doc.char_span(offsets.to_original(start), offsets.to_original(end - 1) + 1,
                                 label=self.label, span_id=canonical,
                                 alignment_mode="expand")
            # Two matches inside one token expand to the same span: keep it once.
            if span is not None and (span.start, span.end, canonical) not in seen:
                seen.add((span.start, span.end, canonical))
                spans.append(span)
        return spans

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Write `spans` to `doc.spans[self.key]` and, filtered, to `doc.ents`.

        doc (Doc): the Doc to modify in place.
        spans (list[Span]): the spans from `match`.
        """
        doc.spans[self.key] = spans
        if self.annotate_ents:
            doc.ents = sorted(self.ents_filter(list(doc.ents), spans))
