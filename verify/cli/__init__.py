"""The command line (`claimcheck`, `python -m verify`): a thin shell over the stages.

It parses options (parser.py), reads the inputs (inputs.py), runs a command (commands.py) and
returns an ExitStatus; it never decides a verdict. `main(argv, env)` is what tests call.
"""
from .entry import console_main, main
from .environment import Environment, ExitStatus
from .parser import UsageError, build_parser

__all__ = ["Environment", "ExitStatus", "UsageError", "build_parser", "console_main", "main"]
