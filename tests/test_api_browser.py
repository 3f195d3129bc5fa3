"""The search page in a real headless browser: Debian's chromium, driven through its chromedriver by Selenium,
against uvicorn serving the app on a free loopback port. Type a query, submit, open a result."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from elasticsearch import Elasticsearch
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from broadsheet.api import create_app
from store.indices import IndexNames
from tests.api_support import api_settings, index_corpus
from transforms import Article

pytestmark = pytest.mark.es

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Root in a container: no sandbox, no GPU, no shared-memory assumptions, and nothing fetched in the background.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def corpus(es: Elasticsearch, index_names: IndexNames) -> dict[str, Article]:
    return index_corpus(es, index_names)


@pytest.fixture(scope="module")
def base_url(index_names: IndexNames, corpus: dict[str, Article]) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(api_settings(index_names)), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if not shutil.which(CHROMIUM) or not shutil.which(CHROMEDRIVER):
        pytest.fail("chromium and chromium-driver are needed: apt-get install -y chromium chromium-driver")
    with tempfile.TemporaryDirectory(prefix="broadsheet-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        # An explicit driver path: Selenium Manager never tries to download a browser or a driver.
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        driver.set_page_load_timeout(30)
        try:
            yield driver
        finally:
            driver.quit()


def _search(browser: WebDriver, base_url: str, text: str, kind: str = "any") -> None:
    browser.get(base_url + "/")
    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)
    Select(browser.find_element(By.ID, "kind")).select_by_value(kind)
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("q="))


def test_search_then_open_a_result_shows_captions_and_contributors_apart(
    browser: WebDriver, base_url: str, corpus: dict[str, Article]
) -> None:
    _search(browser, base_url, "lighthouse keepers")
    hits = browser.find_elements(By.CSS_SELECTOR, "#results li.hit")
    assert len(hits) == 2
    assert browser.find_element(By.ID, "total").text.startswith("2 articles")
    highlighted = {em.text.lower() for em in hits[0].find_elements(By.CSS_SELECTOR, ".fragment em")}
    assert {"lighthouse", "keepers"} <= highlighted

    hits[0].find_element(By.CSS_SELECTOR, "a.title").click()
    WebDriverWait(browser, 15).until(expected_conditions.presence_of_element_located((By.ID, "captions")))
    lighthouse = corpus["lighthouse.html"]
    assert browser.find_element(By.ID, "title").text == lighthouse.title
    captions = browser.find_elements(By.CSS_SELECTOR, "#captions figure.caption")
    assert [figure.find_element(By.CSS_SELECTOR, ".caption-text").text for figure in captions] == [
        caption.text for caption in lighthouse.captions
    ]
    assert captions[0].find_element(By.CSS_SELECTOR, ".credit").text == "Credit: Ines Varga/Harbour Gazette"
    contributors = browser.find_elements(By.CSS_SELECTOR, "#contributors li.contributor")
    assert [item.text for item in contributors] == ["Tomas Brack"]
    paragraphs = browser.find_element(By.ID, "paragraphs").text
    assert "Additional reporting" not in paragraphs and "Ines Varga" not in paragraphs


def test_passage_markup_is_shown_as_text_and_the_site_filter_applies(browser: WebDriver, base_url: str) -> None:
    _search(browser, base_url, "logbook")
    fragment = browser.find_element(By.CSS_SELECTOR, "#results .fragment")
    # The passage's own "<script>" is text on the page, not an element.
    assert "<script>alert(1)</script>" in fragment.text
    assert browser.find_elements(By.CSS_SELECTOR, "#results script") == []

    _search(browser, base_url, "Fogg")
    Select(browser.find_element(By.ID, "site")).select_by_value("The Harbour Gazette")
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("site=The+Harbour+Gazette"))
    assert browser.find_element(By.ID, "total").text.startswith("2 articles")


def test_facets_narrow_the_search_dates_read_as_days_and_pages_follow(
    browser: WebDriver, base_url: str, corpus: dict[str, Article]
) -> None:
    _search(browser, base_url, "Fogg")
    dates = [meta.text for meta in browser.find_elements(By.CSS_SELECTOR, "#results li.hit .meta")]
    assert any("10 June 2023" in meta for meta in dates) and any("2 May 2023" in meta for meta in dates)
    assert not any("2023-0" in meta for meta in dates)  # never the ISO timestamp

    browser.find_element(By.LINK_TEXT, "June 2023").click()
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("published_from=2023-06-01"))
    assert browser.find_element(By.ID, "total").text.startswith("1 article match Fogg")
    assert [hit.text for hit in browser.find_elements(By.CSS_SELECTOR, "#results a.title")] == [
        corpus["ferry.html"].title
    ]
    # Removing the filters brings both articles back; the caption-credit facet narrows by credit.
    for _ in range(2):
        browser.find_element(By.CSS_SELECTOR, "#active-filters a.active-filter").click()
        WebDriverWait(browser, 15).until(expected_conditions.presence_of_element_located((By.ID, "total")))
    assert browser.find_element(By.ID, "total").text.startswith("2 articles match Fogg")
    credit = browser.find_element(By.CSS_SELECTOR, "#facet-credits a")
    assert credit.text == "Ines Varga/Harbour Gazette"
    credit.click()
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("credit="))
    assert browser.find_element(By.ID, "total").text.startswith("2 articles match Fogg")

    browser.get(base_url + "/")
    assert "page 1 of 2" in browser.find_element(By.ID, "total").text
    browser.find_element(By.ID, "next").click()
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("page=2"))
    assert "page 2 of 2" in browser.find_element(By.ID, "total").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#results li.hit")) == len(corpus) - 10
    browser.find_element(By.ID, "previous").click()
    WebDriverWait(browser, 15).until(lambda driver: "page=" not in driver.current_url)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#results li.hit")) == 10
