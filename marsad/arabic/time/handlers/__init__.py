"""The rules' handlers, by family (see marsad.arabic.time.rules for the rules themselves)."""
