"""One module per view: what it selects under the filters, and its figure, table, rows and words."""
