"""Segmentation: header block and metadata, section tree. Importing registers the components."""
