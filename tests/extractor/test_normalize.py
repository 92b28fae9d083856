"""Normalization changes what the checks need changed and maps every offset back."""

from __future__ import annotations

import pytest

from extractor.normalize import normalize


@pytest.mark.parametrize(
    ("original", "normalized"),
    [
        ("增长15.6 %。", "增长15.6%。"),
        ("１２３．４５万元", "123.45万元"),
        ("占比：５０％", "占比:50%"),
        ("2020 年度", "2020年度"),
        ("公开 01 表", "公开01表"),
        ("总\u3000分", "总分"),
        ("支出\u00a01.00", "支出1.00"),
        ("1.00 0.00", "1.00 0.00"),  # two numbers stay apart
        ("OA 办公", "OA办公"),
        ("OA system", "OA system"),
        ("a\r\nb", "a\nb"),
        ("\t\u3000110", "\t 110"),  # a cell's leading space is kept (tabs are layout)
        # a table row written with pipes: its cells tab-separated, one character for one
        ("| 公务接待费 | 3.00 | 2.18 |", "  公务接待费 \t 3.00 \t 2.18  "),
        ("| （2）公务用车购置费 | | |", "  (2)公务用车购置费 \t \t  "),
        ("|||", "   "),  # a row of pipes alone is blank
        ("|---|---:|:-:|", "              "),  # so is a Markdown rule under the header
        ("| **合计** | **776.94** | 0.00 |", "    合计   \t   776.94   \t 0.00  "),  # bold marks
        ("| 在职人员控制率 | 98人/110人*100% |", "  在职人员控制率 \t 98人/110人*100%  "),
        ("索引号 | 2022-00047 | 发布机构 |", "索引号|2022-00047|发布机构|"),  # not a row: kept
        ("A|B", "A|B"),
    ],
)
def test_normalized_forms(original, normalized):
    text, _ = normalize(original)
    assert text == normalized


@pytest.mark.parametrize("original", ["增长15.6 %，较上年 3158.5 增加", "１２３ 万元\r\n公开 01 表\t1 2"])
def test_every_offset_maps_back(original):
    text, offsets = normalize(original)
    for i, ch in enumerate(text):
        j = offsets.to_original(i)
        assert original[j].translate({0x3000: 0x20, 0xFF05: 0x25}) in (ch, ch.translate(
            {0x30 + k: 0xFF10 + k for k in range(10)})) or original[j] == "\r"
        assert offsets.to_normalized(j) == i
    assert offsets.to_original(len(text)) == len(original)
