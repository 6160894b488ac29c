"""Narrative-screening vocabulary: the term language, the default phrases, and the cue grammar.

Phrases (the defaults here, and policies' additions in service.screening.screen.TermsSpec) are written in
a small term language: words separated by spaces (any run of spaces or hyphens matches), ``*`` for
"any word characters", ``#`` for a number, ``(a|b|)`` for alternatives, not nested (an empty one
makes the group optional), a leading ``!`` for a phrase that itself denies the flag ("unarmed"),
and a leading ``~`` for text that looks like a term but is not one ("nail gun", "unk loc"); it is
consumed so the shorter term inside it cannot fire. Phrases start with a letter, digit or group.

Phrases compile to tries (one alternation per flag, shaped on literal prefixes), which is what
keeps a call to screen_narrative cheap. The cue and context patterns at the end work on lower-cased
text and are grammar, not policy: a policy cannot change them.
"""

from __future__ import annotations

import re
from typing import Any

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
SEPARATOR = r"[\s\-]+"  # between words: any run of spaces or hyphens
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


# --- Default phrases --------------------------------------------------------------------------------
_DONT = "(don't|dont|do not|doesn't|doesnt|does not|didn't|didnt|did not)"
# People (and pets) a violent verb can be aimed at. "himself"/"herself" are deliberately absent:
# harm aimed at oneself is the suicidal flag, and the word boundary keeps "him" from matching them.
_PRON = (
    "(him|her|them|me|us|you|someone|somebody|anyone|anybody|everyone|everybody|people|others|rp|caller"
    "|each other|one another|the other|other kids|other people|staff)"
)
_DET = "(his|her|their|my|the|a|an|other|some|two|random|our|your)"
_REL = (
    "(wife|husband|girlfriend|boyfriend|gf|bf|mom|mother|dad|father|son|daughter|brother|sister|kid|kids"
    "|child|children|baby|partner|roommate|neighbor|neighbors|grandmother|grandma|grandfather|grandpa|aide"
    "|home aide|caregiver|friend|family|ex|cashier|clerk|customer|customers|staff|security|guard|officer"
    "|driver|employee|employees|teacher|student|students|nurse|doctor|worker|manager|owner|tenant|patron"
    "|bartender|bouncer|man|woman|guy|lady|male|female|juvenile|juveniles|victim|dog|cat|pet)"
)
_HURT_VERBS = (
    "(hit|hitting|hits|punch*|kick|kicks|kicked|kicking|slap*|shov*|push|pushed|pushes|pushing|chok*"
    "|strangl*|grab|grabbed|grabbing|beat|beats|beating|beaten|attack|attacks|attacked|attacking|abus*"
    "|assault*|bit|bite|bites|biting|threaten*|chas*|hurt|hurting|harm|harming|kill|killing|kills|shoot"
    "|shooting|shot|stab|stabbing|stabbed|murder*|rape|raped|raping|molest*|spit on|spat on|came at"
    "|coming at|comes at|went after|going after|goes after|lunge* at|lunging at|charg* at|swing* at"
    "|swung at|jumped|jump|beating on|beat on|wailing on|whaling on)"
)
# Things that are weapons once someone holds them ("with a bat"), and more that only count when
# swung or waved: "with a bottle" is usually someone drinking.
_BLUNT = (
    "(bat|baseball bat|hammer|crowbar|tire iron|golf club|pipe|lead pipe|metal pipe|screwdriver|wrench"
    "|frying pan|shovel|club|chain|stick|2x4|fire extinguisher|pickaxe|meat cleaver|cleaver)"
)
_SWUNG = _BLUNT[:-1] + "|board|brick|rock|bottle|cane|chair|belt)"
# Shared by weapon and violence: the gun and knife words in everyday, harmless senses.
_NOT_WEAPON = (
    "~(nail|glue|staple|heat|caulk|caulking|spray|hot glue|radar|price|massage|tattoo) gun*",
    "~(flu|booster|vaccine|covid|insulin|b12|allergy) shot*", "~shot (of|glass)", "~(photo|film) shoot*",
    "~(did|doing|tequila|vodka|whiskey|jello) shots", "~(shoulder|wiper|fan) blade*", "~blade of grass",
    "~shooting (pain|pains|star|range)", "~stabbing (pain|pains)", "~armed (forces|services)",
)
_BODY = (
    "(arm|arms|leg|legs|head|hand|hands|hip|back|knee|ankle|wrist|foot|feet|face|nose|eye|jaw|neck|shoulder"
    "|finger|fingers|rib|ribs|toe|chest|forehead|lip|mouth)"
)
_DRUGS = (
    "(pills|meds|medication|medications|tylenol|xanax|advil|ibuprofen|oxy|oxys|percocet|sleeping pills"
    "|insulin|aspirin|antidepressants|painkillers|pain pills|benadryl|lithium|seroquel|adderall|prescription"
    "|tablets)"
)
_AMOUNT = (
    "(a bunch of|too many|a handful of|a lot of|an entire bottle of|a bottle of|the whole bottle of|all of"
    "|all|some|#)"
)
_SELF = "(him|her|them|my|your|our|one)(self|selves)"

_WEAPON = (
    "gun", "guns", "gunshot*", "gun shot*", "gunfire", "gunman", "gunmen", "handgun*", "hand gun*",
    "shotgun*", "shot gun*", "firearm*", "fire arm*", "pistol*", "pistal*", "revolver*", "rifle*",
    "glock*", "ar15", "ar 15", "ak47", "ak 47", "9mm", "9 mm", "ammo", "ammunition", "bullet", "bullets",
    "gsw", "gsws", "shots", "shots fired", "shooting", "shooter", "shoot", "shoots",
    "(firing|fired|fires) (into|at|shots|a gun|rounds|off|his|her|a|the)",
    "shot (at|him|her|them|me|someone|somebody|himself|herself|in|through|up)",
    "(been|was|got|get|getting|being|is|were|are|just) shot",
    "knife", "knifes", "knives", "knif", "kinfe", "knive", "nife", "pocketknife", "switchblade*",
    "blade", "blades", "box cutter*", "boxcutter*", "razor*", "machete*", "mechete*", "machette*",
    "sword*", "dagger*", "hatchet*", "axe", "shank", "shiv", "scissors", "ice pick", "brass knuckles",
    "nunchuck*", "taser*", "tazer*", "stun gun*", "pepper spray", "bear spray", "mace", "crossbow*",
    "bow and arrow*", "explosive*", "bomb", "bombs", "pipe bomb*", "grenade*", "molotov*",
    "armed", "weapon*", "wepon*", "weapn*", "weopon*", "wepaon*", "wapon*", "wpn*",
    "stab", "stabs", "stabbed", "stabbing", "stabbings", "stabed", "stab wound*",
    "baseball bat", "broken bottle",
    f"(with|w/|has|had|holding|carrying|grabbed|got) (a|an|the|his|her|) {_BLUNT}",
    f"(swinging|swung|waving|wielding|brandishing|threatening*) (a|an|the|his|her|) {_SWUNG}",
    "hit (him|her|me|them|someone|somebody|people) with (a|an|the|his|her)",
    "(something|hand|hands|reaching|reached) in (his|her|their|the) waistband",
    "bulge in (his|her|their) (jacket|pocket|waistband|coat|hoodie)",
    "(anything|something) on (him|her|them)",
    "!unarmed", "!un armed", *_NOT_WEAPON,
)

_VIOLENCE = (
    "violen*", "!non violent", "!nonviolent", "!non violence",
    "!verbal only", "!only verbal", "!just verbal", "!verbal argument", "!verbal dispute",
    "!verbal altercation", "!verbal disturbance",
    "assault*", "assualt*", "asault*", "aslt", "fight", "fights", "fighting", "fought", "fite", "fiting",
    "fist fight*", "fistfight*", "brawl*", "physical", "physically",
    "riot", "rioting", "melee", "rampage", "homicid*", "murder*", "hostage*", "kidnap*", "abduct*",
    "rape", "raped", "raping", "rapist", "molest*", "strangl*", "aggressive*", "agressive*", "aggresive*",
    "hostile", "combative", "belligerent", "menacing", "making threats", "threats", "threatening behavior",
    "robbery", "robberies", "robbing", "robbed", "mugg*", "carjack*", "armed robbery",
    "shooting", "shots fired", "shots", "gunshot*", "gunfire", "stabbing", "stabbed", "gsw",
    "(with|w/|c/o|endorses|endorsing|positive for|pos) hi", "si/hi", "hi/si", "si and hi", "si or hi",
    "s/i h/i", f"{_HURT_VERBS} {_PRON}", f"{_HURT_VERBS} {_DET} {_REL}", f"{_HURT_VERBS} {_REL}",
    "beat* up", "get off (me|her|him)", "shoving", "shoving match", "pushing and shoving",
    "(pointing|pointed|aiming|aimed|points) (it|a gun|the gun|a weapon|the weapon) at",
    "(thrown|slammed|shoved|pushed) (against|into) (the|a) (wall|floor|ground|door|window|table|car)",
    "(slammed|smashed|bashed) (his|her|their|my|) head",
    (
        "(come back|coming back|comes back|return|returning) with (a|his|her|the) (gun|weapon|knife|rifle"
        "|friends)"
    ),
    "(pulled|pulls|pulling) (out|) (a|his|her|the) (gun|knife|weapon|pistol|blade|machete)",
    "(firing|fired|fires) (into|at|shots|a gun|rounds)",
    "(going to|gonna|will|threat* to|said he would|says he will) (burn|blow up|set fire to|torch|shoot up)",
    "shoot up (the|this|that|a) (place|school|building|office|store|party|house|church|bar|work)",
    f"(threw|throws|throwing|thrown) * (at|on) {_PRON}",
    f"(threw|throws|throwing|thrown) * * (at|on) {_PRON}",
    "hit in the (face|head|mouth|eye|nose|jaw|chest|stomach|back)",
    (
        "(been|being|was|got|get|getting) (hit|punched|kicked|slapped|beaten|beat up|assaulted|attacked"
        "|jumped|mugged|robbed|choked)"
    ),
    "(swing*|swung|throwing|threw|throws) (his|her|their|) (fists|fist|punches|hands)", "throwing hands",
    "(throw*|threw) (things|stuff|objects|rocks|bricks|stones|bottles|chairs|furniture|punches) at",
    "(threw|throws|throwing|thrown) (a|an|the|his|her) * at",
    "(brandish*|wav*|point*|aim*|swing*|swung) (a|an|the|his|her|their) * at",
    "~threat* (of|to commit) suicide", *_NOT_WEAPON, f"~hurt (his|her|their|my) {_BODY}",
    "~(hit|hitting|bumped|bumping) (his|her|their|my) head",
    (
        "~(been|being|was|got|get|getting|hit) hit by (a|an|the) (car|vehicle|truck|bus|train|bike|bicycle"
        "|motorcycle|van|suv|ball)"
    ),
    "~physical* (disab*|therapy|handicap*|exam*|limitation*|health)",
)

_CRIME = (
    "breaking in", "breaking into", "break into", "just broke in", "just broke into",
    "(trying|tried|attempting|attempted|going) to break", "break in (in progress|now|right now|happening)",
    "(burglary|robbery|theft|break in|shoplifting|vandalism|larceny|carjacking|home invasion) in progress",
    "burglar", "burglars", "intruder", "intruders", "~burglar* alarm*",
    "stealing", "(just|is|are|trying to|tried to) steal*", "just stole",
    "shoplift*", "shop lift*", "robbery", "robberies", "robbing", "being robbed", "just (got|been|) robbed",
    "mugging", "carjack*", "purse snatch*", "snatch*", "pickpocket*", "home invasion", "kidnap*", "abduct*",
    "prowl*", "casing (the|cars|houses|homes)",
    (
        "(trying|checking|pulling on|pulling|testing|jiggling) (the|car|) (door knob|doorknob|door handles"
        "|door handle|doors|handles)"
    ),
    (
        "(trying|tried|attempting) to get (in|into) (her|his|my|the|their|a|our) (apartment|apt|house|home"
        "|car|room|unit|garage)"
    ),
    "dealing drugs", "drug deal*", "selling drugs", "selling dope", "hand to hand",
    "flashlight* inside", "car to car", "(checking|trying|looking) for unlocked (doors|cars|car doors)",
    "(walked|walking|walks|ran|running|runs|left|leaving) out without paying", "without paying",
    "conceal* (items|merchandise|it)", "(suspect|someone|somebody|intruder|he|they) (is|are|) still inside",
    "(door|window|back door|front door) (kicked in|pried|pried open|forced open)",
    "demand* (money|cash|her purse|his wallet|the money|her phone|his phone)",
    "(give|hand over) (him|them|me) (money|cash|the money|your money|her purse|his wallet)",
    (
        "(taking|grabbing|loading up|carrying off|carrying out) (bikes|bicycles|packages|tools|copper|tvs"
        "|merchandise)"
    ),
    "tagging", "spray painting", "vandalizing", "looting",
    "smash* (the|her|his|my|their|a|car|cars) (car|cars|window|windows|windshield|windshields)",
    "smashing (windows|car windows)", "breaking (car windows|windows|into cars)",
    "catalytic converter*", "stripping (a|the) car", "siphon*",
    "dui", "drunk driv*", "driving (drunk|intoxicated|impaired|under the influence)", "impaired driver",
    "hit and run", "hit & run",
    (
        "(throw*|threw|dropping|dropped|drops) (rocks|bricks|stones|things|objects|stuff) (at|on) (cars"
        "|vehicles|windows|houses|traffic)"
    ),
    "arson", "setting (a|) fire*", "set fire",
)

_MEDICAL = (
    "unconscious*", "unconcious*", "unconsious*", "unconcsious*", "unconsc", "uncon", "unconc",
    "semi conscious", "semiconscious", "not conscious", "barely conscious", "in and out of consciousness",
    "loss of consciousness", "lost consciousness", "loc", "~(unk|unknown|new|last|current|cur) loc",
    "~loc (unk*|unknown)", "passed out", "passing out", "fainted", "fainting", "feels faint", "syncop*",
    "collapsed", "collapse", "collapsing", "(isn't|isnt|is not|wasn't|was not|stopped) moving",
    "(didn't|did not|doesn't|does not|won't|wont) wake", "lethargic", "chest (feels|felt|is) (heavy|tight)",
    "abdominal pain",
    "(severe|extreme|excruciating|unbearable) (pain|abdominal pain|stomach pain|headache|head pain)",
    "(now|suddenly|newly|acutely|became|becoming) (confused|disoriented)",
    "(he's|she's|he is|she is|they're|turning|turned|went|looks) (blue|purple|gray|grey|ashen)",
    "(man|person|male|female|woman|subject|subj) down", "not moving",
    "unresponsive", "unresponsve", "unresposive", "unrespnsive", "unresponive", "unrepsonsive",
    "non responsive", "nonresponsive", "non responsve", "not responsive", "not responding", "unarousable",
    "(won't|wont|will not) wake up", "(can't|cant|cannot|can not|unable to) wake", "can't be woken",
    "not waking up", "not breathing", "isn't breathing", "isnt breathing", "stopped breathing",
    "barely breathing", "no pulse", "pulseless", "cpr", "chest compressions", "cardiac arrest", "cardiac",
    "heart attack", "chest pain*", "chest pian*", "c/o cp", "cp/sob", "chest tightness", "chest pressure",
    "(c/o|w/|with|and) sob", "short of breath", "shortness of breath",
    "(difficulty|trouble|problems|hard time|struggling|difficult|diff|dif) breathing", "labored breathing",
    "(can't|cant|cannot|can not|unable to) breathe", "gasping", "choking", "choking on",
    f"~chok* {_PRON}", f"~chok* {_DET} {_REL}", "throat swelling", "throat closing", "anaphyla*",
    "allergic reaction", "epi pen", "epipen", "turning blue", "blue lips", "lips (are|turning) blue",
    "cyanotic", "(lips|face|skin) (are|is|look|looks|turning|turned|went) (blue|purple|gray|grey)",
    (
        "(won't|wont|will not|doesn't|doesnt|does not|didn't|didnt|did not) respond to (his|her|their|)"
        " (name|voice|verbal|shouts|touch|pain|stimuli)"
    ),
    "(fallen|fell) and (can't|cannot|cant|unable to) get up",
    "(been|laying|lying|stuck) on the floor (for|since|all)",
    "found (on|lying on|laying on|down on) the (floor|ground)", "found down",
    "heart (racing|is racing|pounding|is pounding)", "overdos*", "over dose*", "od", "ods", "od'd", "od'ing",
    "oding", "narcan*", "naloxone",
    "~(plan|plans|planning|planned|going|threat*|wants|want|wanted) to (od|overdose)",
    "seizure*", "siezure*", "seizing", "seizer*", "seisure*", "sezure*", "convuls*",
    "stroke", "strokes", "droop*",
    "(trouble|difficulty|can't|cannot|unable to) (speaking|speak|talking|talk)",
    "(can't|cannot|unable to) find (his|her|their) words",
    "garbled speech", "facial droop*", "face drooping", "slurred speech", "slurring speech",
    "diabetic*", "low blood sugar", "high blood sugar", "hypoglycemi*", "hyperglycemi*", "insulin shock",
    "heavy bleeding", "bleeding heavily", "bleeding profusely", "bleeding badly", "bleeding a lot",
    "lots of blood", "a lot of blood", "losing blood", "blood everywhere", "bleeding out",
    "(won't|wont|will not) stop bleeding", "(can't|cant|cannot) stop the bleeding", "spurting",
    "gsw", "gsws", "gunshot wound*", "gun shot wound*", "stab wound*", "stabbed", "stabbing",
    "shot in the", "(been|was|got|is|were|just) shot",
    "hypotherm*", "frostbit*", "heat stroke", "heatstroke", "heat exhaustion", "heat exaustion",
    "in labor", "contractions", "water broke", "giving birth", "miscarr*",
    "(vomiting|throwing up|coughing up) blood", "altered mental status", "ams", "alcohol poisoning",
    "dts", "delirium tremens", "withdrawal seizure*",
    (
        "(drank|swallowed|drinking|ingested) (a bottle of|some|) (bleach|antifreeze|poison|drain cleaner"
        "|batteries|a battery)"
    ),
    "ingested", "poisoning", f"(took|swallowed|ingested|taken) {_AMOUNT} (his|her|their|my|) {_DRUGS}",
    "(needs|need|requesting|requests|request|req|send|sending|wants) (an|) (ambulance|ems|medics|paramedics)",
    "(ems|medics|ambulance) (req|requested|needed|en route|enroute|called)",
    "needs medical",
    "medical (emergency|issue|issues|problem|problems|distress|attention|help|call|condition)",
    "!(refus*|declin*) (medical|ems|medics|ambulance|transport|treatment|care|aid)",
    "(possibly|poss|maybe|might be|may be|is|be|found|appears|looks|appear to be|appears to be) dead",
    "dead (body|person|male|female|man|woman|guy)", "doa", "deceased",
    # Head trauma that needs EMS: a helmet broken by the impact, a named head injury, or a blow to
    # the head followed by confusion. A bare blow to the head ("hit her head on the counter") stays
    # injury only, and "not making sense" alone is everyday crisis-call wording, not medical.
    "(helmet|helmets) (is|was|got|) (cracked|broken|broke|split|smashed|shattered)",
    "(cracked|broke|broken|split|smashed|shattered) (his|her|their|my|the|a|) helmet*",
    "head (injury|injuries|wound|wounds|trauma)", "~(minor|small|old|prior|previous|past) head *",
    (
        "(hit|hitting|struck|bumped|banged) (his|her|their|my|the|) head and (is|was|now|seems|) (confused"
        "|disoriented|dazed|not making sense)"
    ),
)

_INJURY = (
    "injur*", "injer*", "injred", "inj", "inj'd", "!uninjured", "!un injured", "hurt",
    f"~hurt* {_PRON}", f"~hurt* {_DET} {_REL}", f"~hurt* {_REL}", f"~hurt* {_SELF}",
    f"~hurt* {_SELF.replace(')(', ') (')}",
    f"hurt (his|her|their|my) {_BODY}",
    "~(old|prior|previous|past|chronic) injur*",
    "bleed*", "bloody", "blood", "~blood (sugar|pressure|alcohol|test|work|draw|type|bank|drive)",
    "~(vomiting|throwing up|coughing up|coughing) blood",
    f"cut (on|to|across|above|below|in) (his|her|their|my|the|) {_BODY}",
    "(a|has a|have a|got a|deep|small|big|bad|large|minor) cut",
    "cuts", f"cut (his|her|their|my) {_BODY}", "lacerat*", "lac", "abrasion*", "road rash", "gash*",
    "bruis*", "swelling (to|on|in|around)", f"swollen {_BODY}",
    "(eye|face|lip|lips|jaw|nose) (is|was|are) swollen",
    "black eye", "(scooter|bike|bicycle|motorcycle|moped|skateboard) (crash|accident|wreck)", "bloody nose",
    (
        f"(broken|broke|fractured|dislocated|sprained|twisted) (his|her|their|my|a|an|) ({_BODY[1:-1]}|bone"
        f"|bones|collarbone|toe)"
    ),
    "fractur*", "dislocat*", "sprain*", "wound", "wounds", "wounded", "~wound up",
    "burns", "burned (his|her|their|my|him|her)", "(has|have|got|with) (a|) burn*",
    "hit (his|her|their|my) head", "bump (on|to) (his|her|their|the) (head|forehead)",
    "(hit|hitting|struck|bumped|banged) (his|her|their|my|the|) head", "head trauma",
    "(helmet|helmets) (is|was|got|) (cracked|broken|broke|split|smashed|shattered)",
    "(cracked|broke|broken|split|smashed|shattered) (his|her|their|my|the|a|) helmet*",
    f"{_BODY} (is|was|looks|might be|may be|appears|could be) (broken|fractured|dislocated)",
    "(fell|fall|fallen) and (hurt|hit|injured|broke|cut|twisted)",
    "(hit|struck) by (a|an|the) (car|vehicle|truck|bus|train|bike|bicycle|motorcycle|van|suv)",
    "ped struck", "pedestrian struck", "auto ped", "dog bite", "bitten",
    "gsw", "gsws", "stab wound*", "stabbed", "shot in the", "(been|was|got|is|were|just) shot",
)

_SUICIDAL = (
    "suicid*", "sucid*", "suicd*", "suisid*", "suiside*", "sucide*", "suicde*", "suiciadal", "suicidial",
    "si", "s/i", "passive si", f"kill* {_SELF}", f"kill* {_SELF.replace(')(', ') (')}",
    "end (his|her|their|my|your) (own|) life", "end it", "end it all", "ending it", "ending it all",
    "ending (his|her|their|my) (own|) life", "(take|taking|took) (his|her|their|my) (own|) life",
    "(wants|want|wanted|wanting|going|trying|tried) to die", "better off dead",
    "wish* (he|she|they|i) (was|were) dead",
    "(doesn't|does not|doesnt|don't|do not|dont|didn't|did not) want to (live|be alive|be here|wake up)",
    "no reason to live", "not worth living", "better off without (him|her|me|them|us)",
    f"{_DONT} see the point", "no point (in|) (living|going on|being alive)",
    "(nobody|no one) would miss (him|her|me|them)",
    "(sleep|go to sleep|fall asleep) and (not|never) wake up",
    (
        "(threat* to|going to|gonna|wants to|want to|wanting to|about to|trying to|will|might|may|could"
        "|plans to|planning to|plan to) jump"
    ),
    f"found {_PRON} hanging", f"found {_DET} {_REL} hanging", "hanging from",
    "jumper", "(legs|leg|feet) over the (side|edge|railing|rail)",
    "(on|over) the (bridge|overpass) (railing|rail|edge)",
    "(standing|sitting) on the (edge|ledge)", f"hang* {_SELF}", "noose",
    f"(shoot*|stab*|cut|cuts|cutting|hurt*|harm*|drown*|punch*|hit|hits|hitting|bang*|burn*) {_SELF}",
    f"(use|using|turn|turning) (it|the gun|a gun|the knife|a knife) on {_SELF}",
    "(won't|wont|will not|not going to|not gonna|not) (be|being) around (much longer|anymore|for long|long)",
    "goodbye (everyone|everybody|all|world|forever)",
    (
        "looking (down at traffic|down at the traffic|over the edge|over the side|over the railing|down"
        " from the bridge)"
    ),
    # Emptying a whole supply is treated as an attempt until ruled out; "took some pills" is not.
    (
        f"(took|swallowed|ingested|taken) (a bottle of|an entire bottle of|the whole bottle of|all of|all)"
        f" (his|her|their|my|) {_DRUGS}"
    ),
    "self harm*", "self injur*",
    "slit* (his|her|their|my) wrist*", "(overdose|od) on purpose",
    "(plan|plans|planning|planned|going|threat*|wants|want|wanted) to (od|overdose)",
    "suicide note", "goodbye (note|letter|text|texts|message|messages|video)",
    "(said|saying|says|sent|sending|texted) goodbye",
    (
        "(jump|jumping|step|stepping|walk|walking|run|running|throw* himself|throw* herself) in front of"
        " (a|an|the) (train|bus|car|truck|traffic)"
    ),
    "life (isn't|is not|isnt|not) worth (living|it)",
    "giving away (his|her|their|my) (stuff|things|belongings|possessions|property)",
    "(and|then|and then) (him|her|them)(self|selves)",
)

_SUICIDAL_MEANS = (
    _DRUGS, "pill bottle", "acetaminophen", "oxycodone", "oxycontin", "percocet*", "fentanyl", "stockpil*",
    "rope", "noose", "extension cord", "cord", "ligature",
    "belt around (his|her|their) neck", "bridge", "overpass", "ledge", "roof", "rooftop", "balcony",
    "tracks", "train tracks", "railroad", "cliff", "parking garage", "parking structure", "high rise",
    "(car|engine) running in (the|a) garage", "exhaust", "carbon monoxide", "charcoal", "bleach",
    "antifreeze", "poison", "plastic bag", "means", "hanging", "hose", "(engine|car|truck) running",
    "in front of (a|an|the) (train|bus|car|truck|traffic)", "train",
    "!(meds|medications|medication|pills) (are|were|is|) (locked up|locked away|locked|secured|removed)",
    (
        "!(locked up|locked away|secured|removed|hid|took away|taken away) (his|her|their|the|all|all the"
        "|) (meds|medications|medication|pills)"
    ),
)

_INTOXICATION = (
    "drunk*", "drnk", "intox*", "inebriat*", "etoh", "alcohol", "booze", "drinking", "liquor", "vodka",
    "tall can*", "wasted", "hammered", "plastered", "tipsy", "buzzed", "sloshed",
    "high on", "high as",
    (
        "(is|was|seems|seem|appears|appear|looks|look|acting|very|super|getting|get|gets|so|really|he's"
        "|she's|they're|i'm|im|got|be|being|possibly|poss|probably|prob|maybe|definitely|extremely) high"
    ),
    "(drunk|intoxicated|buzzed|tipsy) (or|and|/) high", "drunk/high", "under the influence",
    "on drugs", "on something", "took something", "on meth", "meth", "meths", "methed", "methamphetamine*",
    "meth head", "tweaking", "tweaker", "tweakin", "smoking crack", "crack pipe", "on crack", "crack cocaine",
    "crackhead*", "cocaine", "heroin", "fentanyl", "angel dust", "sherm", "spice", "k2", "xanax", "xanny",
    "percocet*", "oxycodone", "oxycontin", "adderall", "opioid*", "opiate*", "marijuana", "smoking weed",
    "smoking pot",
    "huffing", "inhalant*", "mushrooms", "shrooms", "lsd", "bad trip", "tripping",
    (
        "(reeks|reeking|smells|smelled|smelling|odor|stinks) (of|like) (beer|booze|liquor|wine|weed"
        "|marijuana|pot)"
    ),
    "using drugs", "doing drugs", "drug use", "substance use", "drugged", "drugs",
    "~(selling|dealing|sells|deals|sold|dealt) drugs",
    "nodding off", "nodding out", "needle in (his|her|their) arm", "shooting up",
    "overdos*", "over dose*", "od", "ods", "od'd", "od'ing", "oding", "narcan*", "naloxone",
    "~(plan|plans|planning|planned|going|threat*|wants|want|wanted) to (od|overdose)",
    "dui", "detox", "withdrawal", "slurring (his|her|their|) words", "stumbling", "staggering",
    "!sober",
)

DEFAULT_PHRASES: dict[str, tuple[str, ...]] = {
    "weapon": _WEAPON,
    "violence": _VIOLENCE,
    "crime_in_progress": _CRIME,
    "medical": _MEDICAL,
    "injury": _INJURY,
    "suicidal": _SUICIDAL,
    "suicidal_means": _SUICIDAL_MEANS,
    "intoxication": _INTOXICATION,
}

# Cues, in the term language too. They are tried hedge-first at each position (so "not sure if" is a
# hedge rather than "not"), and within a kind the longest wins ("doesn't appear" over "doesn't").
HEDGE_CUES = (
    "unk", "unkn", "unknown", "unk (if|whether)", "unknown (if|whether)", "(not sure|unsure) (if|whether|)",
    "(not certain|uncertain) (if|whether|)", "no idea (if|whether|)", f"{_DONT} know (if|whether|)", "dunno",
    "(can't|cant) tell (if|whether|)", "(can't|cant|cannot) (be sure|confirm|rule out)",
    "poss", "possible", "possibly", "prob", "probably", "maybe", "may (have|be|)", "might (have|be|)",
    "could (have|be|)", "likely", "potential", "potentially", "believe(s|d|)", "think(s|ing|)", "thought",
    "suspect(s|ed|)", "reportedly", "allegedly", "alleged", "claim(s|ed|ing|)", "apparently",
    "appear(s|ed|) (to be|to have|to|)", "seem(s|ed|) (to be|to have|to|)", "look(s|) like", "sound(s|) like",
    "supposedly", "if", "whether", "either",
)
# Denials scope over their whole clause ("denies that he has a gun").
DENY_CUES = (
    "den(y|ies|ied|ying)", f"{_DONT} (think|believe|appear|seem|look|feel)",
    "no (sign|signs|evidence|indication|mention|report|reports) of", "neg(ative|) for", "ruled out",
)
# Plain negators scope over a few words and are broken by a new subject ("no, he has a gun").
NEGATION_CUES = (
    _DONT, "(isn't|isnt|is not|wasn't|wasnt|was not|aren't|arent|are not|weren't|werent|were not)",
    "(hasn't|hasnt|has not|haven't|havent|have not|hadn't|hadnt|had not)",
    "no one", "noone", "nobody", "nothing", "none", "neither", "nor", "never", "not", "non", "no", "without",
    "w/o", "neg", "negative", "free of", "hx (of|)", "h/o", "(past|) history of",
)

# Where a clause ends (a negation or hedge never reaches across one): these characters, " - ", and
# these words.
BOUNDARY_CHARACTERS = ".;!?\n,"
BOUNDARY_WORDS = ("but", "however", "though", "although", "except", "then", "and", "yet", "while", "whereas")
# The rest are plain regular expressions.
# "no, he has a gun" / "didn't drop the knife": a new subject or a give-up verb ends a plain negation.
BREAKERS = (
    r"\b(?:he|she|they|subj(?:ect)?|susp(?:ect)?|it|there|rp|male|female|man|woman)\s*(?:'s|has|have|had|is"
    r"|was"
    r"|are|got|now)\b|\b(?:drop|put (?:\w+ )?(?:down|away)|let go|give up|hand\w* over|surrender|release"
    r"|stop)"
)
# "no gun or knife": the second item shares the first one's cue.
COORDINATION = r"\s*(?:/|&|,?\s*\b(?:or|nor)\b)\s*(?:(?:any|other|a|an)\s+)?"
# Right after a term: "weapons: none", "SI denied", "wpns neg" / "weapons: unk", "has a gun?".
TAIL_NEGATION = (
    r"\s*(?:[:=?-]\s*)?(?:none|nil|neg(?:ative)?|denie[sd]|not (?:seen|observed|present|involved|reported"
    r"|visible|known|found|noted|indicated|needed|mentioned))(?!\w)"
    r"|\s*[:=?-]\s*(?:no|n)(?!\w)(?!\s*(?:idea|clue|one|longer))"
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
