"""A deterministic synthetic corpus for the benchmark: N articles recombined from the seeds.

Each article takes prose paragraphs of the seed articles and varies them so the
extractor does real work: other registered and unregistered names, other
outlets and dates, straight or curly quote marks. Manifest entries carry
sha256s, and a proportional number of stance entries quote each article's own
words, so the build checks them as it checks the curated ones.
"""

import datetime
import hashlib
import random
import re
import shutil
from pathlib import Path

import yaml

from ..prepare import prepare_article
from ..quotes import find_quote_spans
from ..articles import read_article
from ..seeds import read_seeds
from ..speakers import index_registry

OUTLETS = ["Wire Service", "Kyiv Morning Post", "The Transatlantic Ledger", "NBN News", "Daily Courier",
           "Baltic Times Online", "Capitol Report", "Evening Standard Live"]
FIRST_NAMES = ["Anna", "Jonas", "Marta", "Piotr", "Ingrid", "Luca", "Sofia", "Tomas", "Elena", "Mikko"]
LAST_NAMES = ["Lindqvist", "Kowalczyk", "Brandt", "Moreau", "Vasquez", "Novak", "Halvorsen", "Ricci", "Petrov",
              "Keller"]
TITLES = ["Defense Minister", "Foreign Minister", "Deputy Prime Minister", "Senator", "Ambassador"]
STANCES_PER_ARTICLE = 2


def write_corpus(seeds_dir, out_dir, n, seed=2025):
    """Write a seeds folder of `n` synthetic articles into `out_dir`; return it. Same inputs, same files."""
    seeds_dir, out_dir = Path(seeds_dir), Path(out_dir)
    seeds = read_seeds(seeds_dir)
    registry = index_registry(seeds.people)
    pool = []
    for listing in seeds.articles:
        article = prepare_article(read_article(listing, seeds.problems), registry)
        pool += [paragraph["text"] for paragraph in article["paragraphs"] if paragraph["kind"] == "prose"]
    surnames = sorted({person["name"].split()[-1] for person in seeds.people.values() if person["kind"] == "person"})
    issues, positions = list(seeds.issues), list(seeds.positions)
    person_ids = sorted(person_id for person_id, person in seeds.people.items() if person["kind"] == "person")
    rng = random.Random(seed)
    (out_dir / "articles").mkdir(parents=True, exist_ok=True)
    for name in ("people.yml", "issues.yml"):
        shutil.copy(seeds_dir / name, out_dir / name)
    manifest, stances = {}, {}
    for number in range(n):
        article_id = f"s{number:06d}"
        text = compose_article(rng, pool, surnames)
        data = text.encode("utf-8")
        (out_dir / "articles" / f"{article_id}.txt").write_bytes(data)
        published = datetime.date(2025, 1, 6) + datetime.timedelta(days=rng.randrange(300))
        manifest[article_id] = {"outlet": rng.choice(OUTLETS), "headline": f"Synthetic article {number}",
                                "published": published, "url": None, "note": "synthetic, for the benchmark",
                                "sha256": hashlib.sha256(data).hexdigest()}
        for k, evidence in enumerate(stance_evidence(text)[:STANCES_PER_ARTICLE]):
            stances[f"{article_id}-{k}"] = {
                "person": rng.choice(person_ids), "issue": rng.choice(issues), "position": rng.choice(positions),
                "article": article_id, "evidence": evidence, "note": "synthetic"}
    dump(out_dir / "articles.yml", manifest)
    dump(out_dir / "stances.yml", stances)
    return out_dir


def compose_article(rng, pool, surnames):
    """Six to fourteen seed paragraphs, with names, marks and weekdays varied."""
    paragraphs = rng.sample(pool, rng.randint(6, min(14, len(pool))))
    newcomer = f"{rng.choice(TITLES)} {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    swap_from, swap_to = rng.sample(surnames, 2)
    text = "\n\n".join(paragraphs)
    text = re.sub(rf"\b{re.escape(swap_from)}\b", swap_to, text)
    if rng.random() < 0.5:
        text = f"{newcomer} spoke to reporters on Monday.\n\n“We are watching closely,” {newcomer.split()[-1]} " \
               f"said.\n\n" + text
    if rng.random() < 0.3:
        text = text.replace("“", '"').replace("”", '"')
    return text + "\n"


def stance_evidence(text):
    """Quoted words of two words or more, each occurring once in the text: evidence a stance can cite."""
    found = []
    for span in find_quote_spans(text):
        words = text[span["start"]:span["end"]].strip()
        if len(words.split()) >= 2 and len(words) >= 8 and text.count(words) == 1:
            found.append(words)
    return found


def dump(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
