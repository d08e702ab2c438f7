"""The lowest layer: the dataset, dates, filters, links, text, cache. Imports nothing above it."""
