#!/usr/bin/python3
"""The applicants' page in a real browser (headless Chromium through Selenium), used as a person
would: the interview answered from an example company's profile (amounts typed as 8,200,000 or
820万, dates as 2022/9/1), questions it does not ask left unanswered, and the result compared with
`elig check --format json` on the whole profile. A Xihu company must never be asked a
Shangcheng-only question. Mistakes are shown beside their field as they are typed; the whole form
is one switch away; the paths to eligibility and the benefit curve appear; printing shows the
company, the date, the answers and the result. Keeps a screenshot of every step.

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
from selenium.webdriver.support.ui import WebDriverWait

from elig_server import Server

ELIG, SRC, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]
AS_OF = "2024-12-31"
EXAMPLES = os.path.join(SRC, "examples", "profiles")


def money_as_typed(value, index):
    """Amounts as applicants write them: 8,200,000 or 820万, by turns."""
    amount = int(float(str(value)))
    if index % 2 and amount % 10000 == 0:
        return f"{amount // 10000}万"
    return f"{amount:,}"


def date_as_typed(value):
    """Dates as people type them: 2022/9/1."""
    y, m, d = str(value).split("-")
    return f"{y}/{int(m)}/{int(d)}"


class Page(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(ELIG)
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,2000", "--lang=zh-CN"]:
            opts.add_argument(flag)
        cls.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        os.makedirs(SHOTS, exist_ok=True)
        cls.schema = json.loads(cls.server.request("GET", "/v1/schema")[1])

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def click(self, element_id):
        self.driver.execute_script("document.getElementById(arguments[0]).click()", element_id)

    def type_into(self, element_id, text):
        e = self.driver.find_element(By.ID, element_id)
        e.clear()
        e.send_keys(text)

    def open_page(self, lang):
        d = self.driver
        d.get(f"http://127.0.0.1:{self.server.port}/")
        WebDriverWait(d, 30).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
        d.execute_script("const s = document.getElementById('lang'); s.value = arguments[0];"
                         "s.dispatchEvent(new Event('change'));", lang)
        # The as-of date typed as people write it, whatever the browser's locale.
        self.type_into("as-of", "2024年12月31日")
        d.execute_script("document.getElementById('as-of').dispatchEvent(new Event('change'))")
        WebDriverWait(d, 10).until(lambda d: d.find_element(By.ID, "as-of-value").get_attribute("value") == AS_OF)
        self.settle()

    def settle(self):
        WebDriverWait(self.driver, 30).until(
            lambda d: not d.find_element(By.TAG_NAME, "body").get_attribute("data-busy"))

    def current(self):
        return self.find("#question").get_attribute("data-question")

    def wait_for_change(self, before):
        WebDriverWait(self.driver, 30).until(lambda d: self.current() != before or d.find_elements(By.ID, "interview-done"))
        self.settle()

    def answer(self, name, s, value, index):
        cid = f"q-{name}"
        if s.get("x-elig-history"):
            for block in self.driver.find_elements(By.CSS_SELECTOR, f"#{cid} .once"):
                pid = block.get_attribute("data-provision")
                rid = f"{cid}-" + "".join(c if c.isalnum() else "_" for c in pid)
                had = [a for a in value if a["provision"] == pid]
                self.click(f"{rid}-{'true' if had else 'false'}")
                if had:
                    self.type_into(f"{rid}-year", str(had[0]["year"]))
            return
        if s.get("type") == "boolean" or "enum" in s:
            self.click(f"{cid}-{str(value).lower() if isinstance(value, bool) else value}")
            return
        if s.get("type") == "array":
            items = s["items"]
            if not value:
                self.click(f"{cid}-none")
                return
            if "enum" in items:
                for member in value:
                    self.click(f"{cid}-{member}")
                return
            for n, item in enumerate(value):
                self.click(f"{cid}-add")
                for field, v in item.items():
                    fs = items["properties"][field]
                    fid = f"{cid}-{n}-{field}"
                    if fs.get("type") == "boolean" or "enum" in fs:
                        self.click(f"{fid}-{str(v).lower() if isinstance(v, bool) else v}")
                    else:
                        self.type_into(fid, self.as_typed(fs, v, n))
            return
        self.type_into(cid, self.as_typed(s, value, index))

    def as_typed(self, s, value, index):
        kind = s.get("x-elig-type", "")
        if kind == "money":
            return money_as_typed(value, index)
        if kind == "date":
            return date_as_typed(value)
        return str(value)

    def walk(self, file_name, lang):
        """The interview answered from the profile; returns the facts asked, in order."""
        with open(os.path.join(EXAMPLES, file_name), "rb") as f:
            profile = tomllib.load(f)
        self.open_page(lang)
        stem = file_name.replace(".toml", f"-{lang}")
        asked, step = [], 0
        props = self.schema["properties"]
        while not self.driver.find_elements(By.ID, "interview-done"):
            names = self.current().split()
            self.assertTrue(names, "a question is shown")
            for index, name in enumerate(names):
                asked.append(name)
                if name in profile:
                    self.answer(name, props[name], profile[name], index)
            self.driver.save_screenshot(os.path.join(SHOTS, f"{stem}-step{step:02d}.png"))
            step += 1
            before = self.current()
            missing = [n for n in names if n not in profile]
            self.click("skip" if missing and len(names) == 1 else "next")
            self.wait_for_change(before)
            self.assertLess(step, 40, "the interview ends")
        WebDriverWait(self.driver, 30).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-result"))
        self.driver.save_screenshot(os.path.join(SHOTS, f"{stem}-result.png"))
        return profile, asked

    def compare_with_cli(self, file_name):
        want = json.loads(subprocess.run(
            [ELIG, "check", "--format", "json", "--as-of", AS_OF, os.path.join(EXAMPLES, file_name)],
            capture_output=True, check=True).stdout)["results"][0]
        shown = {e.get_attribute("data-provision"): e.get_attribute("data-status")
                 for e in self.driver.find_elements(By.CSS_SELECTOR, "#results [data-provision]")}
        self.assertEqual(shown, {p["id"]: p["status"] for p in want["decisions"]})
        total = self.driver.find_element(By.ID, "total")
        self.assertEqual((total.get_attribute("data-min"), total.get_attribute("data-max")),
                         (want["total"]["min"], want["total"]["max"]))
        return want

    def shangcheng_only(self):
        return {n for n, s in self.schema["properties"].items()
                if s.get("x-elig-read-by") and all(p.startswith("shangcheng-") for p in s["x-elig-read-by"])}

    def test_xihu_company_interview(self):
        profile, asked = self.walk("xihu-digital-twin.toml", "zh")
        self.assertFalse(set(asked) & self.shangcheng_only(), asked)
        self.compare_with_cli("xihu-digital-twin.toml")
        with open(os.path.join(SHOTS, "questions-xihu.txt"), "w") as f:
            f.write(f"{len(asked)} questions: {' '.join(asked)}\n")
        self.assertIn("合计可得", self.find("#total").text)
        # Other districts' documents are folded, one line each.
        folded = {e.get_attribute("data-document") for e in self.driver.find_elements(By.CSS_SELECTOR, "details.ruled-out")}
        self.assertEqual(folded, {"shangcheng-2023", "qiantang-2024"})
        # No curve: no amount fact that Xihu's benefits read is a single figure.
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, "#curve svg"))

    def test_shangcheng_company_interview_in_english(self):
        profile, asked = self.walk("shangcheng-ai-startup.toml", "en")
        self.compare_with_cli("shangcheng-ai-startup.toml")
        with open(os.path.join(SHOTS, "questions-shangcheng.txt"), "w") as f:
            f.write(f"{len(asked)} questions: {' '.join(asked)}\n")
        # The document's shared conditions once, above its benefits; not on each card.
        common = self.find("section[data-document='shangcheng-2023'] .common").text
        self.assertIn("District where the company is registered", common)
        office = self.find("[data-provision='shangcheng-2023.office']")
        self.assertNotIn("District where the company is registered", office.text)
        self.assertIn("Shangcheng measures, office subsidy", office.text)  # the citation, in English
        # The path to the R&D subsidy: the exact revenue it takes.
        # The curve over the revenue, with the R&D subsidy starting at 10,000,000.
        self.assertEqual(self.find("#curve").get_attribute("data-curve"), "main_revenue")
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "#curve svg path.ceiling"))
        rd = self.find("[data-provision='shangcheng-2023.rd'] .paths")
        self.assertIn("at least 10,000,000.00", rd.text)
        self.assertIn("(by 1,800,000.00)", rd.text)
        # Printing: the company, the date, the answers and the result; no questions, no buttons.
        d = self.driver
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        self.assertTrue(self.find("#print-head").is_displayed())
        self.assertIn(profile["company_name"], self.find("#print-head").text)
        self.assertIn(AS_OF, self.find("#print-head").text)
        self.assertTrue(self.find("#answered").is_displayed())
        self.assertFalse(self.find("#running").is_displayed())
        d.save_screenshot(os.path.join(SHOTS, "shangcheng-ai-startup-en-print.png"))
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    def test_mistakes_are_shown_beside_the_field(self):
        self.open_page("zh")
        self.click("next")  # nothing answered: each required question says so, beside itself
        self.assertEqual(self.find("#q-company_name-error").text, "此项必填")
        self.type_into("q-company_name", "测试公司")
        self.type_into("q-claimed_year", "2024")
        self.click("q-district-shangcheng")
        before = self.current()
        self.click("next")
        self.wait_for_change(before)
        # Skip to the settled date and the revenue, typing a mistake in each.
        for _ in range(20):
            name = self.current()
            if name in ("settled_date", "main_revenue"):
                typo = {"settled_date": "2022/13/1", "main_revenue": "82O万"}[name]
                self.type_into(f"q-{name}", typo)
                error = self.find(f"#q-{name}-error").text
                self.assertTrue(error, f"no error beside {name}")
                self.assertNotIn("money", error)
                self.assertNotIn("/", error.replace("2022/9/1", ""))  # no JSON pointer
                self.driver.save_screenshot(os.path.join(SHOTS, f"typo-{name}.png"))
                self.type_into(f"q-{name}", {"settled_date": "2022/9/1", "main_revenue": "820万"}[name])
                self.assertEqual(self.find(f"#q-{name}-error").text, "")
                self.click("next")
                self.wait_for_change(name)
                row = self.find(f"#answered [data-fact='{name}'] .value").text
                self.assertIn({"settled_date": "2022-09-01", "main_revenue": "8,200,000.00"}[name], row)
                continue
            if self.driver.find_elements(By.ID, "interview-done"):
                break
            self.click("skip")
            self.wait_for_change(name)

    def test_whole_form_switch(self):
        self.open_page("en")
        self.click("whole")
        WebDriverWait(self.driver, 10).until(lambda d: d.find_element(By.ID, "whole-form").is_displayed())
        shown = {e.get_attribute("data-fact") for e in self.driver.find_elements(By.CSS_SELECTOR, "#whole-form [data-fact]")}
        self.assertEqual(shown, set(self.schema["properties"]))
        self.click("submit")
        self.assertEqual(self.find("#q-claimed_year-error").text, "This is required")
        self.assertTrue(self.find("#form-errors").is_displayed())


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
