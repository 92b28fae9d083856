"""The report's own date (公开日期 or the date under its signature) and one event of the
year after the one reported on (the self-evaluation it ran), each a `date` slot.

Drawn from a generator of their own, seeded by the unit and the year, so that adding them
leaves every other draw of the document as it was.
"""

from __future__ import annotations

import random
from datetime import date

from ..doc import Para, Slot
from .writer import Writer


def printed(day: date, dashed: bool = False) -> str:
    return f"{day:%Y-%m-%d}" if dashed else f"{day.year}年{day.month}月{day.day}日"


class Dates:
    """When the report was issued and when, before that, its self-evaluation was run."""

    def __init__(self, w: Writer) -> None:
        self.w = w
        self.rng = random.Random(f"dates/{w.a.unit.name}/{w.a.year}")
        year = w.a.year + 1
        self.issued = date(year, self.rng.randint(4, 9), self.rng.randint(1, 28))
        self.event = date(year, self.rng.randint(1, self.issued.month - 1), self.rng.randint(1, 28))
        self.signed = self.rng.random() < 0.5  # signed at the end, else a 公开日期 line on top

    def slot(self, day: date, own: bool, dashed: bool = False) -> Slot:
        self.w.statement()
        return self.w.word(
            printed(day, dashed),
            "date",
            key=f"date:{'own' if own else 'event'}",
            own=own,
            date=day,
            issued=self.issued,
            dashed=dashed,
        )

    def published(self) -> list[Para]:
        """公开日期：… under the title, unless the report is signed at the end."""
        if self.signed:
            return []
        label, dashed = self.rng.choice((("公开日期：", False), ("发布日期：", True), ("报送日期：", False)))
        return [[label, self.slot(self.issued, True, dashed)], []]

    def evaluated(self) -> Para:
        """The sentence that dates the self-evaluation of the year reported on."""
        return [self.slot(self.event, False), f"，本部门组织开展了{self.w.a.year}年度项目支出绩效自评工作。"]

    def signature(self) -> list[Para]:
        """The unit and the date at the end, when the report is signed."""
        if not self.signed:
            return []
        return [[], [self.w.a.unit.name], [self.slot(self.issued, True)], []]
