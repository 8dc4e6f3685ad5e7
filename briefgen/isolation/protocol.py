"""The messages between parent and child: length-prefixed, bounded, with a deadline.

Parent to child: one pickled job (the parent is trusted). Child to parent: a JSON header and the
document's bytes, each length-prefixed; the parent refuses a length over its limit before it
reads the body, and gives up at its deadline.
"""

from __future__ import annotations

import json
import pickle
import socket
import struct
import time
from typing import Any

LENGTH = struct.Struct("!Q")
MAX_HEADER = 1_000_000


class Gone(Exception):
    """The other end closed the connection (it died, or gave up)."""


class Timeout(Exception):
    """The deadline passed before the message was whole."""


class TooLarge(Exception):
    """The other end announced a message longer than the reader allows."""


def read_exactly(sock: socket.socket, size: int, deadline: float | None = None) -> bytes:
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout
            sock.settimeout(left)
        try:
            chunk = sock.recv(min(remaining, 1 << 20))
        except TimeoutError:
            raise Timeout from None
        if not chunk:
            raise Gone
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_message(sock: socket.socket, limit: int, deadline: float | None = None) -> bytes:
    (size,) = LENGTH.unpack(read_exactly(sock, LENGTH.size, deadline))
    if size > limit:
        raise TooLarge
    return read_exactly(sock, size, deadline)


def send_job(sock: socket.socket, job: Any) -> None:
    data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(LENGTH.pack(len(data)) + data)


def receive_job(sock: socket.socket) -> Any:
    return pickle.loads(read_message(sock, 1 << 40))  # noqa: S301 - our own parent wrote it


def send_answer(sock: socket.socket, header: dict[str, Any], payload: bytes) -> None:
    head = json.dumps(header).encode("utf-8")
    sock.sendall(LENGTH.pack(len(head)) + head + LENGTH.pack(len(payload)) + payload)


def read_answer(sock: socket.socket, limit: int,
                deadline: float | None) -> tuple[dict[str, Any], bytes]:
    """The child's (header, payload). Raises ValueError for a header that is not a JSON object."""
    header = json.loads(read_message(sock, MAX_HEADER, deadline))
    if not isinstance(header, dict):
        raise ValueError("the answer is not a JSON object")
    payload = read_message(sock, limit, deadline)
    return header, payload
