"""A monograph file -> a typed :class:`Monograph` (front matter, title, components, blocks)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from drugkg.errors import MonographError
from drugkg.ingest.sections import Block, parse_blocks

if TYPE_CHECKING:
    from drugkg.ingest.labels import LabelData

MAX_BYTES = 20 * 1024 * 1024  # a monograph is a few KB; anything this big is not one

# Salt and ester words stripped from a title to get the active moiety ("Escitalopram Oxalate").
SALT_WORDS = {
    "acetate", "besilate", "besylate", "bitartrate", "bromide", "calcium", "carbonate",
    "citrate", "dihydrochloride", "dipropionate", "disodium", "fumarate", "hcl",
    "hydrobromide", "hydrochloride", "hyclate", "lactate", "magnesium", "maleate",
    "mesilate", "mesylate", "monohydrate", "nitrate", "oxalate", "phosphate", "potassium",
    "propionate", "sodium", "succinate", "sulfate", "sulphate", "tartrate", "trihydrate",
    "valerate", "dihydrate", "hemihydrate", "pamoate", "embonate", "decanoate",
}
_COMBO_SPLIT = re.compile(r"\s*(?:\+|/|&|,|\band\b|\bwith\b)\s*", re.I)


@dataclass(frozen=True)
class Monograph:
    """One parsed monograph page."""

    path: Path
    sha256: str
    front_matter: dict
    title: str
    components: tuple[str, ...]
    blocks: tuple[Block, ...]
    # a structured label's record: names its graph ('' -> the file stem) and holds the
    # data its structured facts come from
    key: str = ""
    label: LabelData | None = None

    @property
    def is_combination(self) -> bool:
        return len(self.components) > 1

    @property
    def name(self) -> str:
        return self.path.name


def clean_title(raw: str) -> str:
    """'Paroxetine + Clonazepam .' -> 'Paroxetine + Clonazepam'; 'ondansetron' -> 'Ondansetron'."""
    title = re.sub(r"[\s.]+$", "", raw.strip().strip("\"'"))
    title = re.sub(r"\s+", " ", title)
    if title and (title.islower() or title.isupper()):
        title = " ".join(w[:1].upper() + w[1:].lower() for w in title.split(" "))
    return title


def strip_salt(name: str) -> str:
    """'Escitalopram Oxalate' -> 'Escitalopram'; keeps names that are only salt words, and a
    salt word leading the name, which is part of it ('Sodium Oxybate', 'Sodium Valproate')."""
    words = name.split()
    moiety = next((i for i, w in enumerate(words) if w.lower().strip("()") not in SALT_WORDS),
                  None)
    if moiety is None:
        return name
    kept = words[: moiety + 1] + [w for w in words[moiety + 1 :]
                                  if w.lower().strip("()") not in SALT_WORDS]
    return " ".join(kept)


def split_components(title: str) -> tuple[str, ...]:
    """The active ingredients named by a product title, salts stripped."""
    parts = [p.strip() for p in _COMBO_SPLIT.split(title) if p and p.strip()]
    names = [strip_salt(p) for p in parts]
    return tuple(dict.fromkeys(n for n in names if n))


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise MonographError(path, "file is empty; write the monograph or remove the file")
    if b"\x00" in data[:8192]:
        raise MonographError(path, "file is binary, not a Markdown monograph")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MonographError(
            path, f"not UTF-8 (byte 0x{data[exc.start]:02x}); re-save the file as UTF-8", line
        ) from exc
    return normalise(text.replace("\r\n", "\n").replace("\r", "\n"))


# zero-width characters and bidirectional controls: invisible, they split a drug's name so
# it is not matched, or reorder a label on screen; no monograph needs them
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u2069\ufeff]")


# typographic single quotes read as the apostrophe every rule and label is written with
# ("don’t take", "St John’s wort")
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'"})


def normalise(text: str) -> str:
    """NFKC, with zero-width and bidi control characters removed and typographic single
    quotes made apostrophes."""
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).translate(_APOSTROPHES)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it


# Front matter's fences: a line of three dashes, trailing blanks allowed (editors leave them)
_FENCE_OPEN = re.compile(r"---[ \t]*\n")
_FENCE_CLOSE = re.compile(r"\n---[ \t]*(?=\n|$)")


def _front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """(front matter, body, line number where the body starts)."""
    opening = _FENCE_OPEN.match(text)
    if opening is None:
        return {}, text, 1
    closing = _FENCE_CLOSE.search(text, opening.end() - 1)
    if closing is None:
        raise MonographError(path, "front matter opened with '---' is never closed", 1)
    raw, end = text[opening.end() : closing.start()], closing.start()
    try:
        # an alias (*name) repeats a node: nested ones grow a 400-byte page to gigabytes
        # (issue 15); front matter is a few plain keys, so aliases are refused outright
        alias = next((e for e in yaml.parse(raw, Loader=_YAML_LOADER)
                      if isinstance(e, yaml.AliasEvent)), None)
        if alias is not None:
            line = alias.start_mark.line + 2 if alias.start_mark else 1
            raise MonographError(path, "front matter uses a YAML alias (*name); write the "
                                       "value out instead", line)
        data = yaml.load(raw, Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise MonographError(path, f"front matter is not valid YAML: {exc}", line) from exc
    if not isinstance(data, dict):
        raise MonographError(path, "front matter must be a YAML mapping (key: value)", 2)
    body_start = text.find("\n", end + 1)
    body = text[body_start + 1 :] if body_start >= 0 else ""
    return data, body, text[: body_start + 1].count("\n") + 1


def read_monograph(path: str | Path) -> Monograph:
    """Read and parse one file; raises :class:`MonographError` with file:line on bad input."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise MonographError(path, f"file is {size} bytes; a monograph is at most {MAX_BYTES}")
        data = path.read_bytes()
    except OSError as exc:
        raise MonographError(path, f"cannot read file: {exc.strerror}") from exc
    text = _decode(path, data)
    meta, body, first_line = _front_matter(path, text)
    blocks = parse_blocks(body, first_line=first_line)
    raw_title = meta.get("title") or ""
    if not isinstance(raw_title, str):
        raise MonographError(path, f"'title' must be text, not a {type(raw_title).__name__}; "
                                   "write the product name", 2)
    raw_title = raw_title.strip()
    if not raw_title:
        heading = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
        raw_title = heading.text if heading else ""
    if not raw_title:
        raise MonographError(path, "no title: add 'title:' to the front matter or a '# Title' line")
    title = clean_title(raw_title)
    components = split_components(title)
    if not components:
        raise MonographError(path, f"title {raw_title!r} names no drug")
    return Monograph(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        front_matter=meta,
        title=title,
        components=components,
        blocks=tuple(blocks),
    )
