#!/usr/bin/env python
import os
import sys
from pathlib import Path

# The project package lives in site/ (a folder named like the standard-library `site` module
# cannot itself be a package), so that folder goes on the import path.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
