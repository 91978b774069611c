"""Read the curated inputs under seeds/ and check them.

Functions here never write the inputs or the database: they return plain data
(or, for a build, records staged in a temporary file; see staging.py), and add
every problem they find to a list of Problems instead of stopping at the first.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from .articles import list_articles
from .word_patterns import SignalError, compile_signal
from .problems import Problem, did_you_mean
from .roles import is_generic_role
from .staging import StagedRecords
from .yaml_lines import LineMap, NotPlain, read_yaml, read_yaml_text, stream_records

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class ArticleEntry(BaseModel):
    """One entry of seeds/articles.yml, keyed by the article file's stem."""

    model_config = ConfigDict(extra="forbid")
    outlet: str = Field(min_length=1, description='the outlet\'s name, or "unknown"')
    headline: str = Field(min_length=1, description="the headline as published")
    published: datetime.date = Field(description="the publication date as YYYY-MM-DD, a day that exists")
    url: str | None = Field(description="the page's http(s) address, or null when unknown")
    note: str | None = Field(default=None, description="what is uncertain about the entry")
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$",
                               description="64 lower-case hex digits: the output of `sha256sum` on the file")
    source_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$",
                                      description="for an article added from a saved page: the page's sha256")
    fields_from: dict[Literal["headline", "published", "outlet", "url"], Literal["page", "option", "none"]] | None = \
        Field(default=None, description="where `add` found each field: page, option or none")
    copy_of: str | None = Field(default=None, description="the id of the article this one is a copy of "
                                                          "(a syndicated copy), so its quotes count once")
    encoding: Literal["utf-8", "cp1252", "latin-1"] = Field(
        default="utf-8", description="the file's encoding: utf-8 (the default), or cp1252 or latin-1 for a file "
                                     "saved by an old Windows or Western-European tool")

    @field_validator("published")
    @classmethod
    def published_is_not_in_the_future(cls, value):
        # A day of slack for time zones: an article published "tomorrow" somewhere is dated today here.
        if value > datetime.date.today() + datetime.timedelta(days=1):
            raise ValueError(f"{value.isoformat()} is in the future: give the day the article was published")
        return value

    @field_validator("url")
    @classmethod
    def url_is_web_address(cls, value):
        if value is not None and not re.match(r"^https?://\S+$", value):
            raise ValueError("must start with http:// or https:// (or be null)")
        return value


class PersonEntry(BaseModel):
    """One entry of seeds/people.yml: a person or an organisation."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, description="the full name")
    kind: Literal["person", "organization"] = Field(description="person or organization")
    role: str | None = Field(default=None, description="the role as the articles give it")
    country: str | None = Field(default=None, description="a country name, or null")
    affiliation: str | None = Field(default=None, description='the government or body, e.g. "U.S. administration"')
    aliases: list[str] = Field(default=[], description="a list of the names the texts use, e.g. [Vance, JD Vance]")
    roles: list[str] = Field(default=[], description="a list of role phrases, e.g. [the vice president]")
    pronoun: Literal["he", "she", "they"] | None = Field(
        default=None, description="he, she or they: the pronoun the articles use, so 'she said' finds her")
    note: str | None = Field(default=None, description="free text")

    @field_validator("name")
    @classmethod
    def name_is_not_blank(cls, value):
        if not value.strip():
            raise ValueError("is only spaces: write the person's or organisation's full name")
        return value

    @field_validator("aliases")
    @classmethod
    def aliases_are_names(cls, values, info):
        for value in values:
            problem = alias_problem(value, info.data.get("name") or "")
            if problem:
                raise ValueError(f"alias {value!r} {problem}")
        return values

    @field_validator("roles")
    @classmethod
    def roles_are_not_blank(cls, values):
        if any(not value.strip() for value in values):
            raise ValueError("a role phrase is empty: remove it, or write the phrase, e.g. 'the vice president'")
        return values


# Words an alias must never be: the extractor would find them in every article and hand their sentences'
# quotes to one person (an alias 'he' or 'the' moved 8 to 12 quotes of the seeds to someone else).
NOT_NAMES = frozenset("""
    he she they him her his hers it its we us our you your i me my them their theirs who whom whose this that
    the a an and or of to in on at for with by from as but not no said says say told according official
""".split())


def alias_problem(alias, name=""):
    """Why `alias` cannot name anyone, or None.

    Short aliases pass only in capitals (EU, UN, US), or when they are a word of the entry's own name:
    Xi is Xi Jinping's surname.
    """
    text = alias.strip()
    if not text:
        return "is empty: every alias must be a name the texts use"
    capitals = text.isupper() and len(text) > 1
    if text.casefold() in NOT_NAMES and not capitals:
        return "is a pronoun or a common word, which would name this person in every article"
    if len(text) < 3 and not capitals and text not in name.split():
        return "is shorter than 3 letters: write short aliases in capitals (EU, UN), use a longer name, or a word of the entry's name"
    return None


class IssueEntry(BaseModel):
    """One issue of the codebook in seeds/issues.yml."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, description="a short title")
    question: str = Field(min_length=1, description="the question, put so that 'supports' means yes")
    description: str = Field(min_length=1, description="what the issue covers and what it does not")
    signals: list[str] = Field(default=[], description="the words that tag a quote with this issue: a word, a "
                                                       "phrase, a word* or 'word NEAR other|words'")
    opposite_signals: list[str] = Field(default=[], description="signals that name the issue's opposite (a deal "
                                                                "'without Ukraine'), written as signals are")
    scope: list[str] = Field(default=[], description="signals one of which an article must hold for its quotes "
                                                     "to be tagged with this issue (its subject, such as Ukrain*)")

    @field_validator("signals", "opposite_signals", "scope")
    @classmethod
    def signals_can_be_read(cls, values):
        return readable_patterns(values, "signal")


def readable_patterns(values, kind):
    """`values` when each compiles as a signal or cue (see word_patterns); else a ValueError naming the first
    that does not."""
    for value in values:
        try:
            compile_signal("", value)
        except SignalError as error:
            raise ValueError(f"{kind} {value!r} {error}") from None
    return values


class PositionEntry(BaseModel):
    """One point of the stance scale in seeds/issues.yml."""

    model_config = ConfigDict(extra="forbid")
    score: int = Field(ge=-2, le=2, description="a whole number from -2 to 2")
    label: str = Field(min_length=1, description="a short label")
    description: str = Field(min_length=1, description="when a statement gets this position")
    cues: list[str] = Field(default=[], description="the words that suggest this position (stance_suggestions): "
                                                    "a word, a phrase, a word* or 'word NEAR other|words'")

    @field_validator("cues")
    @classmethod
    def cues_can_be_read(cls, values):
        return readable_patterns(values, "cue")


class StanceEntry(BaseModel):
    """One entry of seeds/stances.yml: a coded position, with the words that carry it."""

    model_config = ConfigDict(extra="forbid")
    person: str = Field(min_length=1, description="a people.yml id, such as pete-hegseth")
    issue: str = Field(min_length=1, description="an issue slug from issues.yml, such as us-troops-in-ukraine")
    position: str = Field(min_length=1, description="a position id from issues.yml: rules_out, skeptical, open, "
                                                    "conditional or supports")
    article: str = Field(min_length=1, description="an articles.yml id, such as 004_2e21b0443b55ba82")
    evidence: str = Field(min_length=8, pattern=r"\S+\s+\S+",
                          description="the exact words of the article's repaired text that carry the position "
                                      "(a quote, or a reported-speech sentence): two words or more")
    occurrence: StrictInt | None = Field(default=None, ge=1, description="which occurrence of the evidence, from 1, "
                                                                     "when the words occur more than once")
    said_on: datetime.date | None = Field(default=None, description="the day the position was stated, YYYY-MM-DD, "
                                                                    "when the text dates it otherwise than its quote")
    note: str | None = Field(default=None, description="why the statement is coded this way")


@dataclass
class Seeds:
    """The inputs as plain data, and every problem found reading them."""

    articles: list = field(default_factory=list)   # listings: the texts are read by read_article
    people: dict = field(default_factory=dict)
    issues: dict = field(default_factory=dict)
    positions: dict = field(default_factory=dict)
    stances: dict = field(default_factory=dict)
    stance_lines: dict = field(default_factory=dict)
    # Every id the files hold, valid or not, so a stance naming an invalid record is not "unknown" too.
    manifest_ids: set = field(default_factory=set)
    people_ids: set = field(default_factory=set)
    codebook_ids: set = field(default_factory=set)   # every position and issue id, valid or not
    problems: list = field(default_factory=list)
    staged: list = field(default_factory=list)   # the StagedRecords to close

    def close(self):
        for records in self.staged:
            records.close()


def read_seeds(seeds_dir, on_disk=False):
    """Read every input under `seeds_dir`; return Seeds with all problems found.

    With `on_disk`, the manifest's and the stances' records are staged in a
    temporary file (there may be a hundred thousand), and read back by id or
    by article: close() the Seeds when done.
    """
    seeds_dir = Path(seeds_dir)
    seeds = Seeds()
    if on_disk:
        seeds.staged = [StagedRecords(), StagedRecords(group_by="article")]
        manifest, seeds.stances = seeds.staged
    else:
        manifest = {}
    manifest, manifest_lines, seeds.manifest_ids = read_records(seeds_dir / "articles.yml", ArticleEntry,
                                                                seeds.problems, id_pattern=None, into=manifest)
    people_path = seeds_dir / "people.yml"
    seeds.people, people_lines, seeds.people_ids = read_records(people_path, PersonEntry, seeds.problems)
    if not seeds.people and people_path.exists() and str(people_path) not in unreadable_files(seeds.problems):
        seeds.problems.append(Problem(str(people_path), "has no entries, so no quote can be attributed", severity="warning",
                                      fix="add the people the articles name (see README.md, 'The inputs')"))
    seeds.positions, seeds.issues = read_codebook(seeds_dir / "issues.yml", seeds.problems, seeds.codebook_ids)
    seeds.problems.extend(check_aliases_unique(seeds.people, people_path, people_lines))
    seeds.articles = list_articles(seeds_dir, manifest, manifest_lines, seeds.problems)
    stances_path = seeds_dir / "stances.yml"
    if stances_path.exists():
        seeds.stances, seeds.stance_lines, _ = read_records(stances_path, StanceEntry, seeds.problems,
                                                            into=seeds.stances)
    if not len(seeds.stances) and not any(problem.path == str(stances_path) for problem in seeds.problems):
        seeds.problems.append(Problem(str(stances_path), "holds no coded stances, so the stance views are empty",
                                      severity="warning", fix="code the articles' positions (see seeds/CODEBOOK.md)"))
    return seeds


# The starts of the messages that mean a whole file could not be read: the checks that depend on
# its entries are skipped, so one tab is one error, not one per stance that names a person.
UNREADABLE = ("YAML syntax error", "is not UTF-8", "cannot be read", "file is missing", "uses YAML aliases",
              "is nested too deeply", "must be a mapping")


def unreadable_files(problems):
    """The paths of the inputs that could not be read at all."""
    return {problem.path for problem in problems
            if problem.severity == "error" and problem.message.startswith(UNREADABLE)}


def record_ids(lines):
    """The ids of a keyed YAML file's top-level records, from its line map."""
    return {str(key[0]) for key in lines if isinstance(key, tuple) and len(key) == 1}


CODEBOOK_SECTIONS = {"positions": (PositionEntry, r"^[a-z_]+$"), "issues": (IssueEntry, SLUG)}


def read_codebook(path, problems, ids=None):
    """Return (positions, issues) from the codebook file; add every entry's id, valid or not, to `ids`."""
    codebook, lines = read_yaml(path, problems)
    if codebook is None:
        return {}, {}
    if not isinstance(codebook, dict):
        codebook = {}
    for key in codebook:
        if key not in CODEBOOK_SECTIONS:
            suggestion = did_you_mean(key, CODEBOOK_SECTIONS)
            problems.append(Problem(str(path), f"unknown top-level key '{key}'", line=lines.get((key,)),
                                    fix=f"did you mean '{suggestion}'?" if suggestion else "use positions: and issues:"))
    sections = []
    for section, (model, pattern) in CODEBOOK_SECTIONS.items():
        entries = codebook.get(section)
        if not isinstance(entries, dict) or not entries:
            problems.append(Problem(str(path), f"needs a top-level mapping '{section}:' with at least one entry",
                                    line=lines.get((section,)), fix=f"add '{section}:' with one entry per id"))
            sections.append({})
            continue
        if ids is not None:
            ids.update(str(entry_id) for entry_id in entries)
        sections.append(validate_records(entries, lines, (section,), model, str(path), problems, pattern))
    positions, issues = sections
    by_score = {}
    for position_id, position in positions.items():
        if position["score"] in by_score:
            problems.append(Problem(str(path), f"score {position['score']} is also the score of '{by_score[position['score']]}'",
                                    line=lines.get(("positions", position_id, "score")), record=position_id,
                                    fix="each point of the scale needs its own score"))
        by_score.setdefault(position["score"], position_id)
    return positions, issues




def read_records(path, model, problems, id_pattern=SLUG, into=None):
    """Read a YAML mapping of id -> record; return ({id: valid record}, lines, {every id, valid or not}).

    Records are validated as they stream from the file, so a large file is
    never held as a tree. A file the fast reading cannot take (an anchor, a
    tag, a duplicate key, a syntax error) is read again in full, which locates
    every problem by line. The valid records go `into` a mapping of the
    caller's (a dict by default; one that stages them on disk for the
    stances), which is cleared before a full reading starts again.
    """
    path = Path(path)
    records = {} if into is None else into
    text = read_yaml_text(path, problems)
    if text is None:
        return records, {}, set()
    lines = LineMap(path)
    found, ids = [], set()
    try:
        for record_id, value in stream_records(text):
            ids.add(str(record_id))
            validate_record(record_id, value, lines, (), model, str(path), found, id_pattern, records)
    except (NotPlain, yaml.YAMLError, RecursionError):
        records.clear()
        data, lines = read_yaml(path, problems, check_comments=False)   # checked with the first reading
        if data is None:
            return records, {}, set()
        if not isinstance(data, dict):
            problems.append(Problem(str(path), "must be a mapping of id: {fields}", line=1,
                                    fix="see README.md, 'The inputs'"))
            return records, lines, set()
        for record_id, value in data.items():
            validate_record(record_id, value, lines, (), model, str(path), problems, id_pattern, records)
        return records, lines, record_ids(lines)
    problems.extend(found)
    return records, lines, ids


def validate_records(data, lines, prefix, model, path, problems, id_pattern):
    """Validate each value of `data` against `model`; return {id: dict} of the valid ones."""
    records = {}
    for record_id, value in data.items():
        validate_record(record_id, value, lines, prefix, model, path, problems, id_pattern, records)
    return records


def validate_record(record_id, value, lines, prefix, model, path, problems, id_pattern, records):
    """Validate one record against `model`; add it to `records` when valid, else its problems to `problems`."""
    record_id_text = str(record_id)
    if id_pattern and not re.match(id_pattern, record_id_text):
        problems.append(
            Problem(path, f"id '{record_id_text}' is not a valid id", line=lines.get(prefix + (record_id,)),
                    record=record_id_text,
                    fix=f"use lower-case letters, digits and hyphens (pattern {id_pattern})")
        )
    if not isinstance(value, dict):
        problems.append(Problem(path, "record must be a mapping of fields", line=lines.get(prefix + (record_id,)),
                                record=record_id_text,
                                fix=f"give it the fields {', '.join(model.model_fields)}"))
        return
    try:
        records[record_id_text] = model.model_validate(value).model_dump()
    except ValidationError as error:
        for detail in error.errors():
            problems.append(_problem_from_validation(detail, path, lines, prefix + (record_id,), record_id_text, model))


def _problem_from_validation(detail, path, lines, record_path, record_id, model):
    fields = list(model.model_fields)
    location = detail["loc"]
    field_name = location[0] if location else None
    line = lines.get(record_path + tuple(location[:1])) or lines.get(record_path)
    if detail["type"] == "extra_forbidden":
        suggestion = did_you_mean(field_name, fields)
        fix = f"did you mean '{suggestion}'?" if suggestion else f"the known fields are {', '.join(fields)}"
        return Problem(path, f"unknown key '{field_name}'", line=line, record=record_id, fix=fix)
    if detail["type"] == "missing":
        return Problem(path, f"missing required field '{field_name}'", line=lines.get(record_path), record=record_id,
                       fix=f"add '{field_name}:' to this record: {model.model_fields[field_name].description}")
    where = ".".join(str(part) for part in location)
    return Problem(path, f"field '{where}': {detail['msg']} (got {detail.get('input')!r})", line=line, record=record_id,
                   fix=f"{field_name} must be {model.model_fields[field_name].description}")


def check_aliases_unique(people, path, lines):
    """An alias must name one entry only, or attribution could not be decided."""
    owner = {}
    problems = []
    for person_id, person in people.items():
        for surface in [person["name"], *person["aliases"]]:
            key = surface.casefold()
            if key in owner and owner[key] != person_id:
                problems.append(
                    Problem(str(path), f"alias '{surface}' is used by both '{owner[key]}' and '{person_id}'",
                            line=lines.get((person_id, "aliases")) or lines.get((person_id,)), record=person_id,
                            fix="keep the alias on one entry only")
                )
            owner.setdefault(key, person_id)
        for surface in person["aliases"]:
            if is_generic_role(surface):
                problems.append(Problem(
                    str(path), f"alias '{surface}' is a role, not a name: the build reads it as a role phrase, "
                    "which names this person only when the article names nobody else with that role",
                    line=lines.get((person_id, "aliases")) or lines.get((person_id,)), record=person_id,
                    severity="warning", fix=f"move '{surface}' from aliases: to roles:"))
    return problems
