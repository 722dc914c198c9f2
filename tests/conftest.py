"""Tests run headless: Qt's offscreen platform, and no real settings folder touched."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
