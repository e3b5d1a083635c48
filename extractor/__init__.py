"""tdkt extractor: bytes → normalised Document → section tree → entities → Extraction."""
