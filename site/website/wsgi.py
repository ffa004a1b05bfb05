import gc
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
# What the worker has loaded lives as long as it does: out of the collector's sight, a full
# collection no longer walks it (about 100 ms a time, on one reader's request).
gc.freeze()
