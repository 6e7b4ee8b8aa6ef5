"""Placeholder replaced by the header work (province table)."""
def province_rows():
    return []
