"""Masking of sensitive fields."""

from gonghui.core.privacy import mask_id_number, mask_name, mask_phone


def test_id_number_shows_prefix_and_tail_only():
    assert mask_id_number("410102198506154517") == "4101**********4517"


def test_phone_masked_in_the_middle():
    assert mask_phone("13803711234") == "138****1234"


def test_name_keeps_family_name():
    assert mask_name("张建华") == "张**"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧阳**"
