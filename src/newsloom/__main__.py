"""``python -m newsloom``: the command line."""

from .cli import main

main()
