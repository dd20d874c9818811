"""``python -m dataflow.docs [FOLDER]``: write every generated page (default ``docs``)."""

from . import main

main()
