"""The real-article development set: published articles annotated by hand, used to measure the extractor.

Only facts are committed (eval/real/parts/*.yml): each article's url, the
search query that found it, its sha256, outlet and date, and its quotes as
character offsets with speaker and said_on. The texts are third-party and
never committed; they live in eval/real/texts/ (ignored by git), restored as
the README says. Parts named `held*` are the held-out set: measured, never
tuned on.

`write_devset_seeds` lays the texts out as a seeds folder (with the live
registry and codebook, as a newsroom would build them), so the dev set is
built by the same `build` as everything else; `read_devset_gold` turns the
offsets into the gold format `evaluate` reads.
"""

import datetime
import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEVSET_DIR = ROOT / "eval" / "real"
HELD_OUT_PREFIX = "held"


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    speaker: str | None
    speaker_kind: str
    said_on: str | None
    precision: str | None
    kind: str


@dataclass
class DevArticle:
    id: str
    part: str
    url: str
    query: str
    sha256: str
    outlet: str
    published: str
    headline_is_first_line: bool
    style: str
    quotes: list = field(default_factory=list)

    @property
    def held_out(self):
        return self.part.startswith(HELD_OUT_PREFIX)


class DevSetMissing(Exception):
    """A text of the development set is missing or differs from its recorded hash."""


def read_devset(devset_dir=DEVSET_DIR, which="all"):
    """The annotated articles of every part (`which`: all, tuned or held-out), in id order."""
    articles = []
    for path in sorted((Path(devset_dir) / "parts").glob("*.yml")):
        part = path.stem
        held_out = part.startswith(HELD_OUT_PREFIX)
        if (which == "tuned" and held_out) or (which == "held-out" and not held_out):
            continue
        for article_id, entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            articles.append(DevArticle(
                id=article_id, part=part, url=entry["url"], query=entry.get("query", ""), sha256=entry["sha256"],
                outlet=entry["outlet"], published=_iso(entry["published"]),
                headline_is_first_line=bool(entry.get("headline_is_first_line", True)),
                style=entry.get("style", ""),
                quotes=[GoldQuote(start=q["start"], end=q["end"], speaker=q.get("speaker"),
                                  speaker_kind=q.get("speaker_kind") or "none", said_on=_iso(q.get("said_on")),
                                  precision=q.get("precision"), kind=q.get("kind") or "direct")
                        for q in entry.get("quotes") or []]))
    return sorted(articles, key=lambda article: article.id)


def _iso(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return None if value is None else str(value)


def read_texts(articles, texts_dir):
    """article id -> text, checked against the recorded hashes; DevSetMissing names every missing one."""
    texts, missing = {}, []
    for article in articles:
        path = Path(texts_dir) / f"{article.id}.txt"
        if not path.is_file():
            missing.append(f"{path}: missing")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != article.sha256:
            missing.append(f"{path}: its sha256 is not the one recorded in parts/{article.part}.yml")
            continue
        texts[article.id] = data.decode("utf-8")
    if missing:
        raise DevSetMissing("\n".join(missing) + "\nRestore the texts as the README says (Measuring the extractor "
                                                 "on real articles), then run this again.")
    return texts


def write_devset_seeds(articles, texts, seeds_dir, out_dir):
    """A seeds folder of the dev set's articles, with the registry and codebook of `seeds_dir`."""
    out_dir = Path(out_dir)
    (out_dir / "articles").mkdir(parents=True, exist_ok=True)
    for name in ("people.yml", "issues.yml"):
        shutil.copy(Path(seeds_dir) / name, out_dir / name)
    manifest = {}
    for article in articles:
        text = texts[article.id]
        (out_dir / "articles" / f"{article.id}.txt").write_bytes(text.encode("utf-8"))
        headline = text.split("\n", 1)[0].strip() if article.headline_is_first_line else article.outlet
        manifest[article.id] = {"outlet": article.outlet, "headline": headline or article.outlet,
                                "published": article.published, "url": article.url, "sha256": article.sha256}
    (out_dir / "articles.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=True),
                                          encoding="utf-8")
    return out_dir


def read_devset_gold(articles, texts, devset_dir=DEVSET_DIR):
    """The gold in the format evaluate reads: article id -> quotes with their text taken from the offsets,
    and `issues`, the issues each concerns, where its part's issues are annotated (else None)."""
    issues = read_issue_gold(articles, devset_dir)
    return {article.id: [{"text": texts[article.id][quote.start:quote.end], "start": quote.start,
                          "end": quote.end, "speaker": quote.speaker, "speaker_kind": quote.speaker_kind,
                          "said_on": quote.said_on, "precision": quote.precision, "kind": quote.kind,
                          "issues": issues.get((article.id, quote.start, quote.end))}
                         for quote in article.quotes]
            for article in articles}


def read_issue_gold(articles, devset_dir=DEVSET_DIR):
    """(article id, start, end) -> the issue ids a gold quote concerns, from eval/real/issues/<part>.yml: each
    part's quotes annotated by hand, by a helper who had not seen the signals."""
    found = {}
    for part in sorted({article.part for article in articles}):
        path = Path(devset_dir) / "issues" / f"{part}.yml"
        if not path.is_file():
            continue
        for article_id, quotes in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            for quote in quotes or []:
                found[article_id, quote["start"], quote["end"]] = tuple(quote.get("issues") or ())
    return found
