"""`hecha serve`, `hecha db` and `hecha keys`: the HTTP API and what it runs on."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from models import message

from ..output import text
from .common import EXIT_OK, EXIT_UNREADABLE, say


def _database(err: TextIO) -> Any:
    """Write sessions on the configured database (HECHA_DATABASE_URL), migrated; None when
    it cannot be reached (said on one line of `err`)."""
    from sqlalchemy.exc import OperationalError

    from ..config import get_settings
    from ..storage import make_engine, make_sessions, upgrade

    settings = get_settings()
    try:
        engine = make_engine(settings.database_url)
        upgrade(engine)
    except OperationalError as exc:
        say(err, message("API_UNAVAILABLE", detail=str(exc.orig or exc).splitlines()[0][:300]))
        return None
    return make_sessions(engine, write=True)


def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import uvicorn

    from ..app import create_app

    uvicorn.run(create_app(), host=args.host, port=args.port, log_level=args.log_level)
    return EXIT_OK


def cmd_db(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return EXIT_OK if _database(err) is not None else EXIT_UNREADABLE


def cmd_keys(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..storage import keys

    sessions = _database(err)
    if sessions is None:
        return EXIT_UNREADABLE
    with sessions.begin() as session:
        if args.keys_command == "create":
            key, info = keys.create_key(session, args.tenant)
            say(err, message("KEYS_CREATED", tenant=info.tenant))
            print(key, file=out)  # alone on stdout: KEY=$(hecha keys create --tenant x)
        elif args.keys_command == "revoke":
            if not keys.revoke_key(session, args.prefix):
                say(err, message("KEYS_UNKNOWN", prefix=args.prefix))
                return EXIT_UNREADABLE
            note = message("KEYS_REVOKED", prefix=args.prefix)
            print(f"{note.zh} / {note.en}", file=out)
        elif args.format == "json":
            from ..api.schemas import KeyPublic

            for k in keys.list_keys(session):
                print(KeyPublic(prefix=k.prefix, tenant=k.tenant, created_at=k.created_at,
                                revoked_at=k.revoked_at).model_dump_json(), file=out)
        else:
            rows = [[k.prefix, k.tenant, k.created_at.isoformat(timespec="seconds"),
                     k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else "active"]
                    for k in keys.list_keys(session)]
            for line in text.table_lines(rows):
                print(line.rstrip(), file=out)
    return EXIT_OK


def add_commands(sub: Any) -> None:
    """The `serve`, `db` and `keys` parsers."""
    p = sub.add_parser("serve", help="run the HTTP API (settings from HECHA_* variables)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("db", help="database maintenance")
    p.add_argument("db_command", choices=["upgrade"], help="upgrade: apply the migrations")
    p.set_defaults(run=cmd_db)

    p = sub.add_parser("keys", help="create, revoke and list API keys")
    keys_sub = p.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    k = keys_sub.add_parser("create", help="print a new key for a tenant (created if new)")
    k.add_argument("--tenant", required=True, metavar="NAME")
    k = keys_sub.add_parser("revoke", help="revoke the key with this prefix (hk_xxxxxxxx)")
    k.add_argument("prefix", metavar="KEY_PREFIX")
    k = keys_sub.add_parser("list", help="list keys: prefix, tenant, created, revoked")
    k.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(run=cmd_keys)
