"""The learning module: the bundled one validates and says what the article says; broken
module files get located, one-sentence problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.loading.content import load_module, load_module_text, load_modules
from quizapp.locations import bundled_content_dir, bundled_quizzes_dir
from quizapp.model.content import (
    DateFact,
    ListFact,
    NameFact,
    NumberFact,
    format_date,
    format_number,
    name_matches,
    render_date,
    render_number,
)

DATA = Path(__file__).parent.parent / "data" / "content"
MODULE_FILE = bundled_content_dir() / "alibaba-2019.toml"


@pytest.fixture(scope="module")
def module():
    result = load_module(MODULE_FILE)
    assert result.problems == ()
    assert result.module is not None
    return result.module


def _fact(module, fact_id: str):
    return next(f for _, f in module.facts() if f.id == fact_id)


class TestBundledModule:
    def test_found_through_locations(self) -> None:
        loaded = load_modules([bundled_content_dir()])
        assert loaded.ok
        assert list(loaded.modules) == ["alibaba-2019"]

    def test_citation(self, module) -> None:
        source = module.module.source
        assert source.outlet.startswith("Antara")
        assert source.dateline == "Beijing"
        assert source.relays == "China Daily"
        assert module.languages == ["id", "en"]

    def test_every_point_has_both_languages(self, module) -> None:
        for point in module.points:
            for text in (point.heading, point.lesson):
                assert isinstance(text, dict)
                assert set(text) == {"id", "en"}
                assert all(v.strip() for v in text.values())

    def test_ids_are_unique(self, module) -> None:
        points = [p.id for p in module.points]
        facts = [f.id for _, f in module.facts()]
        assert len(set(points)) == len(points)
        assert len(set(facts)) == len(facts)

    @pytest.mark.parametrize(
        ("fact_id", "amount"),
        [
            ("delegate-count", 147),
            ("training-days", 2),
            ("countries", 200),
            ("figure-2017-rmb", 158_273_000_000),
            ("figure-2017-rp", 316_000_000_000_000),
            ("customer-count", 550_000_000),
            ("tokopedia-investment", 14_700_000_000_000),
        ],
    )
    def test_figures_read_with_the_decimal_comma(self, module, fact_id, amount) -> None:
        fact = _fact(module, fact_id)
        assert isinstance(fact, NumberFact)
        assert fact.amount == amount
        assert isinstance(fact.amount, int)

    def test_figures_render_as_each_language_writes_them(self, module) -> None:
        assert render_number(_fact(module, "tokopedia-investment"), "id") == "Rp14,7 triliun"
        assert render_number(_fact(module, "tokopedia-investment"), "en") == "Rp14.7 trillion"
        assert render_number(_fact(module, "figure-2017-rmb"), "id") == "158,273 miliar RMB"
        assert render_number(_fact(module, "figure-2017-rmb"), "en") == "158.273 billion RMB"
        assert render_number(_fact(module, "countries"), "id") == "lebih dari 200 negara"
        assert render_number(_fact(module, "customer-count"), "en") == "550 million customers"

    @pytest.mark.parametrize(
        ("fact_id", "indonesian", "english"),
        [
            ("training-dates", "28–29 Januari 2019", "28–29 January 2019"),
            ("largest-since", "April 2016", "April 2016"),
            ("tokopedia-date", "Agustus 2017", "August 2017"),
            ("customers-by", "November 2017", "November 2017"),
            ("figure-year", "2017", "2017"),
        ],
    )
    def test_dates_keep_the_sources_precision(self, module, fact_id, indonesian, english):
        fact = _fact(module, fact_id)
        assert isinstance(fact, DateFact)
        assert (render_date(fact, "id"), render_date(fact, "en")) == (indonesian, english)

    def test_names_and_lists(self, module) -> None:
        coordinator = _fact(module, "coordinator-name")
        assert isinstance(coordinator, NameFact)
        assert name_matches(coordinator, "  j&t ")
        assert not name_matches(coordinator, "JNE")
        venue = _fact(module, "venue-name")
        assert name_matches(venue, "Taman Xixi") and name_matches(venue, "xixi park")
        rivals = _fact(module, "us-rivals")
        assert isinstance(rivals, ListFact)
        assert rivals.items == ["Walmart", "Amazon", "eBay"]
        platforms = _fact(module, "delegate-platforms")
        assert platforms.items == ["Tokopedia", "Bukalapak"]

    def test_the_2017_figure_is_not_called_revenue_or_profit(self, module) -> None:
        # The article says Alibaba "reached" the figure without naming the measure.
        point = module.point("figures-2017")
        for fact in point.facts:
            for text in (fact.ask, fact.says):
                for value in text.values():
                    lowered = value.lower()
                    assert not any(
                        word in lowered
                        for word in ("revenue", "profit", "pendapatan", "laba", "keuntungan")
                    )


class TestRendering:
    @pytest.mark.parametrize(
        ("value", "lang", "text"),
        [
            (147, "id", "147"),
            (14.7, "id", "14,7"),
            (14.7, "en", "14.7"),
            (158273, "id", "158.273"),
            (158273, "en", "158,273"),
            (14_700_000_000_000, "id", "14.700.000.000.000"),
        ],
    )
    def test_format_number(self, value, lang, text) -> None:
        assert format_number(value, lang) == text

    def test_format_date_ranges(self) -> None:
        assert format_date("2019-01-31", "2019-02-01", "en") == "31 January – 1 February 2019"
        assert format_date("2018-12", "2019-01", "id") == "Desember 2018 – Januari 2019"


class TestBrokenModule:
    def test_every_problem_is_located(self) -> None:
        result = load_module(DATA / "broken-module.toml")
        assert result.module is None
        shown = [str(p) for p in result.problems]
        assert any(
            p.line == 16
            and p.field == "points[1].facts[1].unit"
            and 'in point "first": the required field "unit" is missing' in p.message
            for p in result.problems
        ), shown
        assert any(
            p.line == 25 and '"dat" is not a kind of fact' in p.message for p in result.problems
        ), shown
        assert any(
            p.line == 40 and "expected a date like" in p.message and "2019-02-30" in p.message
            for p in result.problems
        ), shown
        for problem in result.problems:
            assert "Traceback" not in str(problem)
            assert str(problem).startswith(str(DATA / "broken-module.toml") + ":")

    def _one(self, text: str):
        result = load_module_text(text, "m.toml")
        assert result.module is None
        assert len(result.problems) >= 1
        return result.problems

    def _module(self, points: str) -> str:
        return (
            '[module]\nid = "m"\ntitle = "M"\nlanguages = ["id", "en"]\n'
            '[module.source]\noutlet = "X"\n' + points
        )

    def test_duplicate_point_id(self) -> None:
        point = (
            '[[points]]\nid = "a"\nheading = { id = "A", en = "A" }\n'
            'lesson = { id = "L", en = "L" }\n'
        )
        (problem,) = self._one(self._module(point + point))
        assert problem.line == 12
        assert 'the key point id "a" is already used by point 1' in problem.message

    def test_missing_translation(self) -> None:
        point = '[[points]]\nid = "a"\nheading = { id = "A" }\nlesson = { id = "L", en = "L" }\n'
        (problem,) = self._one(self._module(point))
        assert problem.line == 9
        assert problem.field == "points[1].heading"
        assert 'the "en" translation is missing' in problem.message

    def test_unknown_field_suggests_the_right_one(self) -> None:
        point = (
            '[[points]]\nid = "a"\nheding = { id = "A", en = "A" }\n'
            'lesson = { id = "L", en = "L" }\n'
        )
        messages = [p.message for p in self._one(self._module(point))]
        assert any('unknown field "heding"; did you mean "heading"?' in m for m in messages)

    def test_range_that_ends_before_it_starts(self) -> None:
        point = (
            '[[points]]\nid = "a"\nheading = "A"\nlesson = "L"\n'
            '[[points.facts]]\nid = "d"\nkind = "date"\nask = "?"\nsays = "."\n'
            'value = "2019-01-29"\nuntil = "2019-01-28"\n'
        )
        (problem,) = self._one(self._module(point))
        assert problem.line == 17
        assert "the end of a range must come after its start" in problem.message

    def test_distractor_that_is_an_item(self) -> None:
        point = (
            '[[points]]\nid = "a"\nheading = "A"\nlesson = "L"\n'
            '[[points.facts]]\nid = "l"\nkind = "list"\nask = "?"\nsays = "."\n'
            'items = ["Walmart", "Amazon"]\ndistractors = ["amazon"]\n'
        )
        (problem,) = self._one(self._module(point))
        assert problem.field == "points[1].facts[1].distractors[1]"
        assert "this distractor is one of the items" in problem.message

    def test_toml_syntax_error(self) -> None:
        (problem,) = self._one('[module]\nid = "m\n')
        assert problem.line == 2
        assert problem.message.startswith("TOML syntax error")

    def test_empty_and_missing_tables(self) -> None:
        (problem,) = self._one("   \n")
        assert "empty" in problem.message
        messages = [p.message for p in self._one('[[points]]\nid = "a"\n')]
        assert "the [module] table is missing" in messages


class TestValidateCommand:
    def test_bundled_quizzes_and_module_pass(self, capsys) -> None:
        assert main(["validate"]) == 0
        out = capsys.readouterr().out
        assert "Checked 1 module (" in out and "all valid." in out

    def test_a_module_named_as_a_path_is_checked_as_a_module(self, capsys) -> None:
        assert main(["validate", str(MODULE_FILE)]) == 0
        assert main(["validate", str(DATA / "broken-module.toml")]) == 1
        out = capsys.readouterr().out
        assert '"dat" is not a kind of fact' in out

    def test_source_naming_a_missing_point_or_module(self, tmp_path, capsys) -> None:
        quiz = tmp_path / "q.toml"
        quiz.write_text(
            '[quiz]\nid = "q"\ntitle = "Q"\n\n'
            '[[questions]]\nid = "a"\ntype = "true_false"\nprompt = "P"\nanswer = true\n'
            'source = "alibaba-2019#delegate"\n\n'
            '[[questions]]\nid = "b"\ntype = "true_false"\nprompt = "P"\nanswer = true\n'
            'source = "nowhere#delegates"\n',
            encoding="utf-8",
        )
        assert main(["validate", str(quiz)]) == 1
        out = capsys.readouterr().out
        assert (
            f'{quiz}:10:1: question 1 ("a"), field source: the module "alibaba-2019" has no '
            'key point "delegate"; did you mean "delegates"?'
        ) in out
        assert f'{quiz}:17:1: question 2 ("b"), field source: no content module "nowhere"' in out

    def test_json_report_lists_modules(self, capsys) -> None:
        import json

        assert main(["validate", "--format", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["valid"] is True
        assert [m["module"] for m in report["modules"]] == ["alibaba-2019"]


def test_committed_content_schema_is_current() -> None:
    from quizapp.loading.schema import content_schema_text

    committed = (bundled_content_dir() / "content.schema.json").read_text(encoding="utf-8")
    assert committed == content_schema_text(), (
        "run: quizapp schema --content -o content/content.schema.json"
    )
    assert MODULE_FILE.read_text(encoding="utf-8").startswith("#:schema ./content.schema.json\n")


def test_a_missing_content_path_is_a_problem(capsys) -> None:
    assert main(["validate", "--content", "no-such-module.toml"]) == 1
    assert "no-such-module.toml: no such file" in capsys.readouterr().out


def test_module_files_are_told_from_quiz_files(tmp_path) -> None:
    from quizapp.loading.content import is_module_file

    assert is_module_file(MODULE_FILE)
    assert not is_module_file(bundled_quizzes_dir() / "tour.toml")
    odd = tmp_path / "odd.toml"
    odd.write_text('[quiz]\nid = "q"\n[module]\nid = "m"\n', encoding="utf-8")
    assert not is_module_file(odd)
    assert not is_module_file(tmp_path / "missing.toml")


def test_every_bundled_quiz_tag_has_a_name_in_both_languages(module) -> None:
    from quizapp.loading import load_catalog

    catalog = load_catalog([bundled_quizzes_dir()])
    tags = {t for quiz in catalog.quizzes.values() for q in quiz.questions for t in q.tags}
    for lang in ("id", "en"):
        unnamed = sorted(t for t in tags if module.tag_label(t, lang) is None)
        assert not unnamed, (lang, unnamed)
    assert module.tag_label("training", "id") == "Pelatihan di Hangzhou"
    # A tag with a key point's id is named by the point's heading.
    assert module.tag_label("delegates", "en") == module.point("delegates").heading["en"]
    assert module.tag_label("no-such-tag", "en") is None


def test_tag_names_are_checked_like_any_text() -> None:
    head = MODULE_FILE.read_text(encoding="utf-8")
    twice = head.replace(
        "[[points]]",
        '[[module.tags]]\nid = "training"\nlabel = "Again"\n\n[[points]]',
        1,
    )
    result = load_module_text(twice, "m.toml")
    assert any('the tag "training" is already named by tag 1' in str(p) for p in result.problems)
    line = twice[: twice.index('label = "Again"')].count("\n")
    assert any(p.line == line for p in result.problems)
    untranslated = head.replace(
        'label = { id = "Pelatihan di Hangzhou", en = "The training in Hangzhou" }',
        'label = { id = "Pelatihan di Hangzhou" }',
    )
    (problem,) = load_module_text(untranslated, "m.toml").problems
    assert 'the "en" translation is missing' in problem.message
    assert problem.field == "module.tags[1].label"  # positions are 1-based for people
