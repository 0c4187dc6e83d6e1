"""Classes where the flattened-text cleaner kept another block, or too little: the title written
with other quotes than its heading, an article resuming below an inline box, product cards below
a deals roundup's intro, and a sign-up form outscoring a short post. Texts are our own."""

from __future__ import annotations

import numpy as np

from newsloom.extract.blockscore import FEATURES, _forms_last
from newsloom.extract.text import extract_text
from newsloom.extract.verdict import headline_repeats

MENU = ["Home", "News", "Tech", "Reviews", "Deals", "Log in"]
FOOTER = ["About us", "Contact", "Privacy", "Terms of use", "Advertise", "Careers"]
INTRO = [
    "Engineers at a storage maker say a new coating lets each disk platter hold far more data than the drives sold today.",
    "The company expects the first drives built on the coating to reach data centres within two years, it said on Monday.",
    "Analysts said the claim still has to be shown in mass production, where earlier coatings ran into cost problems.",
]


def test_headline_found_when_title_and_heading_write_the_apostrophe_differently() -> None:
    lines = ["L'usine du port rouvre ses portes - Le Journal", "Accueil", "L’usine du port rouvre ses portes", "Texte."]
    assert headline_repeats(lines) == [2]
    assert headline_repeats(["“Nobody told us” say the tenants | Daily", "Menu", "\"Nobody told us\" say the tenants"]) == [2]


def _resumed_page(box: list[str], after: list[str]) -> str:
    return "\n".join(["Disks grow again - Example Tech", *MENU, "Disks grow again", *INTRO, "Related", *box,
                      *after, *FOOTER])


RESUMED = ("The maker did not say what the first drives will cost, but it expects the price per terabyte to fall "
           "once the new platters are made in volume at its two plants.")


def test_article_resuming_below_an_inline_box_is_kept() -> None:
    box = ["Why tape still stores most of the world's archives", "A look inside a cold storage hall"]
    art = extract_text(_resumed_page(box, [RESUMED, "Further Reading", "Five drives we tested this year",
                                           "The quietest cases for a home server"]), source="tech.txt")
    assert INTRO[0] in art.text and RESUMED in art.text
    assert "Why tape" not in art.text


def test_teasers_in_a_box_are_not_a_resumed_article() -> None:
    # Each headline has its own teaser below it: the prose after the first one is followed by the
    # next headline, not by furniture.
    box = ["Why tape still stores most of the world's archives"]
    after = [RESUMED, "A look inside a cold storage hall",
             "Rows of robots move cartridges between shelves in a hall kept at the same cool temperature all year."]
    art = extract_text(_resumed_page(box, after), source="tech.txt")
    assert INTRO[0] in art.text and RESUMED not in art.text


def _card(name: str, price: str, features: list[str], button: str = "Buy Now") -> list[str]:
    return [name, *features, f"{name} (latest model)", price, "Available from Example Shop", button]


CARDS = [
    *_card("Example Buds 2", "$99.00", ["Switch on by themselves when taken out", "Pair with every phone in the house",
                                       "Charge fully in the case within an hour"]),
    *_card("Example Watch 5", "$189.99", ["Measure heart rate during every single run",
                                         "Keep track of sleep over the whole week", "Survive a swim in the lake"]),
    *_card("Example Tablet 11", "$329.00", ["Show films on a bright eleven inch screen",
                                           "Run for ten hours on one charge", "Take notes with the matching pen"]),
    *_card("Example Speaker", "$59.95", ["Fill a large room with clear sound",
                                        "Connect to two phones at the same time", "Stand rain and dust on the balcony"]),
]


def test_product_cards_below_a_deals_intro_are_the_article() -> None:
    deals = [
        "Holiday sales started early this year, and several of the gadgets we like best are cheaper than they have been for months.",
        "We picked the deals below from the shops we trust most, and we will keep the list up to date as prices move.",
    ]
    page = "\n".join(["The best early deals on gadgets - Example Tech", *MENU, "The best early deals on gadgets",
                      *deals, "Don't Miss:", *CARDS, *FOOTER])
    art = extract_text(page, source="deals.txt")
    assert deals[0] in art.text
    assert "Measure heart rate during every single run" in art.text and "$59.95" in art.text
    assert "Careers" not in art.text


def test_shop_carousel_under_an_article_is_not_joined() -> None:
    # A name, a price, terms and a button per item: no features, so no roundup of the article's.
    carousel = [line for n, p in (("Garden fork", "29,95 €"), ("Seed tray", "9,99 €"), ("Hose reel", "49,00 €"),
                                  ("Rain barrel", "79,00 €")) for line in (n, p, "plus shipping", "Add to cart")]
    page = "\n".join(["Disks grow again - Example Tech", *MENU, "Disks grow again", *INTRO, "Shop", *carousel, *FOOTER])
    art = extract_text(page, source="tech.txt")
    assert INTRO[0] in art.text and "Garden fork" not in art.text


def test_a_form_under_a_sidebar_heading_yields_to_the_post() -> None:
    service, below = FEATURES.index("service_share"), FEATURES.index("below_sidebar_share")
    rows = np.zeros((3, len(FEATURES)))
    rows[0, [service, below]] = 1.0  # the model's pick: a newsletter form under "Newsletter"
    rows[2, service] = 1.0  # a privacy notice above every sidebar heading (the page's subject): no form
    assert _forms_last(rows, [0, 1, 2]) == [1, 0, 2]
    assert _forms_last(rows, [2, 0, 1]) == [2, 0, 1]
    rows[1, [service, below]] = 1.0
    assert _forms_last(rows, [0, 1, 2]) == [2, 0, 1]


def test_structured_abstract_is_one_block_and_outweighs_its_reference_list() -> None:
    # Each paragraph under its label, and between two paragraphs a label with a short value: crossing
    # three short lines cost more than one paragraph weighs, and the reference list won.
    paragraphs = [
        "Earlier studies of night buses compared riders before and after new lines opened, which mixes many "
        "changes in a town, such as new shops, new jobs and new homes, with the effect of the line itself.",
        "Trips were counted on the same streets for a year before and for a year after the line opened, and "
        "the streets near the line but not served by it were counted in the same way as a control group.",
        "Late trips rose by about one fifth on the streets the line served, and they did not change on the "
        "streets nearby, so the new line brought new trips rather than moving old ones from other stops.",
    ]
    body = ["Background:", paragraphs[0], "Setting:", "Two towns.", "Design:", paragraphs[1], "Period:",
            "Two years.", "Results:", paragraphs[2]]
    references = [f"{n}. Author A, Author B, Author C. A study of town buses, part {n}. J Transp Res. "
                  f"20{n:02d};{n}:{n * 10}-{n * 10 + 9}. doi:10.1000/{n}" for n in range(1, 13)]
    page = "\n".join(["Night buses and late trips - Example Journal", *MENU, "Night buses and late trips",
                      "Share", *body, "References", *references, *FOOTER])
    art = extract_text(page, source="journal.txt")
    assert all(p in art.text for p in paragraphs), art.text[:300]


def test_the_page_article_comes_before_a_longer_one_loaded_below() -> None:
    own = [
        "Drivers of every kind of vehicle are invited to the yearly blessing the friars hold on Saturday on the main avenue.",
        "The blessing runs from six in the morning until nine at night on both sides of the avenue near the old market.",
        "It is the twentieth time the friars hold it, and they hand out a sticker and a card with ten rules for drivers.",
    ]
    later_title = "The prosecutor says political groups dislike the work of his office"
    later = [f"Paragraph {n} of the later interview: the visiting prosecutor spoke about cooperation between the two "
             f"countries, about the courts, and about the cases his office has brought over the last {n + 2} years."
             for n in range(1, 9)]
    page = "\n".join(["Friars will bless vehicles this Saturday - Example Daily", *MENU, "6 May 2022 05:30",
                      "Friars will bless vehicles this Saturday", *own, "Tags:", "cars blessing friars", "Read also",
                      "Related", "A baby died after touching a pillar wired without a permit",
                      "Storm left twenty districts without power", "5 May 2022 20:00", later_title, *later,
                      "Most read", later_title, "Friars will bless vehicles this Saturday", *FOOTER])
    art = extract_text(page, source="daily.txt")
    assert own[0] in art.text and later[0] not in art.text


LATER_PART = [f"Part two, paragraph {n}: the maker also showed a test rack of the new drives running for a month "
              f"without a single failure, and said the results would be published in full." for n in range(1, 8)]


def test_the_opening_above_an_inline_box_joins_the_longer_part_below_it() -> None:
    # The box (a sign-up form, then "Related" over one headline) cuts the article under its
    # headline; the chooser keeps the longer part below the box.
    page = "\n".join(["Disks grow again - Example Tech", *MENU, "Disks grow again", "By Jo Example", *INTRO,
                      "Get our newsletter", "Email",
                      "Sign up to receive our newsletter with offers and updates by email every week.",
                      "Related", "Why tape still stores most of the world's archives", *LATER_PART, *FOOTER])
    art = extract_text(page, source="tech.txt")
    assert LATER_PART[0] in art.text and INTRO[0] in art.text
    assert "Why tape" not in art.text
