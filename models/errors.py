"""The errors hecha raises for what it is given, each carrying a catalogued two-language
message (models/messages.py).

Three kinds, because the faces treat them differently: a `DocumentError` belongs to one
document (a batch records it and goes on; the API answers 4xx for that document), a
`ConfigError` to what the user configured (a rules profile, a setting, an output format,
a model directory: nothing can be checked until it is fixed), a `RunError` to the run
itself (its output folder, its scheduler, its inputs as a whole). The command line prints
any of them on one line and exits 2.
"""

from __future__ import annotations

from .messages import Message, message


class HechaError(Exception):
    """An error with a catalogued code and message; crosses process boundaries intact."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values  # kept so the error can cross a process boundary (pickle)
        self.msg: Message = message(code, **values)
        super().__init__(f"{self.msg.zh} / {self.msg.en}")

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.code, self.values)


class DocumentError(HechaError):
    """A document that cannot be read (empty, damaged, too large, past its deadline…)."""


class ConfigError(HechaError):
    """A configuration hecha cannot run with: a rules profile, a setting, a model directory."""


class RunError(HechaError):
    """A run that cannot go ahead: its output folder, its scheduler, no input at all."""


def _rebuild(kind: type[HechaError], code: str, values: dict[str, object]) -> HechaError:
    return kind(code, **values)
