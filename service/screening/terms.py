"""Narrative-screening vocabulary: the term language and the cue grammar.

Phrases (the defaults, and policies' additions in service.screening.screen.TermsSpec) are written in
a small term language: words separated by spaces (a run of white space matches, and so do hyphens or
slashes glued to both words, as CAD text writes "UNC/UNR" or "10-52"; a field break, ";" or a spaced
"/" or "-", never does: see SEPARATOR), ``*`` for "any word characters", ``#`` for a number,
``(a|b|)`` for alternatives, not nested (an empty one makes the group optional), a leading ``!`` for
a phrase that itself denies the flag ("unarmed"), and a leading ``~`` for text that looks like a
term but is not one ("nail gun", "unk loc"); it is consumed so the shorter term inside it cannot
fire. Phrases start with a letter, digit or group.

The default phrases live in service.screening.vocab, one module per flag, each citing its sources.

Phrases compile to tries (one alternation per flag, shaped on literal prefixes), which is what
keeps a call to screen_narrative cheap. The cue and context patterns at the end work on lower-cased
text and are grammar, not policy: a policy cannot change them.
"""

from __future__ import annotations

import re
from typing import Any

from service.screening.vocab import DEFAULT_PHRASES
from service.screening.vocab.shared import DONT

__all__ = [
    "BOUNDARY_CHARACTERS",
    "BOUNDARY_WORDS",
    "BREAKERS",
    "COORDINATION",
    "DEFAULT_PHRASES",
    "DENY_CUES",
    "HEDGE_CUES",
    "LEAD",
    "NEG",
    "NEGATION_CUES",
    "PLACE",
    "PLACE_STARTS",
    "POS",
    "SEPARATOR",
    "SKIP",
    "TAIL_HEDGE",
    "TAIL_NEGATION",
    "TAIL_STARTS",
    "Entry",
    "phrase_entries",
    "phrase_tokens",
    "trie",
]

# --- The term language, compiled to regular expressions -------------------------------------------
# Between words: a run of white space, or hyphens and slashes glued to the words on both sides
# ("UNC/UNR", "OD/unresp", "10-52", "self-inflicted"). A phrase never runs across a CAD field break:
# ";", or a "/" or "-" with white space on either side ("arm / male", "6 / Charlie", "pain - SOB"),
# which CADs print between fields; a term inside each field is still read on its own.
SEPARATOR = r"(?:\s+|(?<!\s)[\-/]+(?!\s))"
POS, NEG, SKIP = range(3)  # kinds of phrase: plain, a denial by itself ("unarmed"), look-alike ("~")
Entry = tuple[str, str, int, int]  # literal prefix ("\0" = separator), regex for the rest, min length, kind

_TOKEN = re.compile(r"(?:[^\s()]|\([^()]*\))+")  # space-separated, except inside a group
_PIECE = re.compile(r"\([^()]*\)|[^()]+")


def _word(word: str) -> tuple[str, int]:
    rx = "".join(r"\w*" if c == "*" else r"\d+" if c == "#" else re.escape(c) for c in word)
    return rx, sum(c != "*" for c in word)


def _token(tok: str) -> tuple[str, int, bool]:
    """One token: regex, minimum length, and whether it is a lone optional group ("(a|an|)")."""
    out, size, pieces, optional = "", 0, _PIECE.findall(tok), False
    for piece in pieces:
        if piece[0] != "(":
            rx, n = _word(piece)
            out, size = out + rx, size + n
            continue
        if any(a != a.strip() for a in piece[1:-1].split("|")):
            raise ValueError("space at the edge of an alternative")
        alts = [[_word(w) for w in a.split()] for a in piece[1:-1].split("|")]
        rendered = [(SEPARATOR.join(rx for rx, _ in a), sum(n for _, n in a) + len(a) - 1) for a in alts if a]
        if not rendered:
            raise ValueError("empty group")
        optional = len(rendered) < len(alts)
        out += f"(?:{'|'.join(rx for rx, _ in rendered)})" + ("?" if optional and len(pieces) > 1 else "")
        size += 0 if optional else min(n for _, n in rendered)
    return out, size, optional and len(pieces) == 1


def _split(phrase: str) -> list[str]:
    if _TOKEN.sub("", phrase).strip():
        raise ValueError("unbalanced or nested parentheses")
    if "|" in re.sub(r"\([^()]*\)", "", phrase):
        raise ValueError("'|' outside a group")
    return list(_TOKEN.findall(phrase))


def _join(tokens: list[str], glued: bool = False) -> tuple[str, int]:
    """Regex for tokens that follow something already matched, and its separator unless ``glued``."""
    out, size = "", 0
    for i, tok in enumerate(tokens):
        rx, n, optional = _token(tok)
        sep = "" if glued else SEPARATOR
        if optional and i < len(tokens) - 1:
            out, glued = out + sep + f"(?:{rx}{SEPARATOR})?", True
        elif optional:
            out += f"(?:{sep}{rx})?"
        else:
            out, size, glued = out + sep + rx, size + n + 1, False
    return out, size


def _expand(tokens: list[str]) -> list[tuple[str, str, int]]:
    """Every way a phrase can begin: (literal prefix, regex for the rest, minimum length); the first
    token's groups are multiplied out so that every entry starts with plain characters for the trie."""
    first, rest = tokens[0], tokens[1:]
    if first.startswith("("):
        j = first.find(")")
        heads = [_split(alt + first[j + 1 :]) + rest for alt in first[1:j].split("|")]
        if not all(heads):
            raise ValueError("matches the empty string")
        return [entry for head in heads for entry in _expand(head)]
    k = next((i for i, c in enumerate(first) if c in "*#("), len(first))
    if not first[:1].isalnum():
        raise ValueError("must start with a letter, digit or '('")
    if k < len(first):
        tail, tail_n, optional = _token(first[k:])
        rest_rx, rest_n = _join(rest)
        return [(first[:k], (f"(?:{tail})?" if optional else tail) + rest_rx, k + tail_n + rest_n)]
    # Whole plain words, and the separator before a group, stay in the trie ("\0" = separator): the
    # engine then rejects "not" + "blocking" in one step instead of trying every "not ..." in turn.
    prefix = first
    while rest and not any(c in "*#()" for c in rest[0]):
        prefix, rest = prefix + "\0" + rest[0], rest[1:]
    if rest and not _token(rest[0])[2]:
        rest_rx, rest_n = _join(rest, glued=True)
        return [(prefix + "\0", rest_rx, len(prefix) + 1 + rest_n)]
    rest_rx, rest_n = _join(rest)
    return [(prefix, rest_rx, len(prefix) + rest_n)]


def phrase_entries(phrase: str) -> list[Entry]:
    """A phrase of the term language as trie entries; ValueError (or re.error) if it is malformed."""
    kind = {"!": NEG, "~": SKIP}.get(phrase[:1], POS)
    body = (phrase[1:] if kind != POS else phrase).strip().lower()
    if not body:
        raise ValueError("empty phrase")
    end = r"(?!\w)" if body[-1].isalnum() or body[-1] in "*#)" else ""
    entries = [(prefix, rest + end, n, kind) for prefix, rest, n in _expand(_split(body))]
    re.compile(trie(entries))  # a policy's bad phrase fails here, with its name, not later
    return entries


def phrase_tokens(phrase: str) -> list[list[str]]:
    """A well-formed phrase's tokens (its kind mark dropped, lower-cased), each as its pieces: plain
    text or a "(a|b|)" group. For the literal index (service.screening.index), which must read
    phrases exactly as the regular expressions above do."""
    body = (phrase[1:] if phrase[:1] in "!~" else phrase).strip().lower()
    return [_PIECE.findall(tok) for tok in _split(body)]


# The engine tries alternatives in order, so branches go most likely first: English word-initial
# letter frequency at the root, then the separator (a word often ends there), then letter frequency.
_FIRST, _NEXT = "tashwiobcmfpdnrlegyuvjkqz", "\0etaoinshrdlcumwfgypbvkjxqz"


def trie(entries: list[Entry]) -> str:
    """One alternation shaped as a trie on literal prefixes, so the engine rejects a word in a few steps."""
    root: dict[str, Any] = {}
    for entry in entries:
        node = root
        for c in entry[0]:
            node = node.setdefault(c, {})
        node.setdefault("", []).append(entry)

    def emit(node: dict[str, Any], order: str = _FIRST) -> str:
        children = sorted((c for c in node if c), key=lambda c: (order.find(c) % 99, c))  # unknown: last
        alts = [(SEPARATOR if c == "\0" else re.escape(c)) + emit(node[c], _NEXT) for c in children]
        alts += [rest for _, rest, _, _ in sorted(node.get("", []), key=lambda e: -e[2])]  # longest first
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)



HEDGE_CUES = (
    "unk", "unkn", "unknown", "unk (if|whether)", "unknown (if|whether)", "(not sure|unsure) (if|whether|)",
    "(not certain|uncertain) (if|whether|)", "(not clear|unclear) (if|whether)",
    "no idea (if|whether|)", f"{DONT} know (if|whether|)", "dunno",
    "(can't|cant) tell (if|whether|)", "(can't|cant|cannot) (be sure|confirm|rule out)",
    "poss", "possible", "possibly", "prob", "probably", "maybe", "may (have|be|)", "might (have|be|)",
    "could (have|be|)", "likely", "potential", "potentially", "believe(s|d|)", "think(s|ing|)", "thought",
    "suspect(s|ed|)", "reportedly", "allegedly", "alleged", "claim(s|ed|ing|)", "apparently",
    "appear(s|ed|) (to be|to have|to|)", "seem(s|ed|) (to be|to have|to|)", "look(s|) like", "sound(s|) like",
    "supposedly", "if", "whether", "either",
    # A refused or declined EMS response was offered because someone might need it (the labelling
    # guide's hedged); doubt about breathing or consciousness is doubt, not a denial (issue #17).
    "(refus*|declin*) (medical|ems|medics|medic|ambulance|amb|transport|treatment|care|aid|squad|rescue"
    "|evaluation|eval)",
    f"{DONT} (think|believe) (he|she|they|pt|patient|subj|male|female|the male|the female|victim|vic|person|)"
    " (is|was|are|were|) (breathing|conscious|concious|alert|responsive|awake|alive)",
)
# Denials scope over their whole clause ("denies that he has a gun").
DENY_CUES = (
    "den(y|ies|ied|ying)", f"{DONT} (think|believe|appear|seem|look|feel)",
    "no (sign|signs|evidence|indication|mention|report|reports) of", "neg(ative|) for", "ruled out",
)
# Plain negators scope over a few words and are broken by a new subject ("no, he has a gun").
NEGATION_CUES = (
    DONT, "(isn't|isnt|is not|wasn't|wasnt|was not|aren't|arent|are not|weren't|werent|were not)",
    "(hasn't|hasnt|has not|haven't|havent|have not|hadn't|hadnt|had not)",
    "no one", "noone", "nobody", "nothing", "none", "neither", "nor", "never", "not", "non", "no", "without",
    "w/o", "neg", "negative", "free of", "hx (of|)", "h/o", "(past|) history of",
)

# Where a clause ends (a negation or hedge never reaches across one): these characters, a CAD field
# break (" - ", " / "), and these words.
BOUNDARY_CHARACTERS = ".;!?\n,"
BOUNDARY_WORDS = ("but", "however", "though", "although", "except", "then", "and", "yet", "while", "whereas")
# The rest are plain regular expressions.
# "no, he has a gun" / "didn't drop the knife": a new subject or a give-up verb ends a plain negation.
# So does what a negation is about when it is not the term: the gear not worn ("not wearing a helmet,
# conscious and talking") and a person's affiliation ("not affiliated with the university suffered
# gunshot wounds"); what is worn or carried right after the cue stays denied ("not wearing a gun").
BREAKERS = (
    r"\b(?:he|she|they|subj(?:ect)?|susp(?:ect)?|it|there|rp|male|female|man|woman)\s*(?:'s|has|have|had|is"
    r"|was"
    r"|are|got|now)\b|\b(?:drop|put (?:\w+ )?(?:down|away)|let go|give up|hand\w* over|surrender|release"
    r"|stop)"
    r"|\bwearing\s+(?:(?:a|an|his|her|their|the|any)\s+)?(?!(?:a|an|his|her|their|the|any)\W)\w+\W"
    r"|\baffiliated\s+with\s"
    # "individual not affiliated with the University suffered gunshot wounds": a "not" that qualifies
    # the person ("not affiliated with", "not known to") ends where the sentence's own verb begins.
    r"|(?<=\bnot)\s+\w+(?:ed|en|wn)\s+(?:(?:with|to|by|from|of|at|in|for)\s+(?:\w+\s+){0,3}?)?(?:was|were"
    r"|is|are|suffered|sustained|received|got|had|has)\b"
    # "did not locate any victims of a shooting", "was not charged with the shooting", "not aware of
    # his intent to shoot": the denial is of the victims, the charge or the knowledge, not the event
    # (round-3 guide, ruling 12: "no victims located" is not a denial).
    r"|\b(?:victims? of|charged with|aware of|responsible for)\s"
    # "no known reason for the rampage", "no motive for the shooting": the denial is of a reason, and
    # "students were not present during the shooting": of who was there; the event stands.
    r"|\b(?:reasons?|motives?|explanations?|provocation) for\s|(?<=\bnot)\s+\w+\s+(?:during|at the time of)\s"
    # "not clear where the shooting happened": doubt about where, when or why an event happened
    # takes the event as given, so it ends the "not" (whether it happened at all is a hedge above).
    r"|(?<=\bnot)\s+(?:clear|known)\s+(?:where|when|how|who|what|why)\b"
    # "did not complete a report after an offender struck the victims", "did not resist when the
    # officer struck him": a subordinating conjunction of time or cause opens a clause about another
    # event, which the denial does not reach (the Penn Treebank tags these IN: Santorini 1990, 3rd
    # rev., "Part-of-Speech Tagging Guidelines for the Penn Treebank Project"; the Cambridge Grammar
    # of the English Language, ch. 11 and 8: "after", "before", "until", "when", "because" head
    # subordinate clauses).
    r"|\s(?:after|before|until|till|when|whenever|because)\s"
    # "without justification pointed weapons at her", "arrested him without probable cause for
    # robbery": a complaint's qualifier of lawfulness (the Fourth Amendment's probable cause; CPD's
    # allegations "without justification", "without a warrant") is what "without" denies, not the act.
    r"|(?<=\bwithout)\s+(?:any\s+|legal\s+|lawful\s+|proper\s+|just\s+)?(?:justification|probable\s+cause"
    r"|cause|a\s+warrant|warrant|permission|consent|provocation|reason)\b"
    # "I don't have a problem shooting you", "wouldn't hesitate to shoot", "would not think twice about
    # it": a reluctance denied (litotes) affirms the act it is about, so the denial ends there.
    # Only the speaker's own idiom ("I don't have a problem ..."): a reported "pt does not have any
    # problem with chest pain" stays a denial (the scope is read before the phrase, which it cannot see).
    r"|(?:(?<=\bi\sdon't)|(?<=\bi\sdont)|(?<=\bi\sdo\snot))\s+have\s+(?:a|any)\s+problem\s"
    r"|\bhesitat\w*\s+(?:to|in|before)\s"
    r"|\bthink\s+twice\s"
    # "did not properly handle his Taser", "failed to ... did not safely store the gun": a "not" on the
    # manner of an act denies the care taken, not the thing handled (CPD's "inattentive to duty").
    r"|(?<=\bnot)\s+(?:properly|correctly|safely|securely|adequately)\s"
)
# "no gun or knife": the second item shares the first one's cue.
COORDINATION = r"\s*(?:/|&|,?\s*\b(?:or|nor)\b)\s*(?:(?:any|other|a|an)\s+)?"
# Right after a term: "weapons: none", "SI denied", "wpns neg" / "weapons: unk", "has a gun?".
TAIL_NEGATION = (
    r"\s*(?:[:=?-]\s*)?(?:none|nil|neg(?:ative)?|denie[sd]|not (?:seen|observed|present|involved|reported"
    r"|visible|known|found|noted|indicated|needed|mentioned))(?!\w)"
    # "- no weapon seen", "- no injuries": a clause of its own, whose own cue denies its own term.
    # "- no further information" is about the report, not the term.
    r"|\s*[:=?-]\s*(?:no|n)(?!\w)(?!\s*(?:idea|clue|one|longer|weapons?|guns?|firearms?|knife|knives"
    r"|inj|further|more|other|additional|motive|details?|info|information|suspects?|arrests?|reason|description))"
)
TAIL_HEDGE = r"\s*(?:[:=-]\s*)?(?:unk(?:nown)?|poss(?:ible)?)(?!\w)|\s*\?"
# What the two can match first after white space: screening skips them when the text has none of
# these there (keep in step with the patterns).
TAIL_STARTS = ":=?-ndup"
# Phrase context only (what a dispatcher reads): "has guns in the house", "c/o chest pain", "no weapons seen".
# A lead-in (term language) counts when it ends right where the term starts.
LEAD = (
    "(has|have|had|having|with|holding|carrying|armed with|own|owns|keep|keeps|kept|access to|got|pulled"
    "|pulled out|showed|waving|brandishing|swinging|complains of|complaining of|complained of|threaten* to"
    "|going to|gonna|want to|wants to|wanted to|about to|w/|c/o) (a|an|the|his|her|their|some|multiple"
    "|several"
    "|two|many|any|my|of|)",
)
PLACE = (
    r"\s+(?:in|on|inside|under|at|behind)\s+(?:the|his|her|their|a|my|our)\s+(?:\w+\s+)?(?:house|home|car"
    r"|truck|vehicle|apartment|apt|room|bedroom|pocket|waistband|bag|backpack|purse|hand|hands|belt|jacket"
    r"|coat|closet|safe|glovebox|trunk|garage|residence|nightstand|drawer|kitchen|bathroom|basement|lap)"
    r"(?!\w)|\s+on\s+(?:him|her|them)(?!\w)|\s+(?:seen|observed|found|visible|noted|reported|involved|known"
    r"|mentioned|present)(?!\w)"
)
PLACE_STARTS = "abfikmnoprsuv"  # the first letters of PLACE's words, after its white space (keep in step)
