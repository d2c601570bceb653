"""A fast path for the everyday commands (`log`, `next`, `today`, `exercises show`) and `plan new`.

Importing Typer and Click and building a command from its signature costs more than the rest of
`spotter next` together. :func:`run_fast` parses a command line of one of these commands the
way Click parses it (options before or after the arguments, ``--opt value``, ``--opt=value``,
``-o value``, ``-ovalue``, the last of a repeated option wins, a ``multiple`` option collects
its values in order, an integer option takes what ``int`` reads) and runs the command's code in
:mod:`spotter.cli.everyday` or :mod:`spotter.cli.plan_run` directly, with the runtime the root
callback would build. It takes
only lines it understands completely: help, ``--version``, an unknown or misspelt option, a
missing or extra argument, a value outside an option's choices, ``--``, or a shell completion
request all return None, and the Typer app then runs the line, so help and usage errors are
Typer's own, word for word. tests/cli/test_cli_fast.py checks the option tables below against
the Click commands and compares both paths' output.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

#: An option's kind: ``"flag"`` (no value), ``"value"`` (any text), ``"int"`` (an integer),
#: ``"many"`` (any text, repeatable: the values in order) or the tuple of its choices.
Kind = str | tuple[str, ...]

_TEXT_FORMATS = ("text", "json")
_PAGE_FORMATS = ("text", "json", "markdown")


@dataclass(frozen=True, slots=True)
class Spec:
    """A command's parameters as Click declares them: arguments in order (name, required) and
    options by every spelling (spelling -> parameter name, kind)."""

    arguments: tuple[tuple[str, bool], ...]
    options: Mapping[str, tuple[str, Kind]] = field(default_factory=dict)


#: The commands' parameters (names as in the Typer functions).
SPECS: dict[str, Spec] = {
    "log": Spec(
        (("text", False),),
        {
            "--date": ("date", "value"),
            "-d": ("date", "value"),
            "--undo": ("undo", "flag"),
            "--unit": ("unit", "value"),
            "-u": ("unit", "value"),
            "--format": ("fmt", _TEXT_FORMATS),
            "-f": ("fmt", _TEXT_FORMATS),
            "--note": ("note", "value"),
            "--allow-outlier": ("allow_outlier", "flag"),
            "--uuid": ("batch_uuid", "value"),
        },
    ),
    "next": Spec(
        (("exercise", True),),
        {"--format": ("fmt", _TEXT_FORMATS), "-f": ("fmt", _TEXT_FORMATS)},
    ),
    "today": Spec(
        (),
        {
            "--date": ("date", "value"),
            "-d": ("date", "value"),
            "--format": ("fmt", _TEXT_FORMATS),
            "-f": ("fmt", _TEXT_FORMATS),
        },
    ),
    "exercises show": Spec(
        (("slug", True),),
        {"--format": ("fmt", _PAGE_FORMATS), "-f": ("fmt", _PAGE_FORMATS)},
    ),
    "plan new": Spec(
        (),
        {
            "--weeks": ("weeks", "int"),
            "-w": ("weeks", "int"),
            "--template": ("template", "value"),
            "-t": ("template", "value"),
            "--fill": ("fill", "flag"),
            "--emphasis": ("emphasis", "many"),
            "--avoid": ("avoid", "many"),
            "--favourite": ("favourite", "many"),
            "--start": ("start", "value"),
            "--imported": ("imported", "flag"),
            "--format": ("fmt", _TEXT_FORMATS),
            "-f": ("fmt", _TEXT_FORMATS),
        },
    ),
}
#: Commands with a sub-command: the group's word and the sub-commands the fast path takes.
GROUPS: dict[str, frozenset[str]] = {"exercises": frozenset({"show"}), "plan": frozenset({"new"})}

def parse(spec: Spec, args: Sequence[str]) -> dict[str, object] | None:
    """The values of ``args`` for ``spec`` as Click would read them, or None for anything this
    parser leaves to Click (an unknown option, a missing value, a bad choice, a wrong count).

    >>> parse(SPECS["next"], ["bench-press", "-fjson"]) == {"exercise": "bench-press", "fmt": "json"}
    True
    >>> parse(SPECS["next"], ["--format", "xml", "bench-press"]) is None
    True
    >>> parse(SPECS["plan new"], ["--avoid", "a,b", "-w", "4", "--avoid=c"])
    {'avoid': ['a,b', 'c'], 'weeks': 4}
    >>> parse(SPECS["plan new"], ["--weeks", "four"]) is None
    True
    """
    values: dict[str, object] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "--":
            return None
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        if token.startswith("--"):
            name, eq, attached = token.partition("=")
            value: str | None = attached if eq else None
        else:  # a short option, its value possibly attached: -fjson
            name, value = token[:2], (token[2:] or None)
        found = spec.options.get(name)
        if found is None:
            return None
        dest, kind = found
        if kind == "flag":
            if value is not None:
                return None
            values[dest] = True
            continue
        if value is None:
            if i >= len(args) or (args[i].startswith("-") and args[i] != "-"):
                return None
            value = args[i]
            i += 1
        if isinstance(kind, tuple) and value not in kind:
            return None
        if kind == "int":
            try:
                values[dest] = int(value)
            except ValueError:
                return None
        elif kind == "many":
            many = values.setdefault(dest, [])
            assert isinstance(many, list)
            many.append(value)
        else:
            values[dest] = value
    names = [name for name, _ in spec.arguments]
    required = sum(1 for _, needed in spec.arguments if needed)
    if not required <= len(positional) <= len(names):
        return None
    values.update(zip(names, positional, strict=False))
    return values


def split(argv: Sequence[str]) -> tuple[str | None, str, dict[str, object]] | None:
    """(``--db``, command, its values) of a command line the fast path takes, else None."""
    i, db = 0, None
    while i < len(argv) and argv[i].startswith("-"):  # the root's options come first
        token = argv[i]
        if token.startswith("--db="):
            db, i = token[len("--db=") :], i + 1
        elif token == "--db" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            db, i = argv[i + 1], i + 2
        else:
            return None
    if i >= len(argv):
        return None
    command, rest = argv[i], list(argv[i + 1 :])
    if command in GROUPS:
        if not rest or rest[0] not in GROUPS[command]:
            return None
        command, rest = f"{command} {rest[0]}", rest[1:]
    spec = SPECS.get(command)
    if spec is None:
        return None
    values = parse(spec, rest)
    return None if values is None else (db, command, values)


def _completion_requested(env: Mapping[str, str]) -> bool:
    return any(k.startswith("_") and k.endswith("_COMPLETE") for k in env)


def _runner(command: str) -> Callable[..., None]:
    if command == "plan new":
        from spotter.cli.plan_run import run_plan_new

        return run_plan_new
    from spotter.cli import everyday

    runners: dict[str, Callable[..., None]] = {
        "log": everyday.run_log,
        "next": everyday.run_next,
        "today": everyday.run_today,
        "exercises show": everyday.run_show,
    }
    return runners[command]


def _values(command: str, values: dict[str, object]) -> dict[str, object]:
    """Formats as the enums the commands take."""
    from spotter.cli.output import PageFormat, TextFormat

    if "fmt" in values:
        kind = PageFormat if command == "exercises show" else TextFormat
        values = {**values, "fmt": kind(str(values["fmt"]))}
    return values


def run_fast(argv: Sequence[str], env: Mapping[str, str] | None = None) -> int | None:
    """Run ``argv`` (the arguments after ``spotter``) on the fast path and return the exit code,
    or return None, having done nothing, when the Typer app must run it."""
    env = os.environ if env is None else env
    if _completion_requested(env):
        return None
    found = split(argv)
    if found is None:
        return None
    db, command, values = found
    from spotter.cli.output import CommandError
    from spotter.compose import Runtime
    from spotter.config import resolve_settings

    rt = Runtime(resolve_settings(db))
    try:
        _runner(command)(rt, **_values(command, values))
    except CommandError as exc:
        return exc.code
    except (KeyboardInterrupt, EOFError):  # as Click reports them
        sys.stderr.write("\nAborted!\n")
        return 1
    except BrokenPipeError:  # the reader went away (`| head`): exit 1 quietly, as Click does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the final flush at exit cannot fail again
        return 1
    finally:
        rt.close()
    return 0
