"""review.html in a real browser (headless Chromium driven by selenium): the page from a run
on the corpus is filtered to one trial, a row is opened, and its highlighted sentence and
PDF page crop are visible. A screenshot is kept as a test artifact (its path is printed).

Chromium and its driver are Debian packages (`chromium`, `chromium-driver`); `.ci/run`
installs them where missing. Without them this test fails: it is the only check that the
page works where a reviewer opens it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", REPO / "tmp" / "artifacts"))


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("review_corpus")
    done = subprocess.run([sys.executable, "-m", "extract", "run", "corpus", "-o", str(out)], cwd=REPO,
                          capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    return out / "review.html"


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.fail("headless Chromium not found: install the Debian packages chromium and chromium-driver "
                    "(`.ci/run` does)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1600"):
        options.add_argument(argument)
    session = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver))
    yield session
    session.quit()


def test_filter_to_one_trial_open_a_row_and_see_its_sentence_and_page(corpus_page, browser, capsys):
    browser.get(corpus_page.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows-body tr")
    assert len(rows) > 50  # the corpus run's rows, drawn by the page's script

    trial = Select(browser.find_element(By.ID, "f-trial"))
    studies = [o.text for o in trial.options[1:]]
    assert studies
    # the study with the most rows: a filter that has something to keep and to drop
    counts = {s: 0 for s in studies}
    for cell in browser.find_elements(By.CSS_SELECTOR, "#rows-body tr td:nth-child(4)"):
        counts[cell.text] = counts.get(cell.text, 0) + 1
    study = max(studies, key=lambda s: (counts.get(s, 0), s))
    trial.select_by_visible_text(study)
    shown = browser.find_elements(By.CSS_SELECTOR, "#rows-body tr")
    assert 0 < len(shown) < len(rows)
    assert {r.find_element(By.CSS_SELECTOR, "td:nth-child(4)").text for r in shown} == {study}

    text_rows = [r for r in shown if r.find_element(By.CSS_SELECTOR, "td:nth-child(2)").text == "text"]
    assert text_rows, f"no text row for {study}"
    text_rows[0].click()
    WebDriverWait(browser, 10).until(expected_conditions.visibility_of_element_located((By.ID, "crop")))
    sentence = browser.find_element(By.ID, "sentence")
    assert sentence.is_displayed() and len(sentence.text) > 20
    marks = sentence.find_elements(By.CSS_SELECTOR, "mark.read")
    assert marks and all(m.is_displayed() for m in marks)
    crop = browser.find_element(By.ID, "crop")
    assert crop.is_displayed()
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", crop) > 100
    assert crop.size["width"] > 100 and crop.size["height"] > 30

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "review-page.png"
    browser.execute_script("document.getElementById('detail').scrollIntoView()")
    assert browser.save_screenshot(str(shot))
    with capsys.disabled():
        print(f"\nscreenshot of the review page: {shot}")
