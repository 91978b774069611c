"""YAML read with the line of every key, so a problem can name the line to fix; pure.

`read_yaml` composes a whole file and maps each key path to its line;
`stream_records` reads a large mapping of plain records event by event,
without holding the composed tree, and raises NotPlain when a file needs the
full reader (anchors, tags, nested keys). `LineMap` finds a line only when a
problem asks for one. `comments_after_text` finds prose values that an
unquoted ` #` cut short, and the full reader stops aliases that expand
without end.
"""

import datetime
import re
from pathlib import Path

import yaml

from .problems import Problem


class LineMap:
    """Key path -> line number of a YAML file, made only when a problem asks for a line.

    It keeps the file's path, not its text: the text of 100,000 stance entries
    is 45 MB in memory, and most builds never ask for a line.
    """

    def __init__(self, path):
        self._path = Path(path)
        self._lines = None

    def get(self, key_path, default=None):
        if self._lines is None:
            self._lines = lines_of(self._path.read_text(encoding="utf-8"))
        return self._lines.get(key_path, default)


def lines_of(text):
    """Key path -> line number of a YAML text the fast reading took without a problem."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    lines = {}
    if root is not None:
        _construct(root, (), lines, yaml.SafeLoader(""), "", [])
    return lines


# The fast reading of a YAML file: libyaml's events, turned into plain values as they stream.
#
# Composing a node tree (the way the line map is made) costs ten times more and
# holds the whole file's tree in memory: 700 MB for 100,000 stance entries.
# Line numbers are needed only to report a problem, so they are made then.

_EVENT_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.SafeLoader("")


class NotPlain(Exception):
    """The file uses something the fast reading leaves to the full reading: an anchor, a tag, a duplicate key."""


def stream_records(text):
    """Yield (key, value) for each top-level entry of a YAML mapping; raise NotPlain when it is not plain."""
    events = yaml.parse(text, Loader=_EVENT_LOADER)
    for event in events:
        if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentStartEvent)):
            continue
        if isinstance(event, yaml.MappingStartEvent) and not event.anchor and event.tag is None:
            break
        raise NotPlain
    else:
        return
    seen = set()
    for event in events:
        if isinstance(event, yaml.MappingEndEvent):
            break
        key = _scalar_key(event, seen)
        yield key, _value(next(events), events)
    for event in events:
        if not isinstance(event, (yaml.DocumentEndEvent, yaml.StreamEndEvent)):
            raise NotPlain  # a second document


def _scalar_key(event, seen):
    if not isinstance(event, yaml.ScalarEvent):
        raise NotPlain
    key = _plain_scalar(event)
    plain = key is None or isinstance(key, (str, int, float, bool, datetime.date))
    if not plain or key in seen:
        raise NotPlain
    seen.add(key)
    return key


def _value(event, events):
    if isinstance(event, yaml.ScalarEvent):
        return _plain_scalar(event)
    if getattr(event, "anchor", None) or getattr(event, "tag", None) not in (None, "!"):
        raise NotPlain
    if isinstance(event, yaml.MappingStartEvent):
        mapping, seen = {}, set()
        for inner in events:
            if isinstance(inner, yaml.MappingEndEvent):
                return mapping
            key = _scalar_key(inner, seen)
            mapping[key] = _value(next(events), events)
    if isinstance(event, yaml.SequenceStartEvent):
        sequence = []
        for inner in events:
            if isinstance(inner, yaml.SequenceEndEvent):
                return sequence
            sequence.append(_value(inner, events))
    raise NotPlain  # an alias


def _plain_scalar(event):
    if event.anchor or event.tag not in (None, "!"):
        raise NotPlain
    value = event.value
    if not event.implicit[0] or value[:1] not in _RESOLVER.yaml_implicit_resolvers:
        return value   # quoted, or plain text no implicit type starts with
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
    if tag == "tag:yaml.org,2002:str":
        return value
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    except ValueError:
        return value  # 2025-02-30: the field's validation reports it


def read_yaml_text(path, problems, check_comments=True):
    """The text of a YAML input, or None after recording why it cannot be read; and its cut-off values."""
    if not path.exists():
        problems.append(Problem(str(path), "file is missing", fix="create it (see README.md, 'The inputs')"))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(str(path), f"is not UTF-8 (byte {error.start})", fix="save the file as UTF-8"))
        return None
    except OSError as error:
        problems.append(Problem(str(path), f"cannot be read: {error.strerror}",
                                fix="let the user who builds read the file (chmod u+r), or give --seeds another folder"))
        return None
    if check_comments:
        for line, key, kept in comments_after_text(text):
            problems.append(Problem(
                str(path), f"the value of '{key}' is cut at ' #': YAML reads the rest of the line as a comment, so "
                           f"the value is only {kept!r}", line=line,
                fix="put the value in double quotes, so the # is kept; or move the comment to a line of its own"))
    return text


# The fields of the seed files that hold prose, where a ' #' is far more likely part of the text
# ("the #1 priority", "#Ukraine") than a comment. Ids, dates and urls are left alone.
TEXT_FIELDS = frozenset({"evidence", "headline", "note", "name", "role", "aliases", "roles", "title", "question",
                         "description", "label", "outlet", "affiliation"})
_COMMENT_AFTER = re.compile(r"[ \t]+#")


def comments_after_text(text, fields=TEXT_FIELDS):
    """(line, key, value as read) for each plain value of a text field that a comment follows on its line."""
    if " #" not in text and "\t#" not in text:
        return []
    lines = text.split("\n")
    found = []
    stack = []   # per open collection: [kind, expecting a key, the key it is under]
    try:
        for event in yaml.parse(text, Loader=_EVENT_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                under = stack[-1][2] if stack else None
                stack.append(["map", True, None] if isinstance(event, yaml.MappingStartEvent) else ["seq", False, under])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                if stack and stack[-1][0] == "map":
                    stack[-1][1] = True
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)) and stack:
                top = stack[-1]
                if top[0] == "map" and top[1]:
                    top[1], top[2] = False, getattr(event, "value", None)
                    continue
                if top[0] == "map":
                    top[1] = True
                end = event.end_mark
                if (isinstance(event, yaml.ScalarEvent) and not event.style and top[2] in fields
                        and _COMMENT_AFTER.match(lines[end.line], end.column)):
                    found.append((end.line + 1, top[2], event.value))
    except yaml.YAMLError:
        pass   # the reading proper reports the syntax error
    return found


def read_yaml(path, problems, check_comments=True):
    """Parse a YAML file into (data, lines); `lines` maps key paths to line numbers.

    Duplicate keys are problems (PyYAML would silently keep the last one).
    """
    path = Path(path)
    text = read_yaml_text(path, problems, check_comments)
    if text is None:
        return None, {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(str(path), f"YAML syntax error: {reason}", line=line, fix="correct the YAML at that line"))
        return None, {}
    except RecursionError:
        problems.append(Problem(str(path), "is nested too deeply to read", fix="write plain mappings and lists"))
        return None, {}
    if root is None:
        return {}, {}
    lines = {}
    constructor = yaml.SafeLoader("")
    try:
        return _construct(root, (), lines, constructor, str(path), problems, _Expansion()), lines
    except (RecursionError, MemoryError, _Expansion.TooLarge):
        # An alias that contains itself, or aliases that expand a thousandfold ("billion laughs": nine
        # levels of nine aliases ran 449 s to 24 GB before this limit).
        problems.append(Problem(str(path), "uses YAML aliases (&name / *name) that nest or expand without end "
                                           f"(over {_Expansion.LIMIT:,} values copied from aliases)",
                                fix="write each value out; the seed files need no aliases"))
        return None, {}


class _Expansion:
    """Counts the values that aliases copy while a composed file is turned into data, up to LIMIT."""

    LIMIT = 100_000

    class TooLarge(Exception):
        pass

    def __init__(self):
        self.seen = set()
        self.copied = 0

    def visit(self, node):
        if id(node) in self.seen:
            self.copied += 1
            if self.copied > self.LIMIT:
                raise self.TooLarge
        else:
            self.seen.add(id(node))


def _construct(node, key_path, lines, constructor, path, problems, expansion=None):
    if expansion is not None:
        expansion.visit(node)
    lines[key_path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, constructor, path, problems)
            if not isinstance(key, (str, int, float, bool, datetime.date)) and key is not None:
                problems.append(Problem(path, "a key must be a plain word, not a list or mapping",
                                        line=key_node.start_mark.line + 1, fix="write the key as plain text"))
                continue
            if key in mapping:
                problems.append(
                    Problem(
                        path,
                        f"duplicate key '{key}' (first at line {lines[key_path + (key,)]})",
                        line=key_node.start_mark.line + 1,
                        fix="a key may appear once in its mapping: merge or rename one of them",
                    )
                )
                continue
            mapping[key] = _construct(value_node, key_path + (key,), lines, constructor, path, problems, expansion)
            # A record is located by its key's line, not by where its value starts.
            lines[key_path + (key,)] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, key_path + (index,), lines, constructor, path, problems, expansion)
            for index, item in enumerate(node.value)
        ]
    return _scalar(node, constructor, path, problems)


def _scalar(node, constructor, path, problems):
    try:
        return constructor.construct_object(node)
    except ValueError:
        # PyYAML turns 2025-02-30 into a ValueError; keep the text, and let the
        # field's validation report it with its line like any other bad value.
        return node.value
    except yaml.YAMLError as error:
        problems.append(Problem(path, f"cannot read this value: {getattr(error, 'problem', None) or error}",
                                line=node.start_mark.line + 1, fix="write it as plain text, without a !tag"))
        return node.value
