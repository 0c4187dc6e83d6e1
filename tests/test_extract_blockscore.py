"""The learned block chooser of the flattened-text cleaner (extract/blockscore.py)."""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from newsloom.extract import blockscore
from newsloom.extract.blocks import Marks
from newsloom.extract.classify import Kind, Line
from newsloom.extract.text import extract_text

ARTICLE = [
    "The town council voted on Tuesday to keep the old footbridge open for another year while engineers study the cost of a repair.",
    "Residents had asked for the bridge to stay open because the next crossing is a twenty minute walk away along a busy road.",
    "The council said the bridge will be inspected every month and closed at once if the engineers find any new damage to it.",
]


def _page(feed_items: int) -> str:
    feed = [f"- Reader {i} wrote that the bridge has been a part of the town for as long as anyone can remember, and that it should stay."
            for i in range(feed_items)]
    return "\n".join(["Bridge stays open - Town News", "Home", "News", "Bridge stays open", *ARTICLE,
                      "Share", "Comments", *feed, "About us"])


def test_weights_are_data_for_the_current_features() -> None:
    data = json.loads((resources.files("newsloom") / "data" / "block_scorer.json").read_text("utf-8"))
    assert data["features"] == list(blockscore.FEATURES)
    assert len(data["coef"]) == len(data["mean"]) == len(data["scale"]) == len(blockscore.FEATURES)
    assert all(math.isfinite(c) for c in data["coef"]) and any(c != 0 for c in data["coef"])
    assert blockscore.scorer() is not None


def test_candidates_are_the_heavy_runs_heaviest_first() -> None:
    marks = Marks(runs=[(60, 0, 3), (1000, 5, 9), (150, 12, 14), (400, 20, 25)])
    assert blockscore.candidates(marks) == [(1000, 5, 9), (400, 20, 25), (150, 12, 14)]
    assert blockscore.candidates(Marks()) == []


def test_a_bulleted_reader_feed_heavier_than_the_article_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(9)
    chosen = extract_text(page, source="t").text
    assert "footbridge" in chosen and "Reader 3" not in chosen
    # The rules alone weigh the feed over the article: the chooser is what tells them apart.
    monkeypatch.setattr(blockscore, "scorer", lambda: None)
    rules = extract_text(page, source="t").text
    assert "Reader 3" in rules and "footbridge" not in rules


def test_one_candidate_keeps_the_rules_choice() -> None:
    chosen = extract_text(_page(2), source="t").text
    assert "footbridge" in chosen
    marks = Marks(span=(4, 7), runs=[(700, 4, 7)])
    assert blockscore.choose_spans([], marks) == [(4, 7)]


def _two_runs(between: str) -> tuple[list[Line], Marks]:
    lines = [Line(f"line {i}", Kind.PROSE, 8) for i in range(12)]
    lines[5] = Line(between, Kind.SIDEBAR if between == "Related" else Kind.BOILERPLATE, 1)
    return lines, Marks(span=(0, 4), runs=[(900, 0, 4), (800, 7, 11)])


def _even_scorer(monkeypatch: pytest.MonkeyPatch, gap: float) -> None:
    """A model scoring the first candidate ``gap`` above the second (log-odds)."""
    class Even:
        def scores(self, x: object) -> object:
            import numpy as np

            return np.array([gap, 0.0])

    monkeypatch.setattr(blockscore, "scorer", lambda: Even())


def test_when_the_model_is_unsure_both_runs_are_kept_in_page_order(monkeypatch: pytest.MonkeyPatch) -> None:
    lines, marks = _two_runs("Advertisement")
    _even_scorer(monkeypatch, 0.1)  # probabilities 0.52 / 0.48: too close to bet on one
    assert blockscore.choose_spans(lines, marks) == [(0, 4), (7, 11)]
    _even_scorer(monkeypatch, 8.0)  # 0.9997 / 0.0003: sure
    assert blockscore.choose_spans(lines, marks) == [(0, 4)]


def test_no_hedging_across_a_sidebar_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    # What lies past "Related" is a feed, never the rest of the article above it.
    lines, marks = _two_runs("Related")
    _even_scorer(monkeypatch, 0.1)
    assert blockscore.choose_spans(lines, marks) == [(0, 4)]


def test_hedged_page_keeps_both_parts_without_the_lines_between() -> None:
    assert blockscore._merged([(7, 11), (0, 4)]) == [(0, 4), (7, 11)]
    assert blockscore._merged([(0, 5), (3, 8)]) == [(0, 8)]


def test_no_hedging_with_the_first_comment_under_its_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first comment of a thread sits right under its name, date and clock time.
    lines, marks = _two_runs("Advertisement")
    lines[6] = Line("Ravi March 3, 2024 at 9:10 pm", Kind.STAMP, 6)
    _even_scorer(monkeypatch, 0.1)
    assert blockscore.choose_spans(lines, marks) == [(0, 4)]


def test_a_hedged_article_says_it_joins_two_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    page = "\n".join(["Bridge stays open - Town News", "Home", "Bridge stays open", *ARTICLE, "Subscribe to our newsletter",
                      "Accept all cookies", "Share on Facebook", *[a.replace("bridge", "ferry") for a in ARTICLE], "About us"])
    _even_scorer(monkeypatch, 0.1)
    art = extract_text(page, source="t")
    assert "footbridge" in art.text and "ferry" in art.text, art.extraction
    assert art.extraction["blocks"] == 2
    assert all(art.text[p.start:p.end] for p in art.paragraphs)


def _lines(texts: list[str]) -> list[Line]:
    from newsloom.extract.classify import classify_lines

    return classify_lines(texts)


def test_kind_features_tell_sign_up_boxes_threads_and_headline_lists_from_an_article() -> None:
    article = _lines(ARTICLE)
    # Notices that read as prose (a sign-up line is dropped as boilerplate before this).
    box = _lines(["The pictures in this blog are published under a Creative Commons licence, and any use beyond it "
                  "needs the written permission of the author.",
                  "Some links on this page are affiliate links: we earn a small commission when you buy through them, "
                  "at no extra cost to you."])
    thread = _lines(["Ravi March 3, 2024 at 9:10 pm", ARTICLE[0], "Reply", "Olga March 4, 2024 at 9:12 pm", ARTICLE[1], "Reply"])
    headlines = _lines(["Bridge Stays Open For Another Year", "New Library Opens On The Hill", "Council Votes On Bus Fares"])

    def features(lines: list[Line], start: int = 0) -> dict[str, float]:
        prose = [ln for ln in lines[start:] if ln.kind is Kind.PROSE]
        chars = sum(len(ln.text) for ln in prose)
        names = blockscore.FEATURES[-4:]
        return dict(zip(names, blockscore._kind_features(lines, start, len(lines), prose, chars), strict=True))

    plain = features(article)
    assert plain == {"log_post_stamps": 0.0, "thread_marks": 0.0, "service_share": 0.0, "title_list_share": 0.0}
    assert features(box)["service_share"] == 1.0
    comments = features(thread, 1)
    assert comments["log_post_stamps"] > 0 and comments["thread_marks"] > 0
    assert features(headlines)["title_list_share"] == 1.0


def test_block_kinds_data_has_lower_case_stems_and_valid_patterns() -> None:
    import re

    import yaml

    data = yaml.safe_load((resources.files("newsloom") / "data" / "lexicons" / "block_kinds.yaml").read_text("utf-8"))
    stems = [s for group in data["service"] for s in group]
    # The automaton is searched in lower-cased lines: an upper-case or blank stem would never match
    # or match everywhere.
    assert stems and all(s == s.lower() and s.strip() == s and s for s in stems)
    assert all(re.compile(p) for p in data["thread"])
    service, _ = blockscore._kinds()
    assert service("read our privacy policy") and service("© 2024 the county courier")
    assert not service("the council reprivatised the ferry") and not service("a bewerbung")


SECTIONS = {
    "Why the river floods": [
        "The river rises every spring when snow melts in the hills above the valley and the ground is still frozen hard.",
        "Water that cannot sink into the frozen ground runs straight into the streams, which carry it down to the town.",
    ],
    "What the new dam will change": [
        "The dam will hold back the spring water in a lake and release it slowly over the summer months to the farms below.",
        "Engineers expect the highest floods in town to fall by half once the lake is full, according to the water board.",
    ],
    "Who pays for the works": [
        "The national government pays two thirds of the cost, and the region and the town share what is left between them.",
        "Farmers downstream will pay a small fee for the water they take from the lake during the dry months of the year.",
    ],
    "When the building starts": [
        "Work on the access roads begins next spring, and the wall of the dam itself should rise over the two summers after.",
        "The water board says the lake will be filled slowly, over a whole winter, so that the engineers can watch the wall.",
    ],
    "What happens to the old mill": [
        "The old mill at the bend of the river will be moved stone by stone to the village square before the valley is flooded.",
        "A local society raised the money for the move and plans to open the mill as a small museum of the valley's past.",
    ],
}


def _guide(with_contents: bool) -> str:
    intro = ["This guide explains in plain words why the valley floods and what the planned dam on the river will do about it."]
    contents = ["Contents", *SECTIONS] if with_contents else ["Share"]
    body = [line for title, text in SECTIONS.items() for line in (title, *text)]
    return "\n".join(["River guide - Valley Post", "Home", "News", "River guide", *intro, *contents, *body,
                      "Related", "Ten walks along the river", "Newsletter", "About us"])


def test_an_intro_above_a_table_of_contents_stays_with_the_sections() -> None:
    text = extract_text(_guide(with_contents=True), source="test").text
    assert "This guide explains in plain words" in text
    assert "Farmers downstream will pay" in text
    assert "Contents" not in text.splitlines()


def _section_prose(title: str) -> Line:
    """A section's own paragraph: each section says something else."""
    return Line(f"Prose of the section on {title.lower()}, long enough to be prose in any reading.", Kind.PROSE, 15)


@pytest.mark.parametrize("bullet", ["* ", "• ", "- ", "+ ", "1. ", "* 2 ", "3) "])
def test_contents_entries_match_their_headings_without_bullets(bullet: str) -> None:
    intro = Line("An intro line that says what the page is about in a few plain words.", Kind.PROSE, 14)
    titles = ["Why the river floods", "What the dam changes", "Who pays for it", "When the work starts"]
    body = [line for t in titles for line in (Line(t, Kind.SHORT, 4), _section_prose(t))]
    lines = [intro, *(Line(bullet + t, Kind.SHORT, 4) for t in titles), *body]
    # The sections' run starts at its first prose line, under the first heading.
    marks = Marks(runs=[(70, 0, 1), (400, 6, 13)], span=(6, 13))
    assert blockscore._with_contents(lines, marks, [(6, 13)]) == [(0, 1), (6, 13)]


def test_contents_that_name_no_section_join_nothing() -> None:
    lines = [Line("An intro line that says what the page is about in a few plain words.", Kind.PROSE, 14),
             Line("Home", Kind.SHORT, 1), Line("Latest news today", Kind.SHORT, 3), Line("Sports and weather", Kind.SHORT, 3),
             Line("Local politics desk", Kind.SHORT, 3),
             Line("Body text of the article that runs on for a while in prose.", Kind.PROSE, 12),
             Line("More body text of the article that keeps going in prose too.", Kind.PROSE, 12)]
    marks = Marks(runs=[(70, 0, 1), (140, 5, 7)], span=(5, 7))
    assert blockscore._with_contents(lines, marks, [(5, 7)]) == [(5, 7)]


def _thread_page(header: list[Line]) -> list[Line]:
    post = Line("The bakery on the corner closes after forty years, its owners told their regulars this week.", Kind.PROSE, 16)
    comment = Line("I bought my bread there every Saturday since I was a child and I will miss the smell of it.", Kind.PROSE, 19)
    return [Line("Home", Kind.SHORT, 1), post, post, Line("Share", Kind.SHORT, 1), *header, comment, comment, comment]


def test_a_reader_comment_picked_first_yields_to_the_post_above() -> None:
    lines = _thread_page([Line("Anna says:", Kind.SHORT, 2), Line("May 2, 2015 at 10:25 pm", Kind.STAMP, 6)])
    cands = [blockscore.Candidate(180, 1, 3), blockscore.Candidate(270, 6, 9)]
    assert blockscore._post_first(lines, cands, [1, 0]) == [0, 1]


def test_an_article_under_its_own_time_stamp_keeps_the_models_order() -> None:
    lines = _thread_page([Line("By Anna Berg", Kind.SHORT, 3), Line("May 2, 2015 at 10:25 pm", Kind.STAMP, 6)])
    cands = [blockscore.Candidate(180, 1, 3), blockscore.Candidate(270, 6, 9)]
    assert blockscore._post_first(lines, cands, [1, 0]) == [1, 0]


def test_a_section_chosen_below_a_box_gets_the_intro_and_the_sections_above_it() -> None:
    titles = ["Why the river floods", "What the dam changes", "Who pays for it", "When the work starts"]
    prose = [_section_prose(t) for t in titles]
    heads = [Line(t, Kind.SHORT, 4) for t in titles]
    box = [Line("Related", Kind.SIDEBAR, 1), Line("Ten walks along the river", Kind.SHORT, 5), Line("A day at the lake", Kind.SHORT, 5)]
    lines = [Line("An intro that says what the guide is about in a few plain words.", Kind.PROSE, 13), *heads,
             heads[0], prose[0], heads[1], prose[1], *box, heads[2], prose[2], heads[3], prose[3]]
    marks = Marks(runs=[(70, 0, 1), (120, 6, 9), (120, 13, 16)], span=(13, 16))
    assert blockscore._with_contents(lines, marks, [(13, 16)]) == [(0, 1), (6, 9), (13, 16)]
    # Without the contents list, nothing is joined.
    plain = [lines[0], Line("Share", Kind.SHORT, 1), *lines[5:]]
    marks = Marks(runs=[(70, 0, 1), (120, 3, 6), (120, 10, 13)], span=(10, 13))
    assert blockscore._with_contents(plain, marks, [(10, 13)]) == [(10, 13)]


_TITLES = ["Why the river floods", "What the dam changes", "Who pays for it", "When the work starts"]
_INTRO = Line("An intro that says what the guide is about in a few plain words.", Kind.PROSE, 13)
_CAPTION = Line("A photo series shows the valley in every season of the year, from the first snow to the dry late summer.", Kind.PROSE, 21)


def test_a_caption_between_the_contents_and_the_first_section_ends_the_list() -> None:
    heads = [Line(t, Kind.SHORT, 4) for t in _TITLES]
    body = [line for h in heads for line in (h, _section_prose(h.text))]
    lines = [_INTRO, *heads, _CAPTION, *body]
    marks = Marks(runs=[(70, 0, 1), (90, 5, 6), (400, 7, 14)], span=(7, 14))
    assert blockscore._with_contents(lines, marks, [(7, 14)]) == [(0, 1), (5, 6), (7, 14)]
    # A paragraph before the list has any entries: no contents list.
    early = [_INTRO, heads[0], _CAPTION, *heads[1:], *body]
    assert blockscore._with_contents(early, marks, [(7, 14)]) == [(7, 14)]


def test_a_menu_over_a_box_the_page_repeats_names_no_sections() -> None:
    # A menu shown twice above the same newsletter paragraph: no "section" has prose of its own.
    menu = [Line(t, Kind.SHORT, 2) for t in ("Latest stories", "Our authors", "Subscribe today", "Contact the desk")]
    box = Line("Sign up to hear from us every week, with the best stories of the valley in one letter to you.", Kind.PROSE, 19)
    lines = [*menu, _CAPTION, *menu, box, Line("Home", Kind.SHORT, 1), box]
    assert blockscore._named_sections(lines, 0) is None
    # The same list over sections with their own prose is a contents list.
    own = [Line(f"{ln.text} is a section of its own, with prose that the page says only once.", Kind.PROSE, 15) for ln in menu]
    sections = [line for h, text in zip(menu, own, strict=True) for line in (h, text)]
    assert blockscore._named_sections([*menu, _CAPTION, *sections], 0) == (5, 11)


def test_a_title_repeated_in_a_second_copy_of_the_contents_is_no_intro() -> None:
    heads = [Line(t, Kind.SHORT, 4) for t in _TITLES]
    title = Line("What a dam on the river means for the valley and its town?", Kind.PROSE, 13)
    body = [line for h in heads for line in (h, _section_prose(h.text))]
    lines = [_INTRO, title, *heads, title, *heads, *body]
    marks = Marks(runs=[(140, 0, 2), (70, 6, 7), (400, 12, 19)], span=(12, 19))
    # The intro above the first copy is joined, not the title that heads the second copy.
    assert blockscore._with_contents(lines, marks, [(12, 19)])[0] == (0, 2)


def test_contents_running_on_in_the_intros_run_are_found() -> None:
    # The entries are cheap short lines, one a question read as prose: the finder's run of the
    # intro goes on through them; the list starts after the intro's last paragraph.
    heads = [Line(t, Kind.SHORT, 4) for t in _TITLES]
    heads[1] = Line("What will the new dam change?", Kind.PROSE, 6)
    body = [line for h in heads for line in (Line(h.text, Kind.SHORT, h.words), _section_prose(h.text))]
    lines = [_INTRO, *heads, *body]
    marks = Marks(runs=[(100, 0, 3), (400, 6, 13)], span=(6, 13))
    assert blockscore._with_contents(lines, marks, [(6, 13)]) == [(0, 1), (6, 13)]
