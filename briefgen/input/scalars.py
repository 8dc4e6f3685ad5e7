"""Numbers that remember how they were written: the one kind of value the YAML reader adds to
plain Python data, so that a text field given ``0.50`` or ``012`` keeps the author's digits."""

from __future__ import annotations

from typing import Any


class YamlInt(int):
    """An integer that remembers how it was written (``012``, ``+5``), for fields that want text."""

    text: str

    def __new__(cls, value: int, text: str = "") -> YamlInt:
        obj = super().__new__(cls, value)
        obj.text = text or str(value)
        return obj

    def __getnewargs__(self) -> tuple[int, str]:  # type: ignore[override]
        return (int(self), self.text)


class YamlFloat(float):
    """A float that remembers how it was written (``0.50``, ``1e3``), for fields that want text."""

    text: str

    def __new__(cls, value: float, text: str = "") -> YamlFloat:
        obj = super().__new__(cls, value)
        obj.text = text or repr(value)
        return obj

    def __getnewargs__(self) -> tuple[float, str]:  # type: ignore[override]
        return (float(self), self.text)


def written_text(value: Any) -> str | None:
    """The text the author wrote for a plain YAML number, or ``None`` if ``value`` is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (YamlInt, YamlFloat)):
        return value.text
    if isinstance(value, (int, float)):
        return str(value)
    return None
