"""The ``dataflow`` program: the ``dataflow`` command and ``python -m dataflow``."""

import gc


def run() -> None:
    """Run the command line as a program (:func:`dataflow.cli.run`).

    Python's cycle collector is off from the first import on, as it is for every command
    (:func:`dataflow.cli.main`): importing the command line builds pydantic's models, some
    thirty thousand tracked objects and no garbage, and the collector would run about eighty
    times over them, a thirtieth of the check of a small map.
    """
    gc.disable()
    from .cli import run as command_line

    command_line()


if __name__ == "__main__":
    run()
