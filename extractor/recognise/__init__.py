"""Recognisers: one module per entity. Importing registers the components."""
from extractor.recognise import campaigns, indicators  # noqa: F401
from extractor.recognise import awards  # noqa: F401,E402
from extractor.recognise import people  # noqa: F401,E402
from extractor.recognise import award_lists  # noqa: F401,E402
from extractor.recognise import award_counts  # noqa: F401,E402
