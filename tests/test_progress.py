"""Progress on a terminal: shown only when asked and only for long work, never on output."""

from __future__ import annotations

import io
import time
from contextlib import contextmanager

import dataflow
from dataflow import progress
from dataflow.rules import registered
from tests.conftest import MINIMAL
from tests.test_cli import run


def test_without_a_display_a_stage_shows_nothing(capsys):
    with progress.stage("Judging the transfers", total=3) as judging:
        judging.advance()
        judging.advance(2)
    assert capsys.readouterr() == ("", "")


def test_a_long_stage_is_shown_with_how_far_it_has_got():
    stream = io.StringIO()
    with progress.shown(stream, after=0), progress.stage("Judging the transfers",
                                                          total=1000) as judging:
        for _ in range(500):
            judging.advance()
        time.sleep(0.6)  # the display redraws five times a second
    shown = stream.getvalue()
    assert "Judging the transfers" in shown
    assert "500/1,000" in shown


def test_quick_work_shows_nothing():
    stream = io.StringIO()
    with progress.shown(stream, after=5), progress.stage("Reading map.yaml"):
        time.sleep(0.3)
    assert stream.getvalue() == ""


def test_a_title_sends_no_control_character_to_the_terminal():
    stream = io.StringIO()
    with progress.shown(stream, after=0), progress.stage("Reading \x1b]0;owned\x07.yaml"):
        time.sleep(0.6)
    shown = stream.getvalue()
    assert "Reading ?]0;owned?.yaml" in shown
    assert "\x1b]0;owned" not in shown


def test_loading_and_checking_report_their_stages(tmp_path, monkeypatch):
    seen: dict[str, list[int | None]] = {}

    class Recorder:  # in place of the terminal display: what the library says it does
        def __init__(self, stream, after):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *_):
            pass

        @contextmanager
        def stage(self, title, total):
            counted = seen.setdefault(title, [total, 0])

            class Counter:
                def advance(self, amount=1):
                    counted[1] += amount

            yield Counter()

    monkeypatch.setattr(progress, "_Display", Recorder)
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "map.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "notes.yaml").write_text("other: file\n", encoding="utf-8")
    with progress.shown(io.StringIO()):
        flowmap = dataflow.load(str(folder))
        report = dataflow.check(flowmap)
    assert seen[f"Reading {folder}"] == [None, 0]
    assert seen[f"Reading the map files in {folder}"] == [2, 2]  # every YAML file looked at
    assert seen["Tracing where each category comes from"] == [None, 0]
    assert seen["Finding the transfers"] == [len(flowmap.flows)] * 2
    assert seen["Judging the transfers"] == [len(report.transfers)] * 2
    assert seen["Running the rules"] == [len(registered())] * 2


def test_the_command_shows_no_progress_when_standard_error_is_not_a_terminal(write):
    code, out, err = run("check", write("m.yaml", MINIMAL), "--format", "json")
    assert code == 0
    assert out.startswith("{")
    assert err == ""


def test_the_display_leaves_standard_output_to_the_work(capfd):
    import sys

    stream = io.StringIO()
    with progress.shown(stream, after=0), progress.stage("Writing the output"):
        time.sleep(0.4)  # the display is up
        sys.stdout.write("the report\n")
        sys.stdout.flush()
        time.sleep(0.3)
    out, _ = capfd.readouterr()
    assert out == "the report\n"
    assert "the report" not in stream.getvalue()
