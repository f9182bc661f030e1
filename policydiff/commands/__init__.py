"""One module per command: a typed function returning a result; cli.py parses, prints and exits."""
