"""Serve the few front-end files we use from node_modules as our own statics.

Only the files named here are collected (not the whole npm packages), which
keeps `collectstatic` fast and the deployed bundle small.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

# static prefix -> (folder inside node_modules, files inside that folder)
VENDOR_FILES = {
    "vendor/bootstrap": (
        "bootstrap/dist",
        [
            "css/bootstrap.min.css",
            "css/bootstrap.min.css.map",
            "js/bootstrap.bundle.min.js",
            "js/bootstrap.bundle.min.js.map",
        ],
    ),
    "vendor/chart.js": ("chart.js/dist", ["chart.umd.min.js", "chart.umd.min.js.map"]),
    # The API's documentation page (/api/docs/)
    "vendor/swagger-ui": (
        "swagger-ui-dist",
        ["swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui.css.map"],
    ),
}


class NodeModulesFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        root = Path(getattr(settings, "NODE_MODULES_DIR", settings.BASE_DIR / "node_modules"))
        self.storages = {}
        for prefix, (folder, files) in VENDOR_FILES.items():
            storage = FileSystemStorage(location=root / folder)
            storage.prefix = prefix
            self.storages[prefix] = (storage, files)

    def check(self, **kwargs):
        missing = [
            f"{prefix}/{name}"
            for prefix, (storage, files) in self.storages.items()
            for name in files
            if not storage.exists(name)
        ]
        if missing:
            return [
                Error(
                    f"Front-end files missing from node_modules: {', '.join(missing)}",
                    hint="Run `npm ci` (make run does it for you).",
                    id="backpain.E001",
                )
            ]
        return []

    def find(self, path, find_all=False, **kwargs):
        matches = []
        for prefix, (storage, files) in self.storages.items():
            name = path.removeprefix(prefix + "/")
            if name != path and name in files and storage.exists(name):
                full = storage.path(name)
                if not find_all:
                    return full
                matches.append(full)
        return matches if find_all else []

    def list(self, ignore_patterns):
        for storage, files in self.storages.values():
            for name in files:
                if storage.exists(name) and not utils.matches_patterns(name, ignore_patterns or []):
                    yield name, storage
