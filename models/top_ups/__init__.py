"""Local top-up programmes: credit a local government adds for the young people of its
territory (docs/domain/8-local-top-ups.md)."""
