"""Strait Watch: the pure code (no Streamlit). core -> views -> briefing; intake and render beside."""
