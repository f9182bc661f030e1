"""One module per command: a typed function returning a result; cli/ parses, prints and exits."""
