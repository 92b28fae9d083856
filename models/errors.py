"""The error every layer raises for bad input, carrying a catalogued two-language message."""

from __future__ import annotations

from .messages import Message, message


class DocumentError(Exception):
    """A document that cannot be read. The batch runner records it and goes on; the API maps
    it to a 4xx; the CLI prints it on one line and exits 2."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values  # kept so the error can cross a process boundary (pickle)
        self.msg: Message = message(code, **values)
        super().__init__(f"{self.msg.zh} / {self.msg.en}")

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (self.code, self.values)


def _rebuild(code: str, values: dict[str, object]) -> DocumentError:
    return DocumentError(code, **values)
