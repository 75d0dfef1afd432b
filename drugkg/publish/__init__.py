"""Publishing: drug cards, exports, SSSOM mappings and link reports, read from a store."""
