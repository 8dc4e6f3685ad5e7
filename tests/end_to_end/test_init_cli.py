"""`briefgen init`: a starter that validates and renders, pointing editors at a schema beside it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from briefgen.cli import cli
from briefgen.input.reader import read_source

from ..conftest import pdf_pages


def test_init_writes_the_modeline_and_the_schema_it_points_at(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "Wrote brief.yaml", "Wrote brief.schema.json (the JSON Schema: completion and help in your editor)"]
    first = Path("brief.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=brief.schema.json"
    schema = json.loads(Path("brief.schema.json").read_text(encoding="utf-8"))
    assert Path("brief.schema.json").read_text(encoding="utf-8") == runner.invoke(cli, ["schema"]).output
    # The starter is valid for the editor's schema and for briefgen alike.
    jsonschema.Draft202012Validator(schema).validate(read_source("brief.yaml").data)
    assert runner.invoke(cli, ["validate", "brief.yaml"]).exit_code == 0


def test_the_starter_renders_to_one_page(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["init"]).exit_code == 0
    result = runner.invoke(cli, ["render", "brief.yaml", "-o", "brief.pdf"])
    assert result.exit_code == 0, result.output
    assert len(pdf_pages(Path("brief.pdf").read_bytes())) == 1


def test_a_second_brief_in_the_folder_shares_the_schema(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["init"]).exit_code == 0
    schema_before = Path("brief.schema.json").stat().st_mtime_ns
    result = runner.invoke(cli, ["init", "alex.yaml"])
    assert result.exit_code == 0, result.output
    assert "brief.schema.json is up to date" in result.output
    assert Path("brief.schema.json").stat().st_mtime_ns == schema_before
    sub = runner.invoke(cli, ["init", "team/alex.yaml"])
    assert sub.exit_code == 0, sub.output
    assert Path("team/brief.schema.json").is_file()


def test_init_refuses_to_overwrite_either_file_without_force(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["init"]).exit_code == 0
    brief = Path("brief.yaml").read_bytes()
    again = runner.invoke(cli, ["init"])
    assert again.exit_code == 1
    assert again.output.strip() == "Error: brief.yaml already exists: use --force to overwrite it"
    assert Path("brief.yaml").read_bytes() == brief

    # A schema edited by hand, or from another version, is not replaced either, and then
    # nothing is written: not even the new brief.
    Path("brief.schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    other = runner.invoke(cli, ["init", "alex.yaml"])
    assert other.exit_code == 1
    assert other.output.strip() == ("Error: brief.schema.json already exists and is not this "
                                    "briefgen's schema: use --force to overwrite it")
    assert not Path("alex.yaml").exists()
    both = runner.invoke(cli, ["init"])
    assert both.exit_code == 1 and "use --force to overwrite both" in both.output
    assert Path("brief.schema.json").read_text(encoding="utf-8") == '{"mine": true}\n'

    forced = runner.invoke(cli, ["init", "--force"])
    assert forced.exit_code == 0, forced.output
    assert json.loads(Path("brief.schema.json").read_text(encoding="utf-8"))["title"] == "briefgen Brief"


def test_init_will_not_name_the_brief_after_its_schema(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["init", "brief.schema.json"])
    assert result.exit_code == 1
    assert "choose another name for the brief" in result.output
    assert list(tmp_path.iterdir()) == []
