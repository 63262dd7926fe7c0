"""Internal source codes never reach the reader; the guide, statute or office does (issue 16)."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from ipguard.lib.sources import readable_source
from ipguard.portfolio.rules import RULES

CONTENT = Path(__file__).resolve().parents[2] / "ipguard" / "playbooks" / "content"
# A guide code ("002") on its own, not inside a web address ("ipthailand.go.th/.../trademark-002").
RAW_CODE = re.compile(r"(?<![-/\w])00\d\b|ip-rules|§|\bS\d+\b")


@pytest.mark.parametrize(
    ("code", "language", "expected"),
    [
        ("002 must-do list, urgent", "en", "SME self-rescue guide: must-do list, within a month"),
        ("002 must-do list, urgent", "zh-hans", "中小企业知识产权自救指南：必做清单（一个月内）"),
        ("ip-rules §1", "en", "Trademark laws and office rules"),
        ("ip-rules §1", "zh-hans", "商标法律与各国商标局规则"),
        ("S3, S4", "en", "US Lanham Act §8 and §9 (15 USC 1058, 1059), USPTO"),
        ("S30, S31", "zh-hans", "《中华人民共和国专利法》第四十三至四十四条及其实施细则（年费）"),
        (
            "000 LOT Network; ip-rules §5",
            "en",
            "Article on the LOT Network (2025): LOT Network; "
            "LOT Network licence terms and patent pools",
        ),
    ],
)
def test_readable_sources(code, language, expected):
    with translation.override(language):
        assert readable_source(code) == expected


def _content_sources():
    for path in CONTENT.glob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("source:"):
                yield line.split("source:", 1)[1].strip()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_content_or_rule_source_shows_a_raw_code(language):
    codes = {*_content_sources(), *(rule.source for rule in RULES)}
    assert len(codes) > 40
    with translation.override(language):
        for code in codes:
            shown = readable_source(code)
            assert shown, code
            # "§8" of the Lanham Act is a statute's own section sign, not an internal code.
            assert not RAW_CODE.search(shown.replace("§8 and §9", "")), (code, shown)


def test_content_texts_name_the_guide_not_its_number():
    texts = "".join(path.read_text(encoding="utf-8") for path in CONTENT.glob("*.yaml"))
    assert "Guide 002" not in texts and "Guide 001" not in texts
