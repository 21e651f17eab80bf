"""The domain of the culture pass: SQLAlchemy models and the rules, free of any web concern.

Importing any part of the domain imports every model module (through `models.registry`), so
relationships declared by class name always resolve, whatever was imported first.
"""

from models import registry  # noqa: F401
