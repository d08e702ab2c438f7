"""The proposal network view: `graph` (select and metrics), `drawing` (positions, look, payload), `standalone` (HTML page), `export` (GEXF, GraphML, CSV)."""
