"""Finding an actor by what a user types: one SQL text for SQLite and PostgreSQL.

The host class provides the connection (``SQLHost``).
"""

from __future__ import annotations

from ..model import Actor
from .dialect import SQLHost, like_pattern

# Every actor the words may name: its name equal to them or containing them, or a mention of it
# written that way ("Clinton", "Sen. Warren"). The most mentioned wins, then the longer (fuller)
# name, so "Clinton" opens Hillary Clinton rather than a four-mention stub.
# The actors mentioned with those words are collected one distinct id at a time (each step one
# probe of mentions_lower_text, which holds the actor's id), not by reading every such mention: a
# much-covered name is written the same way in about 100,000 mentions at a million articles.
_FIND = (
    "WITH RECURSIVE said(id) AS ("
    " SELECT (SELECT m.actor_id FROM mentions m WHERE lower(m.text) = lower(?) ORDER BY m.actor_id LIMIT 1)"
    " UNION ALL SELECT (SELECT m.actor_id FROM mentions m WHERE lower(m.text) = lower(?) AND m.actor_id > said.id"
    " ORDER BY m.actor_id LIMIT 1) FROM said WHERE said.id IS NOT NULL)"
    " SELECT ac.id, ac.name, ac.type, ac.wikidata, ac.country,"
    " coalesce((SELECT sum(da.mentions) FROM doc_actors da WHERE da.actor_id = ac.id), 0) AS n"
    " FROM actors ac WHERE lower(ac.name) LIKE lower(?) ESCAPE '\\'"
    " OR ac.id IN (SELECT said.id FROM said WHERE said.id IS NOT NULL)"
    " ORDER BY n DESC, length(ac.name) DESC, ac.id LIMIT 1"
)


class ActorLookupMixin(SQLHost):
    """``find_actor`` ranked by mentions, full names first; an exact id always wins."""

    def find_actor(self, name: str) -> Actor | None:
        name = name.strip()
        if not name:
            return None
        row = self._row("SELECT id, name, type, wikidata, country FROM actors WHERE id = ?", (name,))
        if row is None:
            row = self._row(_FIND, (name, name, like_pattern(name)))
        if row is None:
            return None
        return Actor(id=row["id"], name=row["name"], type=row["type"], wikidata=row["wikidata"],
                     country=row["country"])
