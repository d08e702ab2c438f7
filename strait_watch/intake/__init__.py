"""Add an article: read, split, suggest candidate rows, check, save (`suggest`, `workflow`, `save`)."""
