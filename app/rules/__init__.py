"""Pure rule functions, each citing the article it encodes."""
