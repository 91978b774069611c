"""Extract an article's quotes: where each is, who said it, and when; pure.

`extract_quotes(article, registry)` reads one prepared article (its repaired
text, paragraphs, headline and publication date) and the people registry, and
returns the quotes and the speakers missing from the registry. It depends on
nothing else, so articles can be extracted in any order, in parallel.

Speakers are decided by rules, and each quote records the rule that decided
it in `attribution`:

- quote_then_speaker  “…,” X said / “…,” said X / “…” … the vice president told …
- speaker_then_quote  X said, “…” / X told reporters that … “…” / X added that he would “…”
- clause_subject      X walked it back, saying “…” / … and held that “…”: the clause's subject
- according_to        according to X
- colon               X: “…” (also in headlines and social posts)
- headline_subject    Vance Says … ‘On The Table’: the headline's subject
- pronoun             “…,” he said: the nearest earlier subject that can be "he"
- role_noun           “…,” the defense secretary said: through the registry's roles
- continuation        a quote sentence with no attribution after a quote or statement by X
- nested_inner        ‘…’ inside a quote that itself says who said it (The Journal: “Vance said … ‘on the table’”)
- nested_outer        a term inside someone's quote is theirs
- possessive          Trump’s threats of “…” / Kuleba’s statement that … “…”: the possessor's words
- dash                “…” — Donald Trump: a pull quote signed on its own line
- headline_echo       a headline's (or a lede's scare) quote whose words the text attributes to one speaker
- unnamed_source      a senior official said: someone spoke whom the text does not name; speaker_id stays NULL
- unresolved          no rule could decide: speaker_id stays NULL (a lone surname the article never
                      introduced waits in `pending_name` for the archive-wide step, resolve.py, whose
                      rule is archive_surname)

Each quote also records `speaker_start` and `speaker_end`: the words that named its speaker.
"""

from .reader import extract_quotes

__all__ = ["extract_quotes"]
