"""Finding an actor by what a user types: one SQL text for SQLite and PostgreSQL.

The host class provides ``_one``; PostgreSQL sets ``paramstyle = "format"`` and the ``?``
placeholders become ``%s``.
"""

from __future__ import annotations

from ..model import Actor

# Every actor the words may name: its name equal to them or containing them, or a mention of it
# written that way ("Clinton", "Sen. Warren"). The most mentioned wins, then the longer (fuller)
# name, so "Clinton" opens Hillary Clinton rather than a four-mention stub.
_FIND = (
    "SELECT ac.id, ac.name, ac.type, ac.wikidata, ac.country,"
    " coalesce((SELECT sum(da.mentions) FROM doc_actors da WHERE da.actor_id = ac.id), 0) AS n"
    " FROM actors ac WHERE lower(ac.name) LIKE lower(?) ESCAPE '\\'"
    " OR ac.id IN (SELECT m.actor_id FROM mentions m WHERE lower(m.text) = lower(?))"
    " ORDER BY n DESC, length(ac.name) DESC, ac.id LIMIT 1"
)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class ActorLookupMixin:
    """``find_actor`` ranked by mentions, full names first; an exact id always wins."""

    paramstyle = "qmark"

    def find_actor(self, name: str) -> Actor | None:
        name = name.strip()
        if not name:
            return None
        ph = "%s" if self.paramstyle == "format" else "?"
        row = self._one(f"SELECT id, name, type, wikidata, country FROM actors WHERE id = {ph}",  # type: ignore[attr-defined]
                        (name,))
        if row is None:
            sql = _FIND.replace("?", "%s") if self.paramstyle == "format" else _FIND
            row = self._one(sql, (_like(name), name))  # type: ignore[attr-defined]
        if row is None:
            return None
        return Actor(id=row["id"], name=row["name"], type=row["type"], wikidata=row["wikidata"],
                     country=row["country"])
