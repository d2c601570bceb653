"""`python -m spotter.cli`."""

from spotter.cli.app import main

main()
