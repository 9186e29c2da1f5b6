"""The entry point: parse the options, run the command, turn the outcome into an exit status.

Heavy imports (requests, Sudachi, rich; pandas only for --csv) happen inside the commands, so
`--help` and `--version` are instant.
"""
from __future__ import annotations

import contextlib
import signal
import sys
import threading
from typing import Iterator, Sequence

from .configfile import ConfigError, load
from .environment import Environment, ExitStatus, Terminated
from .parser import UsageError, build_parser


def _version() -> str:
    from .. import package_version

    return package_version()


def _terminate(signum, frame) -> None:  # noqa: ARG001 - a signal handler's signature
    raise Terminated()


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM raises Terminated (a KeyboardInterrupt) instead of killing
    the process outright; the previous handler comes back afterwards. Only the main thread may
    set handlers (a test calling main() from another thread just keeps the default)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    """Run the CLI; returns the exit status instead of exiting (tests call this directly)."""
    env = env or Environment()
    with _sigterm_as_interrupt():
        return _main(argv, env)


def _main(argv: Sequence[str] | None, env: Environment) -> int:
    try:
        config = load(env.environ, env.cwd, env.user_config)
        parser = build_parser(config.values)
        with contextlib.redirect_stdout(env.stdout):  # --help goes where the Environment says
            args = parser.parse_args(argv)
        args.config = config
        env.quiet = bool(getattr(args, "quiet", False))
        if args.version:
            print(f"claimcheck {_version()}", file=env.stdout)
            return ExitStatus.OK
        if not args.command:
            parser.print_help(env.stdout)
            return ExitStatus.ERROR
        if args.command == "completion":
            return _completion(parser, args.shell, env)
        from . import commands  # heavy: imported only when a command runs

        return getattr(commands, f"cmd_{args.command}")(args, env)
    except (UsageError, ConfigError) as error:
        env.error(str(error))
        return ExitStatus.ERROR
    except Terminated:
        env.error("terminated (SIGTERM)")
        return ExitStatus.TERMINATED
    except KeyboardInterrupt:
        env.error("interrupted")
        return ExitStatus.INTERRUPTED
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)


def _completion(parser, shell: str, env: Environment) -> int:
    """A bash or zsh completion script, generated from the parser itself (shtab)."""
    import shtab

    env.stdout.write(shtab.complete(parser, shell=shell))
    return ExitStatus.OK


def console_main() -> None:
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
