"""The article files of seeds/articles/: which files are articles, and each one's text, checked.

Functions here read files but never write; problems go to a list, as in seeds.py.
"""

import hashlib
import os

from .problems import Problem


def list_articles(seeds_dir, manifest, lines, problems):
    """Pair article files with manifest entries, without reading the files; return listings sorted by id.

    The texts are read one at a time as the build streams (`read_article`), so
    a large archive is never held in memory at once.
    """
    articles_dir = seeds_dir / "articles"
    manifest_path = str(seeds_dir / "articles.yml")
    files, refused = article_files(seeds_dir, articles_dir, problems)
    if not files and not refused:
        problems.append(Problem(str(articles_dir), "holds no article (.txt) files, so there is nothing to build",
                                fix="add the articles' texts (see README.md, 'Adding an article')"))
    # Entries already reported as invalid are not "missing" too.
    invalid = {problem.record for problem in problems if problem.path == manifest_path}
    listings = []
    for article_id in sorted(set(files) | set(manifest)):
        path = files.get(article_id)
        if article_id in refused:
            continue   # reported once, as the file it is
        if path is None:
            problems.append(
                Problem(manifest_path, f"no file {articles_dir / (article_id + '.txt')} for this entry",
                        line=lines.get((article_id,)), record=article_id, fix="add the article file, or remove the entry")
            )
            continue
        entry = manifest.get(article_id)
        copy_of = (entry or {}).get("copy_of")
        if copy_of and (copy_of == article_id or copy_of not in files):
            problems.append(Problem(
                manifest_path, f"copy_of: {copy_of} is not another article of the archive", record=article_id,
                line=lines.get((article_id, "copy_of")),
                fix="give the id of the article this one copies (a stem in seeds/articles/), or remove copy_of"))
        # The listing points to the manifest, which gives the entry when the article is read.
        listings.append({"id": article_id, "path": path, "manifest": manifest,
                         "invalid": article_id in invalid, "manifest_path": manifest_path, "lines": lines})
    return listings


def article_files(seeds_dir, articles_dir, problems):
    """The article files to build, by stem, and the stems refused; skip what is not an article, and say so.

    Everything in the database is published for download, so an article must be
    a plain file inside seeds/: a link could bring in any file of the machine
    (`ln -s /etc/passwd`), and a hidden file is a curator's own note.
    """
    try:
        entries = sorted(articles_dir.iterdir()) if articles_dir.is_dir() else []
    except OSError as error:
        problems.append(Problem(str(articles_dir), f"cannot be read: {error.strerror}",
                                fix="let the user who builds read the folder (chmod u+rx), or give --seeds another"))
        return {}, set()
    inside = seeds_dir.resolve()
    # A file that is not a link lies where its folder does: resolving the folder once is enough (resolving
    # each of 50,000 files took seconds).
    folder_inside = articles_dir.resolve().is_relative_to(inside)
    files, refused = {}, set()
    for path in entries:
        if path.name.startswith("."):
            problems.append(Problem(str(path), "is a hidden file, so it is not built or published",
                                    severity="warning", fix="rename it without the leading dot if it is an article"))
        elif path.is_symlink() or not folder_inside:
            target = os.readlink(path) if path.is_symlink() else path.resolve()
            problems.append(Problem(str(path), f"is a link to {target}; articles must be plain files inside "
                                               "seeds/, so that nothing else on this machine is published",
                                    fix="copy the article's text into seeds/articles/ as a plain file, and remove "
                                        "the link"))
            refused.add(path.stem)
        elif path.suffix == ".txt" and path.is_file():
            files[path.stem] = path
        else:
            problems.append(Problem(str(path), "is not a plain .txt file, so it is not built", severity="warning",
                                    fix="save the article's plain text as a .txt file, or move this out of "
                                        "seeds/articles/"))
    return files, refused


# The manifest's facts of an article whose entry is missing or invalid.
UNKNOWN_ENTRY = {"outlet": None, "headline": None, "published": None, "url": None, "note": None, "sha256": None,
                 "copy_of": None}


def read_article(listing, problems):
    """The raw article of a listing: its text, checked against the manifest's sha256; None when unreadable."""
    article_id, path, entry = listing["id"], listing["path"], listing["manifest"].get(listing["id"])
    manifest_path, lines = listing["manifest_path"], listing["lines"]
    if listing["invalid"]:
        # The entry has its own error, so the build will stop; the text is still read, with the entry's
        # facts unknown, so that this run checks the article's stances too. Only what that error
        # explains is left unsaid: an encoding the invalid entry would have named.
        raw = read_article_text(path, [], "utf-8")
        if raw is None:
            return None
        return {"id": article_id, "source_file": f"articles/{path.name}", "raw_text": raw[1],
                "raw_sha256": hashlib.sha256(raw[0]).hexdigest(), **UNKNOWN_ENTRY, "note": "invalid manifest entry"}
    raw = read_article_text(path, problems, (entry or {}).get("encoding") or "utf-8")
    if raw is None:
        return None
    raw_bytes, raw_text = raw
    raw_sha256 = hashlib.sha256(raw_bytes).hexdigest()
    if entry is None:
        # A new article still builds, so nothing is lost; its facts are unknown
        # until a curator adds the entry, so say what to paste.
        problems.append(
            Problem(str(path), "has no entry in seeds/articles.yml; built with outlet, headline and date unknown",
                    record=article_id, severity="warning",
                    fix=f"add to seeds/articles.yml:\n      {article_id}:\n        outlet: ...\n        headline: ...\n"
                        f"        published: YYYY-MM-DD\n        url: null\n        sha256: {raw_sha256}")
        )
        entry = {**UNKNOWN_ENTRY, "note": "no manifest entry"}
    elif not entry["sha256"]:
        problems.append(
            Problem(manifest_path, "no sha256 recorded, so an edit to the copy would go unnoticed",
                    line=lines.get((article_id,)), record=article_id, severity="warning",
                    fix=f"add sha256: {raw_sha256}")
        )
    elif entry["sha256"] != raw_sha256:
        problems.append(
            Problem(manifest_path, f"sha256 of {path} is {raw_sha256}, not the {entry['sha256']} recorded",
                    line=lines.get((article_id, "sha256")), record=article_id,
                    fix="article copies are never edited: restore the original file, or, if the source itself "
                        f"changed, record sha256: {raw_sha256}")
        )
    return {"id": article_id, "source_file": f"articles/{path.name}", "raw_text": raw_text,
            "raw_sha256": raw_sha256, **entry}


# News articles run to tens of kilobytes; a file this large is a mistake (a whole site saved as text).
MAX_ARTICLE_BYTES = 5_000_000


def read_article_text(path, problems, encoding="utf-8"):
    """Return (bytes, text) of an article file, or None after recording why not.

    Files are UTF-8 unless the manifest names cp1252 or latin-1: guessing an
    encoding would turn a damaged file into plausible wrong text.
    """
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            problems.append(Problem(str(path), f"is {size:,} bytes; articles are limited to {MAX_ARTICLE_BYTES:,} "
                                               "bytes",
                                    fix="keep only the article's own text (headline, body, captions) in the file"))
            return None
        raw_bytes = path.read_bytes()
    except OSError as error:
        problems.append(Problem(str(path), f"cannot be read: {error.strerror}",
                                fix="let the user who builds read the file (chmod u+r), or remove it"))
        return None
    if not raw_bytes.strip():
        problems.append(Problem(str(path), "article file is empty", fix="paste the article text into it, or remove it"))
        return None
    if b"\x00" in raw_bytes:
        problems.append(Problem(str(path), f"looks binary (NUL byte at {raw_bytes.index(0)})",
                                fix="save the article as plain UTF-8 text"))
        return None
    try:
        return raw_bytes, raw_bytes.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw_bytes[: error.start].count(b"\n") + 1
        problems.append(Problem(str(path), f"is not {encoding.upper()}: byte 0x{raw_bytes[error.start]:02x} at offset "
                                           f"{error.start}", line=line,
                                fix="re-save the file as UTF-8; or, if it is cp1252 or latin-1, say so with "
                                    "'encoding:' in its articles.yml entry"))
        return None
