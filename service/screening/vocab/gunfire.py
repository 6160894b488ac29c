"""Weapon and violence, phase 5 of issue #17's tuning: what fires and is not gunfire, what is fired
by accident, and shootings told by who was shot or at what.

Read in round 6's test half after its one measurement (school-shooting narratives of the CHDS K-12
School Shooting Database and NEISS firework-injury records: tuned on), and written as kinds from
published sources, never one text's words (tags in service.screening.vocab):

- [CPSC-FW] the kinds of fireworks in the CPSC's Fireworks Annual Reports (firecrackers, sparklers,
  bottle rockets, Roman candles, reloadable mortars and aerial shells, fountains, smoke devices,
  M-80s and cherry bombs): a firework that is shot off, explodes or strikes someone is not a gunshot
  and not an attack (the round-6 guide, R11: "hit by", "exploded", "went off" are none); one fired or
  thrown at a person is (R11: present), and "shot with a firework" names no shooter (R11: hedged).
  Shots heard that turned out to be fireworks or a backfire are no gun at all.
- [NVDRS-UF] the circumstances of unintentional firearm injuries in the National Violent Death
  Reporting System ("Unintentional firearm deaths in the United States 2005-2015", Injury
  Epidemiology 6, article 42, 2019: playing with a gun,
  thinking it unloaded, loading or cleaning, a dropped gun): a discharge stated as an accident is not
  violence however the narrative goes on ("accidentally discharged, striking another student"); the
  gun stays a weapon. A gun that went off with no accident stated is a firearm fired (round-6 R3).
- [K12-SSDB] the CHDS K-12 School Shooting Database's methodology (k12ssdb.org: a gun fired or
  brandished, or a bullet hitting school property, for any reason) and its narratives' headline style,
  with round 6's rulings (R1 a person shot, R2 shots at a person, R5 untargeted shots hedged): the
  person named by age and sex code ("15YOM shot behind the school") or school role, a person shot
  with a role or relation named, shots fired into a ceiling or at a bus, BBs and airsoft fired at
  people, a person struck by a bullet or in a crossfire.
"""

from __future__ import annotations

from service.screening.vocab.shared import PRON, REL

__all__ = ["GUNFIRE_VIOLENCE", "GUNFIRE_WEAPON", "SOURCED"]

# The everyday senses of "shot" and "shoot" that are not gunfire, as dictionaries list them
# (Merriam-Webster, "shot" noun: a stroke or throw in a game, a drink of liquor, a photograph;
# "shoot" verb: to throw a ball at a goal, to play pool, to take pictures or film) and toy guns that
# fire water or foam (shared.py's NOT_WEAPON holds the first of these: "shot of", "shot glass").
_NOT_GUNFIRE = (
    "~shots of (tequila|vodka|whiskey|whisky|rum|gin|liquor|alcohol|booze|jager|fireball|espresso|jello)",
    "~(shot|shots) at the (basket|hoop|rim|goal|net|buzzer|pin)",
    "~(shooting|shoot) (hoops|baskets|pool|free throws|photos|pictures|video|videos|a video|a film|a movie)",
    "~(water|squirt|nerf|bubble|foam dart) (gun|guns|pistol|pistols|blaster|blasters)",
    "~(water|squirt|nerf|bubble|foam dart) (gun|guns|pistol|pistols|blaster|blasters) (fight|fights|battle"
    "|battles|war)",
)

# People, but not pets nor the words for people on the road, whom crashes kill (MMUCC: a crash is
# not violence).
_ROAD = {"dog", "cat", "pet", "driver", "pedestrian", "pedestrians", "passenger", "passengers"}
_NOT_ON_ROAD = "|".join(w for w in REL[1:-1].split("|") if w not in _ROAD)
# The CPSC's kinds of consumer fireworks, as narratives name them.
_FW = (
    "(firework*|firecracker*|fire cracker*|sparkler*|bottle rocket*|roman candle*|mortar*|artillery shell*"
    "|aerial shell*|aerial*|m80*|m 80*|m1000*|cherry bomb*|smoke bomb*|fountain*|black cat*|ladyfinger*"
    "|whistler*|rocket*)"
)
# What a firework does: it goes off, and what it throws out hits someone.
_GOES = (
    "(hit|hits|hitting|struck|striking|strikes|shot|shoots|shooting|fired|fires|firing|exploded|explodes"
    "|exploding|explosion|explosions|went off|goes off|blew up|blows up|blast|blasted|misfired|backfired"
    "|detonated|launched|bounced)"
)

# Each flag's phrases that start with the same three letters compile to one pattern, and PCRE2
# limits its size: violence's "str" and "thr" patterns are near it, so violence takes the
# look-alikes that start there only where a violence term starts there too.
_SETTING_OFF = (
    "(shooting|setting|set|lighting|lit|launching|launched|fired|firing|shoot|shoots|shot)",
    "(shooting|setting|set|lighting|lit|launching|launched|fired|firing)",
)
# Heard as shots, found to be fireworks or a backfire: no gun (police logs' "shots fired, turned out
# to be fireworks"). "shots fired" is a head of its own: a longer plain term would win over a
# look-alike that starts with a shorter word.
_TURNED_OUT = (
    "(turned out to be|determined to be|found to be|were actually|was actually|but actually was|but was"
    "|but were|but it was) (fireworks|firecrackers|a firework|a firecracker|a backfire|a car backfiring)"
)


_HIT_BY = "(hit|struck) (*|) (*|) (*|) (*|) (*|) (by|with) (a|an|the|some|) (*|) (*|)"


def _heard(words: str) -> str:
    """The sounds as a group, each also with the comma a narrative glues to it ("shots fired,")."""
    return "(" + "|".join(f"{w}|{w}," for w in words.split("|")) + ")"


def _fireworks(setting_off: str, heard: str, struck: str) -> tuple[str, ...]:
    return (
        # Setting fireworks off: "shooting off fireworks", "lighting a mortar".
        f"~{setting_off} (off|) (some|a|an|the|his|her|their|#|) (*|) (*|) {_FW}",
        # A firework as the subject of what it did, up to five words on ("firework exploded in his
        # hand", "a rocket was fired and struck her", "mortar misfired hitting child").
        f"~{_FW} (*|) (*|) (*|) (*|) (*|) {_GOES}",
        # Struck by or with one ("was hit in the eye by a bottle rocket": R11, hit by is none).
        f"~{struck} {_HIT_BY} {_FW}",
        # ... and on to what the firework did ("with a firework that was shot off by a neighbor").
        f"~{struck} {_HIT_BY} {_FW} (that|which|) (was|were|) (shot|fired|launched|set|lit|thrown)",
        "~(smoke|cherry|stink|bath|glitter|water|paint) (bomb|bombs)",
        # "shots fired, turned out to be": a comma glued to a word is written out.
        f"~{heard} (*|*,|) (*|*,|) {_TURNED_OUT}",
    )


# A firework fired, thrown or pointed at a person (R11: present), and "shot with a firework", which
# names no shooter (R11: hedged; the hedge is in the label: either way the flag is raised). Violence
# reads "threw ... at him" already (violence.py).
_FIREWORK_AT = (
    f"(shot|fired|threw|thrown|pointed|aimed|launched|tossed) (a|an|the|some|#|) (*|) {_FW} (at|toward"
    f"|towards|@) {PRON}",
    f"(shot|got shot|was shot|been shot) (*|) (*|) (*|) (*|) with (a|an|the|) (*|) {_FW}",
)
_FIREWORK_AT_VIOLENCE = (
    f"(shot|fired|pointed|aimed|launched|tossed) (a|an|the|some|#|) (*|) {_FW} (at|toward|towards|@) {PRON}",
    _FIREWORK_AT[1],
)

# A discharge stated as an accident, and what followed it in the same clause (the gun stays a
# weapon: these are violence only). NVDRS: playing with a gun, showing it off, cleaning, a drop.
_ACCIDENT = "(accidentally|accidently|accidentaly|accidentially|unintentionally|inadvertently)"
_DISCHARGED = (
    f"{_ACCIDENT} (discharged|discharges|discharging|fired|fires|firing|went off|goes off|go off|shot|shoots"
    "|shooting|was discharged|were discharged) (and|,|)"
)
_STRUCK = "(striking|hitting|killing|injuring|wounding|struck|hit|killed|injured|wounded|shooting|grazing)"
_ACCIDENTAL = (
    # Each ends on a word it needs: a phrase cannot end on optional words.
    f"~{_DISCHARGED} {_STRUCK}",
    f"~{_DISCHARGED} {_STRUCK} (*|) (*|) (*|) (*|) (*|) (*|) (*|) (*|) (and|) (killing|injuring|wounding"
    "|killed|injured|wounded)",
    f"~{_ACCIDENT} (kicked|threw|tossed|dropped|knocked|bumped) (*|) (*|) (*|) (*|) (which|that|and|)"
    " (hit|hits|struck|strikes|striking|hitting)",
    "~(gun|pistol|handgun|firearm|rifle|revolver|weapon) (discharged|went off|fired|goes off)"
    " (while|when) (he|she|they|it was|) (was|were|) (cleaning|loading|unloading|holstering|handling"
    "|being cleaned|being loaded|being unloaded)",
    "~accidental (discharge|discharges|shooting|shootings)",
    # The accident word after the discharge ("went off accidentally and hit his brother").
    f"~(discharged|fired|went off|goes off) {_ACCIDENT} (and|,|) {_STRUCK}",
    # A hunting accident (NVDRS: hunting), and who it hit.
    "~hunting (accident|accident,|mishap|mishap,) (*|*,|) (*|*,|) (*|) (shot|hit|struck|wounded)",
    # A dropped gun that fired (NVDRS: "fell or dropped gun"), and what it struck.
    f"~(fell|fell out|dropped|was dropped) (and|,|) (fired|discharged|went off|goes off) (and|,|) {_STRUCK}",
    "~(target|rifle|skeet|trap|) shooting (practice|range|ranges|team|club|competition|match|lessons|drill)",
)

# The person shot, named by age-and-sex code or school role, headline style (R1: present).
# An age-and-sex code ("15YOM", "16 YOF": NEISS and news-brief style): a digit first, as a phrase
# cannot begin with a number sign.
_AGE = "(1|2|3|4|5|6|7|8|9)*(yom|yof|yo|ym|yf|yowm|yowf|yobm|yobf)"
_AGE_SPACED = "(1|2|3|4|5|6|7|8|9)* (yom|yof|yo|ym|yf|year old|years old|yr old)"
_ROLE = (
    "(student|students|teacher|teachers|principal|assistant principal|vice principal|coach|coaches"
    "|classmate|classmates|coworker|coworkers|administrator|school administrator|sro|superintendent"
    "|parent|parents|staff member|bus driver|janitor|custodian|counselor|secretary)"
)
_SHOT_HEADLINE = (
    f"{_ROLE[:-1]}|yom|yof|teens) (was|were|) (shot|wounded|grazed)",
    *(
        f"{age} (student|male|female|boy|girl|teen|) (was|were|) (shot|wounded|grazed)"
        for age in (_AGE, _AGE_SPACED)
    ),
    # Shots with no target (round-6 R5: hedged): into a building or the air, at random.
    "(fired|fire|fires|firing) (a|one|#|two|three|several|multiple|) (shot|shots|round|rounds) (into|in"
    "|through|at|toward|towards|inside|from)",
    "(fired|fires|shot) (into|through|up) (the|a|an|his|her|their|) (*|) (ceiling|floor|air|ground|wall|walls"
    "|window|windows|door|house|home|building|school|classroom|bus|car|vehicle|crowd)",
    "(shot|fired|fires|firing) (randomly|indiscriminately|at random|wildly|blindly|aimlessly)",
    "(started|began|begins|starts|start|begin|opened) (firing|shooting)",
    "(fired|fires|firing) (striking|hitting|killing|wounding|injuring)",
    "(fired|discharged|shot) (the|a|his|her|their) (gun|pistol|handgun|rifle|shotgun|firearm|weapon)"
    " (#|one|two|three|four|five|several|multiple) times",
    # BBs, pellets and airsoft fired at people or vehicles (the round-6 guide: the guns the text names).
    "(fired|fires|firing) (a|an|the|his|her|their|) (bb|bbs|bb gun|bb guns|pellet|pellets|pellet gun"
    "|pellet guns|airsoft gun|airsoft guns|airsoft|paintball gun|paintball guns|paintballs) (at|into"
    "|toward|towards)",
    "(caught|struck|hit|wounded|injured|killed) in (the|a) crossfire",
)
# A person struck by a bullet (R1: a person shot, shooter unknown): violence only, and not "by gunfire",
# which both flags read already ("no one was injured by the gunfire" must leave the gunfire standing).
_STRUCK_BY = (
    "(struck|hit|wounded|grazed|injured|killed) by (a|an|the|) (*|) (bullet|bullets|round|rounds"
    "|bullet fragment|bullet fragments)",
)
# A person who shot themself is self-harm, not violence (round-1 guide; round-6 R5): the person words
# above, with "himself" after "shot", are read as look-alikes (weapon.py keeps the gun).
_SELF = "(himself|herself|themself|themselves|self|him/herself)"
_SELF_SHOT = (
    f"~(fatally|mortally) (shot|shooting|shoots|wounded|wounding) {_SELF}",
    # ... unless another person follows ("fatally shot himself and his wife").
    f"(fatally|mortally) (shot|shooting|shoots|wounded|wounding) {_SELF} (and|,) (his|her|their|the|a|) (*|)"
    f" ({_NOT_ON_ROAD})",
    # "shot him/herself": the slash is a separator, so "him" alone would read as another person.
    "~sho(t|ot|oting|ots) him (herself|her self)",
    f"~{_ROLE[:-1]}|yom|yof|teens) (was|) shot {_SELF}",
    *(f"~{age} (student|male|female|boy|girl|teen|) (was|) shot {_SELF}" for age in (_AGE, _AGE_SPACED)),
)
# A person killed, named by relation or role ("killed the victim", "killed his estranged wife"); a
# person hit and killed is a crash.
_KILLED = (
    f"killed (the|his|her|their|) (*|) ({_NOT_ON_ROAD}|principal|coworker|classmate)",
    "~(hit|struck|ran over|run over) and killed",
)
# A person shot, named by a school or work role, or counted ("shot multiple teachers"): violence.py
# reads "shot" before a person or relation already; weapon.py the same for weapon.
_SHOT_ROLE = (f"shot (the|a|an|his|her|their|#|two|three|several|multiple|numerous|many|) (*|) {_ROLE}",)
# A gun that went off, with no accident stated (round-6 R3: a firearm fired; violence hedged).
_WENT_OFF = (
    "(gun|pistol|handgun|firearm|rifle|revolver) (discharged|went off|goes off|fired)"
    " (in|inside|into|while|during|striking|hitting|and)",
)

# A weapon drawn, shown or held on a person, fought over or grabbed from an officer, and a gun fired
# in or into a place: California Penal Code 417 (drawing or exhibiting a weapon: CA-PC-3), FBI LEOKA
# (officers assaulted, their weapons taken), NIBRS 13A (aggravated assault with a firearm); the
# police-log wordings that leave out the article ("pull gun on subject", "threat with shotgun").
_ARMS = "(gun|handgun|pistol|rifle|shotgun|firearm|weapon|knife)"
_DRAWN = (
    f"(pull|pulled|pulls|pulling|drew|draws|draw) (a|an|his|her|their|the|) {_ARMS} on",
    f"show* (a|an|the|his|her|their|) {_ARMS} (at|and|after)",
    f"(held|holds|hold|holding|put|puts|placed) (a|an|the|his|her|their|) {_ARMS} to (*|*'s|) (*|) (head"
    "|throat|neck|chest|face|back|temple)",
    f"threat (with|w/) (a|an|the|his|her|) (*|) {_ARMS}",
    f"(wrestled|wrestling|fought|fighting) (over|for) (a|an|the|his|her|their|) {_ARMS}",
    "(take|took|taking|takes|grab|grabbed|grabbing|grabs) (a|an|the|) (deputy's|officer's|trooper's"
    "|guard's|officers') (gun|weapon|firearm|taser|service weapon|holster)",
    "(fires|fire) (a|the|his|her|their|) (gun|pistol|rifle|shotgun|handgun|firearm|weapon|shots|rounds) (in"
    "|inside|into|at|from|out|toward|towards)",
)
_SHOT_FROM = (
    "shot (at from|from|by stray|by a stray) (across|inside|behind|outside|a|an|the|bullet|round)",
)

_FIREWORKS_WEAPON = _fireworks(
    _SETTING_OFF[0], _heard("gun shots|gunshots|gun shot|gunshot|shots|shots fired|shots heard|gunfire"),
    "(was|were|got|get|been|being|)",
)
_FIREWORKS_VIOLENCE = _fireworks(
    _SETTING_OFF[1], _heard("gun shots|gunshots|gunshot|shots|shots fired|gunfire"),
    "(was|were|got|been)",
)
GUNFIRE_WEAPON = (
    *_NOT_GUNFIRE, *_FIREWORKS_WEAPON, *_FIREWORK_AT, *_SHOT_HEADLINE, *_SHOT_ROLE, *_SHOT_FROM,
)
GUNFIRE_VIOLENCE = (
    *_NOT_GUNFIRE, *_FIREWORKS_VIOLENCE, *_FIREWORK_AT_VIOLENCE, *_ACCIDENTAL, *_SELF_SHOT, *_SHOT_HEADLINE,
    *_SHOT_ROLE, *_STRUCK_BY, *_WENT_OFF, *_KILLED, "shootings", *_DRAWN, *_SHOT_FROM,
)
# Per source, for the vocabulary's ADDED lists.
SOURCED: dict[str, dict[str, tuple[str, ...]]] = {
    "weapon": {
        "CPSC-FW": (*_FIREWORKS_WEAPON, *_FIREWORK_AT),
        "K12-SSDB": (*_SHOT_HEADLINE, *_SHOT_ROLE, *_SHOT_FROM),
        "MW-SHOT": _NOT_GUNFIRE,
    },
    "violence": {
        "CPSC-FW": (*_FIREWORKS_VIOLENCE, *_FIREWORK_AT_VIOLENCE), "NVDRS-UF": (*_ACCIDENTAL, *_WENT_OFF),
        "K12-SSDB": (
            *_SELF_SHOT, *_SHOT_HEADLINE, *_SHOT_ROLE, *_STRUCK_BY, *_KILLED, "shootings", *_SHOT_FROM,
        ),
        "CA-PC-3": _DRAWN,
        "MW-SHOT": _NOT_GUNFIRE,
    },
}
