"""Recognisers: one module per entity. Importing registers the components."""
