from ipguard.lib.text import single_full_stop


def test_a_company_name_ending_in_a_stop_ends_the_sentence_once():
    assert single_full_stop("You joined Sunrise Lighting Co., Ltd..") == (
        "You joined Sunrise Lighting Co., Ltd."
    )
    assert single_full_stop("您已加入 Sunrise Lighting Co., Ltd.。") == (
        "您已加入 Sunrise Lighting Co., Ltd.。"
    )
    assert single_full_stop("Wait... what") == "Wait... what"
    assert single_full_stop("You joined Acme.") == "You joined Acme."
