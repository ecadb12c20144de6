"""The Upload page in Chromium: a hostile workbook is checked in a child process, so the dashboard
server's memory stays put while a good file uploaded beside it is stored (issue 12, item 1)."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORT, serve
from tests.browser.helpers import exceptions, open_page, wait_idle
from tests.etl.test_hostile_files import dimension_bomb

pytestmark = pytest.mark.browser

SERVER_CEILING = 1536 << 20


def test_hostile_upload_is_checked_without_growing_the_server(
    browser, browser_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    monkeypatch.setenv("QM_INBOX", str(inbox))
    monkeypatch.setenv("QM_AUDIT_DB", str(tmp_path / "audit.db"))
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(dimension_bomb())
    good = tmp_path / "good.csv"
    good.write_text("region,start_date,title\n徐汇,2024-09-02,徐汇开放日\n", encoding="utf-8")
    upload_path = "upload"  # ui/nav.py: app_pages/upload.py's url_path
    with serve(browser_db, tmp_path) as app:
        server = psutil.Process(app.proc.pid)
        peak = [0]
        stop = threading.Event()

        def sample() -> None:  # the server process itself: the dry run's child is not counted
            while not stop.is_set():
                peak[0] = max(peak[0], server.memory_info().rss)
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        context = browser.new_context(viewport=VIEWPORT)
        try:
            pg = context.new_page()
            open_page(pg, app, upload_path)
            pg.locator("input[type='file']").set_input_files([str(bomb), str(good)])
            pg.get_by_text("good.csv：已保存为 good.csv").first.wait_for(timeout=90_000)
            # the reason, in the UI's language (Chinese): a value beyond the column limit
            pg.get_by_text(re.compile("第 16,384 列有内容.*QM_MAX_COLUMNS")).first.wait_for(timeout=90_000)
            wait_idle(pg)
            # The refusal is an error alert that names the file; no exception box anywhere.
            # (in the dashboard's default language, Chinese: the result is a coded message, domain.messages)
            assert exceptions(pg) == ["bomb.xlsx：未保存：没有可导入的行（拒绝 1 行）"]
            assert pg.locator("[data-testid='stException']").count() == 0
        finally:
            stop.set()
            sampler.join()
            context.close()
    assert peak[0] < SERVER_CEILING, f"server RSS peaked at {peak[0] >> 20} MB"
    assert (inbox / "all__good.csv").exists() and not (inbox / "all__bomb.xlsx").exists()


def test_a_file_over_the_limit_or_of_another_type_is_refused_in_chinese(
    browser, browser_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamlit's uploader refuses these before the server sees them, in its own English: the file's chip
    said "Error: File must be 2.0MB or smaller." on the Chinese UI (audit16). Both refusals read Chinese,
    in the chip's alert and in its tooltip, and nothing is stored."""
    inbox = tmp_path / "inbox"
    monkeypatch.setenv("QM_INBOX", str(inbox))
    monkeypatch.setenv("QM_AUDIT_DB", str(tmp_path / "audit.db"))
    monkeypatch.setenv("QM_UPLOAD_MAX_BYTES", str(1 << 20))
    big = tmp_path / "大表.csv"
    big.write_text("region,start_date,title\n" + "浦东新区,2024-09-03,质量讲座\n" * 40_000, encoding="utf-8")
    assert big.stat().st_size > 1 << 20
    program = tmp_path / "程序.exe"
    program.write_bytes(b"MZ" + bytes(64))
    with serve(browser_db, tmp_path) as app:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            pg = context.new_page()
            open_page(pg, app, "upload")
            pg.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([str(big), str(program)])
            alerts = pg.locator("[data-testid='stFileChip'] [role='alert']")
            alerts.nth(1).wait_for(state="attached", timeout=30_000)
            pg.wait_for_function(
                "() => [...document.querySelectorAll(\"[data-testid='stFileChip'] [role='alert']\")]"
                ".every(a => !a.textContent.includes('Error'))",
                timeout=10_000,
            )
            said = sorted(a.text_content() for a in alerts.all())
            assert said[0].startswith("错误：不接受 ") and said[0].endswith(" 类型的文件。"), said
            assert said[1] == "错误：文件不能超过 1.0MB。", said
            for n in range(len(said)):  # the tooltip of a refused file's chip says the same
                pg.locator("[data-testid='stTooltipErrorHoverTarget']").nth(n).hover()
                tip = pg.locator("[data-testid='stTooltipErrorContent']")
                expect(tip).to_have_count(1, timeout=10_000)
                assert "错误：" + tip.inner_text().strip() in said, (tip.inner_text(), said)
                pg.mouse.move(0, 0)
                expect(tip).to_have_count(0, timeout=10_000)
        finally:
            context.close()
    assert not inbox.exists() or not any(inbox.iterdir())
