"""Understanding: entities linked to canonical actors, resolved dates, quotations."""
