"""HTTP content negotiation: pick the best offered media type for an Accept header."""

from __future__ import annotations

from functools import lru_cache


def _parse(accept: str) -> list[tuple[str, float, int]]:
    """(media range, q, position) for each part of an Accept header."""
    out = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media, q, position))
    return out


def _specificity(media_range: str, offer: str) -> int | None:
    if media_range == offer:
        return 3
    kind, _, sub = media_range.partition("/")
    if sub == "*" and offer.startswith(kind + "/"):
        return 2
    if media_range in ("*/*", "*"):
        return 1
    return None


def choose(accept: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers most (q-values honoured, the most specific matching
    range decides each offer's q, ties go to the server's order); None if none acceptable.
    A missing or empty Accept header accepts the first offer."""
    if accept is not None and len(accept) > 200:  # not worth a place in the cache
        return _choose.__wrapped__(accept, tuple(offers))
    return _choose(accept, tuple(offers))


@lru_cache(maxsize=512)  # clients send the same few Accept headers again and again
def _choose(accept: str | None, offers: tuple[str, ...]) -> str | None:
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = _parse(accept)
    best, best_key = None, None
    for index, offer in enumerate(offers):
        matches = [(spec, q, pos) for media, q, pos in ranges
                   if (spec := _specificity(media, offer)) is not None]
        if not matches:
            continue
        spec, q, _ = max(matches, key=lambda m: (m[0], -m[2]))
        if q <= 0:
            continue
        key = (q, spec, -index)
        if best_key is None or key > best_key:
            best, best_key = offer, key
    return best


def pick(offers: list[str], formats: dict[str, str], what: str = "this resource") -> str:
    """The media type for the current request: :func:`negotiate` with its ``format``
    parameter and Accept header."""
    from flask import request

    return negotiate(request.headers.get("Accept"), request.values.get("format"), offers,
                     formats, what)


def negotiate(accept: str | None, wanted: str | None, offers: list[str],
              formats: dict[str, str], what: str = "this resource") -> str:
    """The media type named by ``wanted`` (a ``format`` parameter: a key of ``formats``) if
    given, else the one ``accept`` prefers; 406 (ApiError) if none is on offer."""
    from drugkg.server.errors import ApiError

    if wanted:
        media = formats.get(wanted.lower(), wanted)
        if media not in offers:
            raise ApiError(406, f"format {wanted!r} is not available for {what}; use one of "
                                + ", ".join(k for k, v in formats.items() if v in offers))
        return media
    media = choose(accept, offers)
    if media is None:
        raise ApiError(406, f"cannot produce {accept!r}; {what} is available as "
                            f"{', '.join(offers)}")
    return media
