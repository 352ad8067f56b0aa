"""Open data of a built plainsight site, checked with the tools data users use.

The data package is validated by `frictionless`, the feeds parsed by `feedparser` (which
reports malformed XML through its bozo flag), the JSON-LD parsed and its licence checked,
and every metric CSV read back and compared with the figures in the site's content files.

Run after a build:  PLAINSIGHT_PUBLIC=public PLAINSIGHT_CONTENT=content pytest tests/data
"""

import csv
import json
import os
import re
from pathlib import Path

import feedparser
import frictionless
import pytest
import yaml

PUBLIC = Path(os.environ.get("PLAINSIGHT_PUBLIC", "public"))
CONTENT = Path(os.environ.get("PLAINSIGHT_CONTENT", "content"))
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def test_the_data_package_is_valid_frictionless():
    report = frictionless.validate(str(PUBLIC / "data" / "datapackage.json"))
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    errors += [error.message for error in report.errors]
    assert report.valid, "\n".join(errors)
    package = json.loads((PUBLIC / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    assert len(package["resources"]) >= 8


@pytest.mark.parametrize("feed", ["updates/atom.xml", "changes/atom.xml"])
def test_feeds_parse_without_errors(feed):
    parsed = feedparser.parse((PUBLIC / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title


def test_the_updates_feed_has_every_update_newest_first():
    parsed = feedparser.parse((PUBLIC / "updates" / "atom.xml").read_bytes())
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["ICT Services Performance Update", "Digital Strategy 2017–2020 approved"]
    assert parsed.entries[0].link.endswith("/updates/2020-02-04-ict-performance-update/")


def test_every_page_links_the_feeds():
    html = (PUBLIC / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/updates/atom.xml"' in html


def test_the_dcat_catalogue_is_json_ld_naming_the_licence():
    catalogue = json.loads((PUBLIC / "data" / "catalog.jsonld").read_text(encoding="utf-8"))
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalogue["dct:license"]["@id"] == OGL
    datasets = catalogue["dcat:dataset"]
    assert len(datasets) >= 8
    for dataset in datasets:
        assert dataset["dct:license"]["@id"] == OGL, dataset["dct:title"]
        assert "Open Government Licence" in dataset["dct:rights"]
        media = sorted(d["dcat:mediaType"] for d in dataset["dcat:distribution"])
        assert media == ["application/json", "text/csv"]


def test_metric_pages_carry_schema_org_dataset_json_ld():
    html = (PUBLIC / "metrics" / "sla-incidents" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    dataset = json.loads(blocks[0])
    assert dataset["@type"] == "Dataset"
    assert dataset["license"] == OGL
    assert {d["encodingFormat"] for d in dataset["distribution"]} == {"text/csv", "application/json"}


def content_figures():
    """Every figure written in the content: (metric, series, period) -> value."""
    figures = {}
    for definition in sorted((CONTENT / "metrics").glob("*.yaml")):
        slug = definition.stem
        for row in yaml.safe_load(definition.read_text(encoding="utf-8")).get("data") or []:
            for key, value in row.items():
                if key != "period" and value is not None:
                    figures[(slug, key, str(row["period"]))] = float(value)
        data = definition.with_suffix(".csv")
        if data.exists():
            with data.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle):
                    for key, value in row.items():
                        if key != "period" and value:
                            figures[(slug, key, row["period"])] = float(value)
    return figures


def test_metric_csvs_round_trip_to_the_contents_numbers():
    expected = content_figures()
    found = {}
    for path in sorted((PUBLIC / "data" / "metrics").glob("*.csv")):
        raw = path.read_bytes()
        assert raw.count(b"\r\n") == raw.count(b"\n"), f"{path.name}: RFC 4180 uses CRLF line endings"
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for key, value in row.items():
                    if key != "period" and not key.startswith("target") and value:
                        found[(path.stem, key, row["period"])] = float(value)
        exported = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        for row in exported["data"]:
            for key, value in row.items():
                if key != "period" and not key.startswith("target") and value is not None:
                    assert found[(path.stem, key, row["period"])] == value
    assert found == expected


def test_the_sla_target_column_follows_the_target_change():
    with (PUBLIC / "data" / "metrics" / "sla-incidents.csv").open(encoding="utf-8", newline="") as handle:
        targets = {row["period"]: row["target"] for row in csv.DictReader(handle)}
    assert targets["2017-07"] == "90"
    assert targets["2017-08"] == "95"


def test_the_action_plan_csv_has_a_row_per_action_and_step():
    with (PUBLIC / "data" / "actions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    actions = [r for r in rows if not r["step"]]
    steps = [r for r in rows if r["step"]]
    assert (len(actions), len(steps)) == (18, 9)
    ds04 = next(r for r in actions if r["action_id"] == "DS-04")
    assert (ds04["status"], ds04["rag"], ds04["due"], ds04["due_end"]) == ("delayed", "red", "2018-08", "2018-08-31")


def test_the_sitemap_lists_pages_and_datasets():
    sitemap = (PUBLIC / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://performance.example.org/data/</loc>" in sitemap
    assert "<loc>https://performance.example.org/data/metrics/sla-incidents.csv</loc>" in sitemap
    assert "<loc>https://performance.example.org/strategies/digital-2017-20/actions/ds-04/</loc>" in sitemap
