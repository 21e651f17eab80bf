"""The domain of the culture pass: SQLAlchemy models and the rules, free of any web concern."""
