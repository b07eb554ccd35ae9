"""Notes for clients that sync: versioned edits, a trash, and a change feed."""
