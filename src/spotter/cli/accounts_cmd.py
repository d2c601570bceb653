"""`spotter users add | list | set | disable | enable | role | password`: accounts on a database.

For whoever runs a Spotter server (``--db`` or ``SPOTTER_DB`` naming its database); the single-user
command line needs none of this. Registered in ``cli/app.py`` as the command group ``users``
(``LazyCommand("spotter.cli.accounts_cmd", ..., attr="app")``). Passwords are read from a hidden
prompt or, with ``--password-stdin``, from the first line of standard input: never from the
command line, where other users of the machine could read them in the process list. Whoever runs
these commands has the database in hand, so they act as the server's operator (they may make
admins).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from spotter.cli.common import (
    TextFormat,
    TextFormatOpt,
    console,
    fail,
    print_json,
    runtime,
    user_errors,
)
from spotter.services.results import to_data

if TYPE_CHECKING:
    from spotter.services.accounts import Account

app = typer.Typer(
    name="users",
    help="Manage the accounts of a Spotter server: add, list, set, disable, enable, role, password.",
    no_args_is_help=True,
)

UserArg = Annotated[str, typer.Argument(help="The username (or the account's uuid).")]
PasswordStdinOpt = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from the first line of standard input instead of a prompt.",
    ),
]


def _zone(name: str) -> str:
    """A user's zone as shown: the empty name is the machine's.

    >>> _zone("Europe/Berlin"), _zone("")
    ('Europe/Berlin', "this machine's")
    """
    return name or "this machine's"


def _show(a: Account, fmt: TextFormat, verb: str) -> None:
    if fmt is TextFormat.json:
        print_json(to_data(a))
        return
    state = "disabled" if a.disabled_at is not None else "active"
    console().print(
        f"{verb} {a.username} ({a.role.value}, {_zone(a.timezone)}, {state}) id {a.id} "
        f"uuid {a.uuid}",
        highlight=False,
        markup=False,
    )


def _read_password(stdin: bool, *, confirm: bool = True) -> str:
    if stdin:
        line = sys.stdin.readline()
        if not line:
            raise fail("--password-stdin: standard input is empty; give the password on its first line")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise fail("no terminal to ask for the password: use --password-stdin")
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=confirm)
    return value


def _passwords() -> Any:
    from spotter.services.auth import Passwords

    return Passwords()


@app.command("add")
def add(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="3-32 characters: a-z, 0-9, '.', '_', '-'.")],
    role: Annotated[str, typer.Option("--role", help="lifter, coach or admin.")] = "lifter",
    timezone: Annotated[
        str, typer.Option("--timezone", "--tz", help="IANA time zone, e.g. Europe/Berlin.")
    ] = "UTC",
    email: Annotated[str | None, typer.Option("--email", help="An e-mail address.")] = None,
    display_name: Annotated[
        str, typer.Option("--display-name", help="The name shown to others (default: username).")
    ] = "",
    password_stdin: PasswordStdinOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Create an account with a password (at least 10 characters, not the username).

    Example: printf '%s\\n' "$PW" | spotter users add ana --role coach --password-stdin
    """
    from spotter.services.accounts import register

    password = _read_password(password_stdin)
    rt = runtime(ctx)
    with user_errors():
        account = register(
            rt.uow(),
            _passwords(),
            username=username,
            password=password,
            now=rt.now(),
            role=role,
            timezone=timezone,
            email=email,
            display_name=display_name,
            actor=None,
        )
    _show(account, fmt, "added")


@app.command("list")
def list_(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="At most this many.")] = 100,
    after: Annotated[
        int, typer.Option("--after", min=0, help="Start after this user id (a cursor).")
    ] = 0,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """List accounts in id order (no training data).

    Example: spotter users list --format json
    """
    from spotter.services.accounts import list_accounts

    with user_errors():
        accounts = list_accounts(runtime(ctx).uow(), None, after_id=after, limit=limit)
    if fmt is TextFormat.json:
        print_json(to_data(accounts))
        return
    from rich.table import Table

    table = Table("id", "username", "role", "timezone", "state", "created (UTC)")
    for a in accounts:
        state = "disabled" if a.disabled_at is not None else "active"
        table.add_row(
            str(a.id), a.username, a.role.value, _zone(a.timezone), state,
            f"{a.created_at:%Y-%m-%d %H:%M}",
        )
    console().print(table)


@app.command("set")
def set_(
    ctx: typer.Context,
    user: UserArg,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone", "--tz", help="IANA time zone, e.g. Europe/Berlin; 'local': this machine's."
        ),
    ] = None,
    email: Annotated[str | None, typer.Option("--email", help="An e-mail address.")] = None,
    display_name: Annotated[
        str | None, typer.Option("--display-name", help="The name shown to others.")
    ] = None,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Change an account's time zone (it decides the user's "today" and weeks), e-mail or name.

    Example: spotter users set local --tz Europe/Berlin
    """
    from spotter.services.accounts import update_settings

    target = _find(ctx, user)
    with user_errors():
        account = update_settings(
            runtime(ctx).uow(),
            target.id,
            timezone=timezone,
            display_name=display_name,
            email=email,
        )
    _show(account, fmt, "updated")


def _find(ctx: typer.Context, ref: str) -> Account:
    from spotter.services.accounts import find_account

    with user_errors():
        return find_account(runtime(ctx).uow(), ref)


@app.command("disable")
def disable(ctx: typer.Context, user: UserArg, fmt: TextFormatOpt = TextFormat.text) -> None:
    """Disable an account: it cannot sign in and its sessions end; its data stays.

    Example: spotter users disable ana
    """
    from spotter.services.accounts import disable_account

    target = _find(ctx, user)
    rt = runtime(ctx)
    with user_errors():
        _show(disable_account(rt.uow(), None, target.id, now=rt.now()), fmt, "disabled")


@app.command("enable")
def enable(ctx: typer.Context, user: UserArg, fmt: TextFormatOpt = TextFormat.text) -> None:
    """Let a disabled (or locked) account sign in again.

    Example: spotter users enable ana
    """
    from spotter.services.accounts import enable_account

    target = _find(ctx, user)
    with user_errors():
        _show(enable_account(runtime(ctx).uow(), None, target.id), fmt, "enabled")


@app.command("role")
def role(
    ctx: typer.Context,
    user: UserArg,
    new_role: Annotated[str, typer.Argument(metavar="ROLE", help="lifter, coach or admin.")],
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Give an account another role.

    Example: spotter users role ana coach
    """
    from spotter.services.accounts import change_role

    target = _find(ctx, user)
    with user_errors():
        _show(change_role(runtime(ctx).uow(), None, target.id, new_role), fmt, "changed")


@app.command("password")
def password(
    ctx: typer.Context,
    user: UserArg,
    password_stdin: PasswordStdinOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Set an account's password; its sessions end and a lockout is lifted.

    Example: printf '%s\\n' "$PW" | spotter users password ana --password-stdin
    """
    from spotter.services.accounts import set_password

    target = _find(ctx, user)
    secret = _read_password(password_stdin)
    with user_errors():
        _show(set_password(runtime(ctx).uow(), _passwords(), target.id, secret), fmt, "updated")
