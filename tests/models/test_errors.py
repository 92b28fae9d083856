"""The three kinds of catalogued error keep their kind, code and message across a process
boundary (the checking processes pickle what they raise)."""

from __future__ import annotations

import pickle

import pytest

from models import ConfigError, DocumentError, HechaError, RunError


@pytest.mark.parametrize(("kind", "code", "values"), [
    (DocumentError, "E_EMPTY", {"name": "a.txt"}),
    (ConfigError, "E_RULES_CONFIG", {"detail": "unknown rule 'x'", "detail_zh": "未知规则 'x'"}),
    (RunError, "E_OUT_BUSY", {"path": "/tmp/out"}),
])
def test_errors_pickle_as_their_own_kind(kind, code, values):
    error = kind(code, **values)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is kind and isinstance(back, HechaError)
    assert (back.code, back.values, back.msg) == (code, values, error.msg)
    assert str(back) == f"{error.msg.zh} / {error.msg.en}"


def test_a_config_error_is_not_a_document_error():
    # a batch records a DocumentError and goes on; a bad profile must stop it instead
    assert not issubclass(ConfigError, DocumentError) and not issubclass(RunError, DocumentError)
