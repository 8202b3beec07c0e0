from __future__ import annotations

import pytest

from newsevents.language import detect_language, unsupported

KOREAN = ("북한이 13일 오전 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다. "
          "군은 추가 발사에 대비해 감시와 경계를 강화하고 있다.")
ARABIC = ("أطلقت كوريا الشمالية صاروخا باليستيا باتجاه البحر يوم الاثنين، "
          "بحسب ما أعلن الجيش الكوري الجنوبي.")
ENGLISH = ("North Korea fired a ballistic missile into the sea on Tuesday, the South Korean "
           "military said. Japan protested the launch and said it would raise it at the UN.")


@pytest.mark.parametrize(("text", "language"), [
    (KOREAN, "ko"), (ARABIC, "ar"), (ENGLISH, "en"),
    ("Северная Корея в понедельник запустила баллистическую ракету.", "ru"),
    ("北朝鮮は月曜日、弾道ミサイルを発射したと韓国軍が発表した。", "ja"),
    ("La Corée du Nord a tiré un missile balistique vers la mer, selon l'armée "
     "sud-coréenne qui dit que le tir est une provocation pour la région.", "fr"),
])
def test_detect_language_tells_script_and_function_words(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["Seoul protested.", "", "12345 67890 !!!"])
def test_detect_language_says_nothing_on_too_little_text(text: str) -> None:
    assert detect_language(text) is None


def test_an_english_article_quoting_a_korean_name_is_english() -> None:
    assert detect_language(ENGLISH + " The agency (연합뉴스) said so.") == "en"


@pytest.mark.parametrize(("language", "refused"), [
    ("ko", True), ("ar", True), ("en", False), ("en-GB", False), (None, False)])
def test_only_english_or_an_unknown_language_is_coded(language: str | None,
                                                      refused: bool) -> None:
    assert unsupported(language) is refused
