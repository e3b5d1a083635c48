"""Learned filter deciding whether a candidate personal name is an exemplary person."""
from models.person_filter.filter import PersonFilter, load_filter  # noqa: F401
