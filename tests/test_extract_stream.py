"""Pages whose text is a stream of stamped entries (a forum thread, a live report): the cleaner
keeps the whole stream, without what every entry repeats, and leaves stamped teasers and a
thread below a post alone; of a series of dated articles one below the other (an endless-scroll
page without its title), the first is the page's own. Texts are our own."""

from __future__ import annotations

from newsloom.extract.stream import _in_time_order
from newsloom.extract.text import extract_text

MENU = ["Home", "Forum", "New posts", "Search", "Log in", "Register"]
FOOTER = ["Similar threads", "Best tyres for a wet winter", "Which charger for a small car", "Imprint",
          "Contact", "Privacy"]
POSTS = [
    ("Marek", ["Does anyone know when the update for the older models reaches the shops?",
               "Mine still shows the old version after a week of waiting."]),
    ("Ilse", ["It came through on my phone last night, it took about ten minutes in all."]),
    ("Marek", ["Thanks, I will try it again tonight and report back here."]),
    ("Tomasz", ["You have to restart twice before the new menu shows up, that was the trick for me."]),
    ("Ilse", ["Good to know, the second restart also fixed the sound on mine."]),
    ("Ruth", ["Same here with the sound, all fine after the second restart."]),
]


def _post(number: int, author: str, text: list[str], stamp: str) -> list[str]:
    return [author, "Profile", "Show posts", "Send message", "Member", stamp, f"#{number}", *text, "0"]


def _thread(stamps: list[str], above: list[str] | None = None) -> str:
    lines = ["Update for the older models - Example Forum", *MENU, "Update for the older models", *(above or [])]
    for k, ((author, text), stamp) in enumerate(zip(POSTS, stamps, strict=True)):
        lines += _post(k + 1, author, text, stamp)
    return "\n".join([*lines, *FOOTER])


THREAD_STAMPS = [f"14.05.2021, {h}" for h in ("09:12", "09:40", "10:05", "10:31", "11:02", "11:47")]


def test_a_forum_thread_is_kept_whole_without_the_author_boxes() -> None:
    art = extract_text(_thread(THREAD_STAMPS), source="forum.txt")
    for _, text in POSTS:
        assert text[0] in art.text
    assert "Show posts" not in art.text and "Send message" not in art.text
    assert "Best tyres for a wet winter" not in art.text


def test_stamps_out_of_time_order_are_no_stream() -> None:
    # Teasers of related articles between a story's paragraphs, each with its own date and time.
    assert _in_time_order(THREAD_STAMPS)
    assert _in_time_order(["19:30", "19:17", "19:16", "19:02", "18:45"])
    assert _in_time_order(["2:10 PM", "12:40 PM", "11:05 AM", "9:30 AM"])
    assert not _in_time_order(["26 April 2022 1:04 PM", "2 February 2022 12:02 PM", "10 February 2021 07:30 AM",
                               "15 April 2022 01:02 PM", "22 April 2022 6:46 PM"])
    assert not _in_time_order(["14.05.2021, 09:12", "14.05.2021, 11:40", "14.05.2021, 10:05", "14.05.2021, 12:31"])


POST = [
    "Our street festival returns this summer after a break of three years, with music on two stages and stalls along the river.",
    "The organisers said the permits were granted on Friday, and that volunteers can still sign up for the weekend shifts.",
    "Parking near the river will be closed from Saturday morning, so visitors are asked to come by bus or by bike.",
]


def test_a_post_above_its_comment_thread_keeps_its_place() -> None:
    art = extract_text(_thread(THREAD_STAMPS, above=["By Ana Weber", *POST]), source="forum.txt")
    assert POST[0] in art.text
    assert POSTS[1][1][0] not in art.text


def _story(title: str, minutes: int, stamp: str | None, body: list[str]) -> list[str]:
    header = ["Local politics", title, f"read on: {minutes} minutes", "by Example Desk"]
    return [*header, *([stamp] if stamp else []), "*", "*", *body]


FIRST = [
    "The council voted on Tuesday to keep the old library open for two more years while a new site is sought.",
    "Members of the opposition said the decision only delays a choice that the town will have to make anyway.",
    "The library's friends group collected more than three thousand signatures for keeping the building open.",
    "A final plan for the new site is expected before the summer break, the mayor's office said afterwards.",
]
LATER = [f"The second story, paragraph {n}, tells of a road project that ran over its budget by a wide margin "
         f"and of the hearings that followed in the regional assembly over the last months." for n in range(1, 10)]


def _series(stamps: tuple[str | None, str | None]) -> str:
    return "\n".join([*MENU, *_story("Library stays open for now", 4, stamps[0], FIRST),
                      "Share", "Comment", *_story("Road project far over budget", 9, stamps[1], LATER), *FOOTER])


def test_the_first_article_of_a_dated_series_is_the_page_s_own() -> None:
    # No <title> line (a flattener that drops it): the later, longer article loaded below the
    # page's own opens under the same header.
    art = extract_text(_series(("14 May 2019", "12 March 2019")), source="series.txt")
    assert FIRST[0] in art.text and LATER[0] not in art.text


def test_undated_alike_headers_are_no_series() -> None:
    art = extract_text(_series((None, None)), source="series.txt")
    assert LATER[0] in art.text

