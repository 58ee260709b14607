"""The site's search (issue 19) in headless Chromium: ranking, typo tolerance, marked snippets, and the
header box's results as you type, loaded only when used.

Run by scripts/test.sh after `swift build`.
"""
import time

from test_try_it import browser, site  # noqa: F401  (the fixtures)


def wait_for(predicate, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return predicate()


def results(browser):
    from selenium.webdriver.common.by import By
    return [li.find_element(By.TAG_NAME, "a").text for li in browser.find_elements(By.CSS_SELECTOR, "#search-results li")]


def test_credit_pages_rank_first_and_a_typo_still_finds_them(site, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    browser.get(f"{site}/search.html?q=credits")
    found = wait_for(lambda: results(browser))
    assert found and "credit" in found[0].lower(), found
    assert "Home" not in found[:3], found
    marks = browser.find_elements(By.CSS_SELECTOR, "#search-results li:first-child mark")
    assert marks and all(mark.text.lower().startswith("credit") for mark in marks)
    browser.get(f"{site}/search.html?q=credts")
    typo = wait_for(lambda: results(browser))
    assert typo and "credit" in typo[0].lower(), typo
    # Operation pages above guides that only mention the word.
    browser.get(f"{site}/search.html?q=history")
    ranked = wait_for(lambda: results(browser))
    assert ranked[0] == "List credit history", ranked


def test_the_header_box_drops_down_results_and_opens_one_with_the_keyboard(site, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    browser.get(f"{site}/agentscode/authentication.html")
    # The index is not loaded until the box is used.
    assert browser.execute_script("return typeof window.docgenSearchIndex") == "undefined"
    box = browser.find_element(By.ID, "site-search")
    box.click()
    box.send_keys("credit history")
    dropdown = browser.find_element(By.ID, "site-search-results")
    options = wait_for(lambda: dropdown.is_displayed() and browser.find_elements(By.CSS_SELECTOR, "#site-search-results [role=option]"))
    assert options and options[0].text.startswith("List credit history"), [o.text for o in options]
    assert box.get_attribute("aria-expanded") == "true"
    box.send_keys(Keys.ARROW_DOWN)
    assert options[0].get_attribute("aria-selected") == "true"
    box.send_keys(Keys.ENTER)
    assert wait_for(lambda: browser.current_url.endswith("/agentscode/operations/getCreditHistory.html"))
    box = browser.find_element(By.ID, "site-search")
    box.send_keys("zzzzqq")
    assert "No page matches" in wait_for(lambda: browser.find_element(By.ID, "site-search-results").text)
    box.send_keys(Keys.ESCAPE)
    assert not browser.find_element(By.ID, "site-search-results").is_displayed()
