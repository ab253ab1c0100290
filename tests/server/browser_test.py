#!/usr/bin/python3
"""The applicants' page in a real browser (headless Chromium through Selenium): fill in the form
for two example companies as a person would, submit, and find the same statuses and total as
`elig check --format json`. Keeps a screenshot of each result page.

Usage: browser_test.py ELIG SOURCE_DIR SCREENSHOT_DIR
"""
import json
import os
import subprocess
import sys
import tomllib
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from elig_server import Server

ELIG, SRC, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]
AS_OF = "2024-12-31"
COMPANIES = ["shangcheng-ai-startup.toml", "xihu-digital-twin.toml"]


def money_as_typed(value, index):
    """Amounts as applicants write them: 8,200,000 or 820万, by turns."""
    amount = int(str(value))
    if index % 2 and amount % 10000 == 0:
        return f"{amount // 10000}万"
    return f"{amount:,}"


class Page(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(ELIG)
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,2400", "--lang=zh-CN"]:
            opts.add_argument(flag)
        cls.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        os.makedirs(SHOTS, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def open_page(self, lang):
        d = self.driver
        d.get(f"http://127.0.0.1:{self.server.port}/")
        WebDriverWait(d, 30).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
        Select(d.find_element(By.ID, "lang")).select_by_value(lang)
        self.set_date("as-of", AS_OF)

    def set_date(self, element_id, value):
        # A date picker's typed format follows the browser's locale; set it the way the picker does.
        self.driver.execute_script(
            "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            "e.dispatchEvent(new Event('change'));", element_id, value)

    def fill(self, element_id, schema, value, index):
        d = self.driver
        kind = schema.get("x-elig-type", "")
        element = d.find_element(By.ID, element_id)
        if schema.get("type") == "boolean":
            Select(element).select_by_value("true" if value else "false")
        elif "enum" in schema:
            Select(element).select_by_value(value)
        elif schema.get("format") == "date":
            self.set_date(element_id, str(value))
        elif kind == "money":
            element.send_keys(money_as_typed(value, index))
        else:
            element.send_keys(str(value))

    def fill_profile(self, profile, schema):
        d = self.driver
        for index, (name, value) in enumerate(profile.items()):
            s = schema["properties"][name]
            if s.get("type") != "array":
                self.fill(f"f-{name}", s, value, index)
                continue
            Select(d.find_element(By.ID, f"f-{name}-state")).select_by_value("stated")
            items = s["items"]
            if "enum" in items:
                for member in value:
                    d.find_element(By.ID, f"f-{name}-{member}").click()
                continue
            # Add one row too many and remove it again, as people do.
            add = d.find_element(By.ID, f"f-{name}-add")
            for _ in range(len(value) + 1):
                add.click()
            rows = d.find_elements(By.CSS_SELECTOR, f"#f-{name} .list-row")
            rows[-1].find_element(By.CLASS_NAME, "remove").click()
            for n, item in enumerate(value):
                if "properties" in items:
                    for field, v in item.items():
                        self.fill(f"f-{name}-{n}-{field}", items["properties"][field], v, n)
                else:
                    self.fill(f"f-{name}-{n}", items, v, n)

    def check_company(self, file_name, lang):
        path = os.path.join(SRC, "examples", "profiles", file_name)
        with open(path, "rb") as f:
            profile = tomllib.load(f)
        want = json.loads(subprocess.run([ELIG, "check", "--format", "json", "--as-of", AS_OF, path],
                                         capture_output=True, check=True).stdout)["results"][0]
        schema = json.loads(self.server.request("GET", "/v1/schema")[1])
        self.open_page(lang)
        self.fill_profile(profile, schema)
        d = self.driver
        d.find_element(By.ID, "submit").click()
        WebDriverWait(d, 30).until(lambda d: d.find_elements(By.ID, "total") or d.find_elements(By.ID, "profile-errors"))
        errors = d.find_elements(By.ID, "profile-errors")
        self.assertFalse(errors, errors[0].text if errors else "")
        shown = {e.get_attribute("data-provision"): e.get_attribute("data-status")
                 for e in d.find_elements(By.CSS_SELECTOR, "[data-provision]")}
        self.assertEqual(shown, {p["id"]: p["status"] for p in want["decisions"]})
        total = d.find_element(By.ID, "total")
        self.assertEqual((total.get_attribute("data-min"), total.get_attribute("data-max")),
                         (want["total"]["min"], want["total"]["max"]))
        # Other districts' documents are folded, one line each; opened, they show every provision.
        folded = {e.get_attribute("data-document") for e in d.find_elements(By.CSS_SELECTOR, "details.ruled-out")}
        own = profile["district"]
        self.assertTrue(folded, "other districts' documents are folded")
        self.assertFalse(any(own in doc for doc in folded), folded)
        for summary in d.find_elements(By.CSS_SELECTOR, "details.ruled-out summary"):
            summary.click()
        # An undetermined provision lists the questions still open, in the page's language.
        for p in want["decisions"]:
            card = d.find_element(By.CSS_SELECTOR, f"[data-provision='{p['id']}']")
            if p["status"] == "undetermined" and p["missing"]:
                self.assertTrue(card.find_elements(By.CSS_SELECTOR, "ul.ask li"), p["id"])
            self.assertIn(p["citation"]["en" if lang == "en" else "zh"], card.text)
        d.save_screenshot(os.path.join(SHOTS, file_name.replace(".toml", f"-{lang}-page.png")))
        d.find_element(By.ID, "results").screenshot(
            os.path.join(SHOTS, file_name.replace(".toml", f"-{lang}-results.png")))
        # Printing shows the results without the form.
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        self.assertFalse(d.find_element(By.ID, "form").is_displayed())
        self.assertTrue(total.is_displayed())
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        return shown

    def test_shangcheng_company_in_english(self):
        shown = self.check_company(COMPANIES[0], "en")
        self.assertEqual(shown["shangcheng-2023.office"], "eligible")
        self.assertIn("Office subsidy", self.driver.find_element(By.ID, "results").text)

    def test_xihu_company_in_chinese(self):
        self.check_company(COMPANIES[1], "zh")
        self.assertIn("合计可得", self.driver.find_element(By.ID, "total").text)

    def test_profile_error_is_shown(self):
        self.open_page("en")
        self.driver.find_element(By.ID, "f-main_revenue").send_keys("lots")
        self.driver.find_element(By.ID, "submit").click()
        box = WebDriverWait(self.driver, 30).until(lambda d: d.find_element(By.ID, "profile-errors"))
        self.assertIn("main_revenue", box.text)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
