"""The few Streamlit-aware helpers every page shares: the cached loader, the filter state, the evidence panel."""
