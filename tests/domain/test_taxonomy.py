"""The vocabularies are data (domain/taxonomy.toml): read in order, and a broken file fails at import."""

import pytest

from domain import taxonomy


def test_lists_keep_the_files_order_and_codes():
    assert taxonomy.ACTIVITY_TYPE_CODES[0] == "launch_ceremony"
    assert taxonomy.ACTIVITY_TYPE_CODES[-1] == "other"
    assert tuple(t.code for t in taxonomy.DATE_PRECISION_TERMS) == taxonomy.DATE_PRECISIONS
    launch = taxonomy.by_code(taxonomy.ACTIVITY_TYPES)["launch_ceremony"]
    assert launch.label("zh") == "启动仪式" and "kickoff" in launch.keywords
    assert taxonomy.by_code(taxonomy.QUALIFIERS)["approx"].keywords == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[modes]]\ncode = "onsite"\nzh = "线下"\n', "lacks its code, zh or en"),
        ('[[modes]]\ncode = ""\nzh = "线下"\nen = "On site"\n', "lacks its code, zh or en"),
        ('[[modes]]\ncode = "a"\nzh = "甲"\nen = "A"\n[[modes]]\ncode = "a"\nzh = "乙"\nen = "B"\n', "repeats a code"),
    ],
)
def test_a_broken_vocabulary_file_names_the_file_and_list(tmp_path, text, message):
    path = tmp_path / "taxonomy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        taxonomy.load_vocabularies(path)
    assert str(path) in str(err.value) and "[[modes]]" in str(err.value)
