#!/usr/bin/env python
"""Django's command-line utility; `gonghui` is the same thing installed as a console script."""

from gonghui.cli import main

if __name__ == "__main__":
    main()
