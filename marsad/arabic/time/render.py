"""EDTF values written for readers in Arabic: «صيف 2024», «الأسبوع 29 من 2015», «الثمانينيات», «يناير (السنة غير
معروفة)», «منذ 2013», «20–22 يوليو 2015». Names and phrases come from marsad/arabic/data/time_display.yaml; a value
this module does not know is returned unchanged (a reader then sees the code rather than nothing)."""
from __future__ import annotations

import functools
import re

from marsad.arabic.data import load_yaml

_POINT = re.compile(r"^(?P<y>\d{4}|XXXX)(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?P<t>\d{2}:\d{2})(?::\d{2})?)?)?)?$")
_WEEK = re.compile(r"^(?P<y>\d{4})-W(?P<w>\d{2})$")
_DECADE = re.compile(r"^(?P<c>\d{3})X$")


@functools.cache
def _display() -> dict:
    return dict(load_yaml("time_display.yaml"))


def _point(v: str) -> str | None:
    """One EDTF point (no interval) in Arabic, or None when it is no EDTF point this module knows."""
    t = _display()
    if m := _WEEK.match(v):
        return t["week"].format(w=int(m["w"]), y=m["y"])
    if m := _DECADE.match(v):
        name = t["decades"].get(int(m["c"]))
        return name or f"{m['c']}0–{m['c']}9"
    m = _POINT.match(v)
    if not m:
        return None
    y, mo, d, hm = m["y"], m["m"], m["d"], m["t"]
    if mo is None:
        return None if y == "XXXX" else y
    mo_i = int(mo)
    if mo_i in t["seasons"] and d is None:
        name = t["seasons"][mo_i]
    elif 1 <= mo_i <= 12:
        name = t["months"][mo_i - 1]
        if d is not None:
            name = f"{int(d)} {name}"
    else:
        return None
    out = t["unknown_year"].format(name) if y == "XXXX" else f"{name} {y}"
    return f"{out}، {hm}" if hm else out


def _range(a: str, b: str) -> str | None:
    """«20–22 يوليو 2015» within a month, «28 يونيو – 4 يوليو 2015» within a year, else «من A إلى B»."""
    pa, pb = _POINT.match(a), _POINT.match(b)
    if pa and pb and pa["y"] == pb["y"] != "XXXX" and pa["d"] and pb["d"] and not pa["t"] and not pb["t"]:
        months = _display()["months"]
        if pa["m"] == pb["m"]:
            return f"{int(pa['d'])}–{int(pb['d'])} {months[int(pa['m']) - 1]} {pa['y']}"
        return f"{int(pa['d'])} {months[int(pa['m']) - 1]} – {int(pb['d'])} {months[int(pb['m']) - 1]} {pa['y']}"
    ra, rb = _point(a), _point(b)
    if ra is None or rb is None:
        return None
    if pa and pb and "XXXX" not in (pa["y"], pb["y"]) and not pa["m"] and not pb["m"]:
        return f"{a}–{b}"   # «2016–2018»
    return _display()["range"].format(ra, rb)


def edtf_ar(value: str | None) -> str:
    """An EDTF value (the contract's forms: year, month, day, minute, week, season, decade, unknown year, closed and
    open intervals) as a reader's Arabic; None -> «تاريخ غير معروف»."""
    t = _display()
    if not value:
        return t["unknown"]
    v = str(value).strip()
    if "/" in v:
        a, b = v.split("/", 1)
        if b in ("..", ""):
            p = _point(a)
            return t["since"].format(p) if p else v
        if a in ("..", ""):
            p = _point(b)
            return t["until"].format(p) if p else v
        return _range(a, b) or v
    p = _point(v)
    return p if p is not None else v
