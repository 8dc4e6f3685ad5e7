"""Batches through the command line."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from briefgen.cli import cli

from ..conftest import SAMPLES, normalise, pdf_pages
from ..runs.test_batch import BROKEN, batch_dir, expected_output


def test_batch_with_a_broken_brief_renders_the_others_and_names_it(runner, tmp_path):
    folder, good = batch_dir(tmp_path)
    files = sorted(str(p) for p in folder.iterdir())
    assert Path(files[2]).name == "b-broken.yaml"  # really in the middle
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", *files, "--output", str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    for source in good:
        pages = pdf_pages(expected_output(out, source, "pdf").read_bytes())
        assert len(pages) == 1
    assert "Priya Raman" in normalise(pdf_pages(expected_output(out, good[0], "pdf").read_bytes())[0])
    assert not (out / "b-broken-brief.pdf").exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}-brief.pdf" for p in good)
    # The error is located, and the summary names the file that failed.
    assert "b-broken.yaml:3:11: projects:" in result.stderr
    assert "Rendered 4 of 5 briefs" in result.stderr
    assert "1 failed:" in result.stderr and "b-broken.yaml" in result.stderr.splitlines()[-1]
    for source in good:
        assert f"Wrote {expected_output(out, source, 'pdf')}" in result.stdout


def test_batch_of_a_directory_in_markdown_with_one_job(runner, tmp_path):
    folder, good = batch_dir(tmp_path)
    (folder / "b-broken.yaml").unlink()
    (folder / "notes.txt").write_text("not a brief", encoding="utf-8")
    out = tmp_path / "md"
    result = runner.invoke(cli, ["render", str(folder), "-f", "md", "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "Rendered 4 of 4 briefs" in result.stderr and "1 job," in result.stderr
    for source in good:
        text = expected_output(out, source, "md").read_text(encoding="utf-8")
        tokens = MarkdownIt("commonmark").parse(text)
        assert tokens[0].type == "heading_open" and tokens[0].tag == "h1"


def test_batch_output_must_be_a_directory_not_stdout(runner, tmp_path):
    files = [str(SAMPLES / "priya-raman.yaml"), str(SAMPLES / "one-project.yaml")]
    result = runner.invoke(cli, ["render", *files, "-f", "md", "-o", "-"])
    assert result.exit_code == 2
    assert "directory" in result.output
    afile = tmp_path / "taken.txt"
    afile.write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["render", *files, "-f", "md", "-o", str(afile)])
    assert result.exit_code == 2
    assert afile.read_text(encoding="utf-8") == "x"


def test_jobs_must_be_positive(runner):
    result = runner.invoke(cli, ["render", str(SAMPLES / "priya-raman.yaml"), "--jobs", "0"])
    assert result.exit_code == 2


def test_single_file_keeps_its_behaviour_and_error(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(cli, ["render", str(bad), "-f", "md", "-o", str(tmp_path / "x.md")])
    assert result.exit_code == 1
    assert "bad.yaml:3:11: projects:" in result.stderr
    assert "Rendered" not in result.output  # no batch summary for one file
    assert not (tmp_path / "x.md").exists()


def test_single_file_into_an_existing_directory_gets_its_default_name(runner, tmp_path):
    source = str(SAMPLES / "one-project.yaml")
    result = runner.invoke(cli, ["render", source, "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "one-project-brief.md").read_text(encoding="utf-8").startswith("# ")


def test_a_batch_collects_garbage_as_python_does(runner, tmp_path):
    """The command line raises the collector's threshold for a short command's start; a batch
    (whose workers render many briefs each) goes back to Python's own, so garbage never piles up
    across renders."""
    import gc

    from briefgen.launch import GC_THRESHOLD, PYTHON_GC_THRESHOLD

    folder, _ = batch_dir(tmp_path)
    (folder / "b-broken.yaml").unlink()
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        result = runner.invoke(cli, ["render", str(folder), "-f", "md", "-o", str(tmp_path / "md"),
                                     "-j", "1"])
        assert result.exit_code == 0, result.output
        assert gc.get_threshold() == PYTHON_GC_THRESHOLD != GC_THRESHOLD
    finally:
        gc.set_threshold(*before)


def test_python_s_own_thresholds_are_read_before_the_entry_point_raises_them():
    """``briefgen.launch.main`` raises the threshold first thing; what a batch goes back to must
    be Python's own, read before that (else the batch keeps the raised one: 143 MB a worker)."""
    import subprocess
    import sys

    own = subprocess.run([sys.executable, "-c", "import gc; print(gc.get_threshold())"],
                         capture_output=True, text=True, check=True).stdout
    probe = ("import gc, sys; sys.argv = ['briefgen', '--version']; import briefgen.launch as l\n"
             "def stay(code):\n    raise SystemExit(code)\n"
             "l.leave = stay  # main() would end the process here, before the print below\n"
             "try:\n    l.main()\nexcept SystemExit:\n    pass\n"
             "from briefgen.cli import app; print(app.PYTHON_GC_THRESHOLD)")
    seen = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert seen.stdout.splitlines()[-1] == own.strip()
