"""``newsloom.analyze`` is a pure function of its input and settings: no state learned in the process."""

from __future__ import annotations

import newsloom
from newsloom.settings import Settings
from newsloom.store import SQLiteStore

_TOWNS = ["Arden", "Belmont", "Corrin", "Dunmore", "Elstow", "Farley", "Glenn", "Harrow", "Ivybridge", "Jarrow"]


def _page(n: int) -> str:
    town = _TOWNS[n % len(_TOWNS)]
    return "\n".join([
        f"Council approves plan number {n} for {town}",
        "By Staff Reporter",
        f"The council of {town} voted on Tuesday to approve plan {n}, which covers roads and schools.",
        "Our reporters have covered the harbour towns every week since the paper was founded by the fishers.",
        f"Residents of {town} had asked for the change for {n + 2} years, the mayor told reporters.",
        f"Work on plan {n} is expected to begin in the spring and to last about {n % 7 + 2} months.",
    ])


def test_analyze_ignores_what_the_process_analysed_before(fast_settings: Settings) -> None:
    url = "https://harbour-ledger.example/news/{}"
    first = newsloom.analyze(_page(0), url=url.format(0), settings=fast_settings).as_dict()
    for n in range(1, 101):  # a hundred other pages of the same outlet, sharing its boilerplate lines
        newsloom.analyze(_page(n), url=url.format(n), settings=fast_settings)
    again = newsloom.analyze(_page(0), url=url.format(0), settings=fast_settings).as_dict()
    assert again == first


def test_the_batch_runner_owns_the_outlet_memory(tmp_path, fast_settings: Settings) -> None:
    url = "https://harbour-ledger.example/news/{}"
    with SQLiteStore(tmp_path / "m.db") as store:
        for n in range(1, 21):
            newsloom.add(store, _page(n), url=url.format(n), settings=fast_settings)
        assert "harbour-ledger.example" in store.outlet_profiles()  # learned, and saved to the store
        stored = store.article(newsloom.add(store, _page(0), url=url.format(0), settings=fast_settings))
    alone = newsloom.analyze(_page(0), url=url.format(0), settings=fast_settings)
    furniture = "Our reporters have covered the harbour towns"
    assert furniture in alone.text and furniture not in stored.text
