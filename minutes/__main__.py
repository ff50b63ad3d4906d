"""``python -m minutes``: the command line."""

from minutes.cli import main

if __name__ == "__main__":
    main()
