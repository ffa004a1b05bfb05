import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kienluong-test-uploads-"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Tests of the Elasticsearch engine opt in through their `elasticsearch` fixture; every other
# test uses the database engine and leaves the server alone.
ELASTICSEARCH_URL = ""
