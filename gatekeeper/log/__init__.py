"""The decision log: append-only JSON lines chained by digest, optionally signed;
its keys, its queries, and the redaction of input fields before they are kept."""
