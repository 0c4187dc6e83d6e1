"""Name hygiene: what a name in the text may not be (a brand spelled as a person, page furniture,
a headline in title case) and what is a title to strip from it and keep as a role."""

from __future__ import annotations

import re

# "SpaceX", "YouTube", "iPhone": a capital after a lower-case letter inside one word is a brand's
# spelling, not a person's name ("McCain", "DeSantis" and "MacArthur" are the exceptions kept).
_BRAND = re.compile(r"^[A-Za-z]*[a-z][A-Z][A-Za-z]*$")
_NAME_PREFIX = re.compile(r"^(Mc|Mac|De|Di|Da|La|Le|Van|Von|O)[A-Z]")


def is_brand(text: str) -> bool:
    word = text.strip()
    return " " not in word and bool(_BRAND.match(word)) and not _NAME_PREFIX.match(word)
