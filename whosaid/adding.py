"""Add articles to the seeds in one command: `python build_db.py add PATH...`.

A curator gives saved web pages (.html, .htm) or plain texts (.txt), or
folders of them. For each, `add` works out the text to store and its manifest
entry, refuses what is already in the archive, and then writes every article
file and the manifest together, or nothing at all. The manifest is edited with
ruamel.yaml, which keeps its comments and order.

Steps: read_new_articles (pure but for reading the files) -> find_duplicates
-> write_articles. The build then reads the new files like any other.
"""

import datetime
import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML

from .html_page import read_html
from .problems import InputError, Problem, errors_in
from .seeds import ArticleEntry
from .yaml_lines import read_yaml

SUFFIXES = {".txt", ".html", ".htm"}
MIN_WORDS = 25          # fewer, and a page holds no article text (a cookie wall, an index page)
NEAR_DUPLICATE = 0.8    # the share of five-word runs two texts have in common, above which one is a copy
SHINGLE = 5


@dataclass(frozen=True)
class Given:
    """What the curator's options say, which wins over what the page says."""

    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    headline: str | None = None


@dataclass
class NewArticle:
    source: Path
    stem: str
    data: bytes                 # the file to store: the text extracted from a page, or the .txt as given
    entry: dict                 # the manifest entry, in the manifest's order of fields
    unknown: list = field(default_factory=list)   # the fields neither the page nor an option gave


def source_files(paths, problems):
    """The files to add: each path, or the .txt/.html/.htm files in a folder, in name order."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(child for child in path.iterdir() if child.suffix.lower() in SUFFIXES and child.is_file())
            if not found:
                problems.append(Problem(str(path), "holds no .txt, .html or .htm file",
                                        fix="give the folder of the saved pages, or the files themselves"))
            files += found
        elif not path.exists():
            problems.append(Problem(str(path), "does not exist", fix="check the path"))
        elif path.suffix.lower() not in SUFFIXES:
            problems.append(Problem(str(path), "is not a .txt, .html or .htm file",
                                    fix="save the page as HTML, or its text as a .txt file"))
        else:
            files.append(path)
    return files


def read_new_article(path, given, problems):
    """The article to add from one file, or None (with the reason in `problems`)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(str(path), f"cannot be read: {error.strerror}",
                                fix="let your user read the file (chmod u+r), or copy it somewhere readable"))
        return None
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(str(path), f"is not UTF-8 text (byte {error.start} is {raw[error.start]:#04x})",
                                fix="save the page or text as UTF-8 and add it again"))
        return None
    if path.suffix.lower() == ".txt":
        page_fields, text, data = {}, content, raw
        origin = {}
    else:
        page = read_html(content)
        text = page.text
        data = (text + "\n").encode("utf-8")
        page_fields = {"headline": page.headline, "published": page.published, "outlet": page.outlet,
                       "url": page.url}
        origin = {name: "page" for name, value in page_fields.items() if value}
    if len(text.split()) < MIN_WORDS:
        problems.append(Problem(str(path), f"holds no article text ({len(text.split())} words found)",
                                fix="save the article's own page (not an index, a login or a cookie wall), "
                                    "or paste its text into a .txt file"))
        return None
    values = {}
    for name in ("headline", "published", "outlet", "url"):
        option = getattr(given, name)
        values[name] = option or page_fields.get(name)
        if option:
            origin[name] = "option"
    if values["published"]:
        try:
            values["published"] = datetime.date.fromisoformat(values["published"]).isoformat()
        except ValueError:
            problems.append(Problem(str(path), f"published date {values['published']!r} "
                                               f"({origin.get('published', 'page')}) is not a day as YYYY-MM-DD",
                                    fix="give --published YYYY-MM-DD"))
            return None
    missing = [name for name in ("headline", "published") if not values[name]]
    if missing:
        # The manifest needs both: quotes are dated from the publication day, and pages show the headline.
        problems.append(Problem(str(path), f"gives no {' and no '.join(missing)}",
                                fix=" ".join(f"give --{name} {'YYYY-MM-DD' if name == 'published' else 'TEXT'}"
                                             for name in missing)))
        return None
    sha256 = hashlib.sha256(data).hexdigest()
    entry = {"outlet": values["outlet"] or "unknown", "headline": values["headline"],
             "published": datetime.date.fromisoformat(values["published"]), "url": values["url"],
             "sha256": sha256}
    unknown = [name for name in ("outlet", "url") if not values[name]]
    if path.suffix.lower() != ".txt":
        entry["source_sha256"] = hashlib.sha256(raw).hexdigest()
        entry["fields_from"] = {name: origin.get(name, "none") for name in ("headline", "published", "outlet", "url")}
    if unknown:
        entry["note"] = f"Added with {' and '.join(unknown)} unknown."
    return NewArticle(source=path, stem=stem_for(values["published"], values["headline"], sha256), data=data,
                      entry=entry, unknown=unknown)


def stem_for(published, headline, sha256):
    """'2025-03-04-minister-rules-out-sending-troops-3f2a9c1b': the date, the headline's first words, a hash."""
    ascii_words = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_words)[:6]
    return "-".join([published, *words, sha256[:8]])


def shingles(text):
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def overlap(first, second):
    """The share of the smaller text's five-word runs that the other has too."""
    return len(first & second) / max(1, min(len(first), len(second)))


def find_duplicates(new_articles, manifest, articles_dir, allow_duplicate, problems):
    """Refuse an article the archive holds already; with allow_duplicate, mark a near copy's entry copy_of."""
    known = {}   # sha256 -> the id that has it
    for article_id, entry in (manifest or {}).items():
        for key in ("sha256", "source_sha256"):
            if isinstance(entry, dict) and entry.get(key):
                known[entry[key]] = article_id
    texts = {}
    for path in sorted(articles_dir.glob("*.txt")):
        texts[path.stem] = shingles(path.read_text(encoding="utf-8", errors="replace"))
    kept = []
    for article in new_articles:
        same = known.get(article.entry["sha256"]) or known.get(article.entry.get("source_sha256"))
        if same or article.stem in texts:
            problems.append(Problem(str(article.source), f"is already in the archive as {same or article.stem}",
                                    fix="nothing to do: the article is there"))
            continue
        runs = shingles(article.data.decode("utf-8"))
        near = max(((overlap(runs, other), stem) for stem, other in texts.items()), default=(0, None))
        if near[0] >= NEAR_DUPLICATE:
            if not allow_duplicate:
                problems.append(Problem(str(article.source), f"is a near copy of {near[1]} ({near[0]:.0%} of its "
                                                             "five-word runs are the same): a syndicated copy?",
                                        fix="leave it out, or add it with --allow-duplicate to keep it as a copy "
                                            f"of {near[1]} (its quotes then count once)"))
                continue
            article.entry["copy_of"] = near[1]
        known[article.entry["sha256"]] = article.stem
        texts[article.stem] = runs
        kept.append(article)
    return kept


def curators_yaml():
    """ruamel.yaml in round trip, written as the seeds' files are: comments and order kept, lines not
    wrapped, two-space indents, `null` spelt out."""
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), write_null)
    return yaml


def write_null(representer, value):
    # `url: null`, as the curators write it, rather than ruamel.yaml's bare `url:`.
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def write_articles(new_articles, seeds_dir):
    """Write every article file and the manifest, or nothing: all are written to temporary files first,
    then renamed into place, and a failure takes back whatever was renamed."""
    manifest_path = seeds_dir / "articles.yml"
    yaml = curators_yaml()
    document = yaml.load(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else None
    if document is None:
        document = yaml.map()
    for article in new_articles:
        document[article.stem] = article.entry
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    pending = [(seeds_dir / "articles" / f"{article.stem}.txt", article.data) for article in new_articles]
    pending.append((manifest_path, buffer.getvalue().encode("utf-8")))
    temporary, placed = [], []
    try:
        for target, data in pending:
            target.parent.mkdir(parents=True, exist_ok=True)
            scratch = target.with_name(f".{target.name}.adding")
            scratch.write_bytes(data)
            temporary.append((scratch, target))
        for scratch, target in temporary:
            os.replace(scratch, target)
            placed.append(target)
    except OSError:
        for target in placed:
            if target != manifest_path:
                target.unlink(missing_ok=True)
        raise
    finally:
        for scratch, _ in temporary:
            scratch.unlink(missing_ok=True)


def add_articles(paths, seeds_dir, given, allow_duplicate=False):
    """Add the articles of `paths` to `seeds_dir`; return them. InputError, with every problem, if any
    file cannot be added: then nothing is written."""
    problems = []
    new_articles = []
    for path in source_files(paths, problems):
        article = read_new_article(path, given, problems)
        if article is None:
            continue
        try:
            ArticleEntry.model_validate(article.entry)
        except ValidationError as error:
            for detail in error.errors():
                problems.append(Problem(str(path), f"{'.'.join(map(str, detail['loc']))}: {detail['msg']}",
                                        fix="give the right value with the option of that name"))
            continue
        new_articles.append(article)
    manifest_path = seeds_dir / "articles.yml"
    manifest = read_yaml(manifest_path, problems)[0] if manifest_path.exists() else {}
    new_articles = find_duplicates(new_articles, manifest if isinstance(manifest, dict) else {},
                                   seeds_dir / "articles", allow_duplicate, problems)
    if errors_in(problems):
        raise InputError(problems)
    try:
        write_articles(new_articles, seeds_dir)
    except OSError as error:
        raise InputError([Problem(str(error.filename or seeds_dir), f"cannot be written: {error.strerror}",
                                  fix="free some space or let your user write the folder, then add again")])
    return new_articles, problems


def people_entries(unregistered, stems):
    """Ready-to-paste people.yml entries for the unregistered speakers found in the articles `stems`."""
    yaml = curators_yaml()
    entries = yaml.map()
    for person in unregistered:
        if not set(person["articles"]) & set(stems):
            continue
        entry = yaml.map()
        entry["name"] = person["name"]
        entry["kind"] = person["kind"]
        if person["role"]:
            entry["role"] = person["role"]
        aliases = [alias for alias in person["aliases"] if alias != person["name"]]
        if aliases:
            entry["aliases"] = yaml.seq(aliases)
            entry["aliases"].fa.set_flow_style()
        entries[person["id"]] = entry
    if not entries:
        return ""
    buffer = io.StringIO()
    yaml.dump(entries, buffer)
    return buffer.getvalue()
