"""On a laptop screen the whole navigation bar fits: the account menu (company and person) is
on screen and opens, in English and in Chinese. The bar expands from 1200 px; the products page
made it wider than a 1280 px screen, pushing the account menu off its right edge."""

import pytest

from tests.factories import TEST_PASSWORD, CompanyFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1200, 1280, 1366, 1440)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_account_menu_is_on_screen_at_laptop_widths(live_server, browser, language):
    company = CompanyFactory(name="Sunrise Lighting Co., Ltd. (Ningbo Export Branch)")
    member(company, "owner", email="li.wei@sunrise.test", language=language)
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "li.wei@sunrise.test")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main input[type=submit]")
    page.wait_for_url("**/dashboard/")
    account = page.locator("nav .account-menu")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        box = account.bounding_box()
        assert box["x"] + box["width"] <= width, f"{language} at {width} px: {box}"
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{language} at {width} px: the page is {scroll} px wide"
        account.click()
        assert page.locator("nav .dropdown-menu a[href$='/profile/']").is_visible()
        account.click()  # closed again
    context.close()
