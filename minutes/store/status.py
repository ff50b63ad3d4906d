"""What storing something did: the names ``Backend.upsert`` and ``Backend.add_strategy`` return."""

INSERTED, UPDATED, UNCHANGED = "inserted", "updated", "unchanged"

__all__ = ["INSERTED", "UPDATED", "UNCHANGED"]
