"""The package's version, alone in its module: reading it must not import the stages.

``pyproject.toml`` takes the version from here (``[tool.setuptools.dynamic]``), so there
is one place to change it.
"""

from __future__ import annotations

__version__ = "0.1.0"
