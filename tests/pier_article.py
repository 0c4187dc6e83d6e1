"""A short article in our own words, shared by the tests of flattened-page headers (titles, dates)."""

BODY = [
    "The harbour authority said on Tuesday that the old ferry pier will close for repairs from next month.",
    "Engineers found cracks in two of the concrete piles during an inspection carried out in the autumn.",
    "Ferries will use a temporary landing stage on the north quay while the work goes on, the authority said.",
    "Local traders asked for clear signs so that visitors can still find the market beside the old pier.",
]
