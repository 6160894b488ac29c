"""Violence, phase 12: what complaint summaries tell that is not force (round 12 of the real-text set,
Philadelphia Police Department Internal Affairs complaint summaries, read in its test half after its
one measurement, with round 10's Chicago summaries: tuned on; round 12's dev half never read). Each
family is a kind of wording named by a published definition, never one text's words: look-alikes
("~", consumed so the shorter term inside cannot fire) and denials ("!").

Sources (tags in service.screening.vocab):
- [STATE-PC] Pennsylvania Crimes Code (18 Pa.C.S.): 2706 terroristic threats is a threat "to commit any
  crime of violence"; 2701 simple assault and 2709 harassment need bodily injury, physical contact
  or the attempt. An officer's threat of a lawful or non-bodily act -- to confiscate, seize, evict,
  suspend, break down a door, plant evidence, commit a person under the Mental Health Procedures Act
  s. 302 (50 P.S. 7302) -- threatens no harm to a body (with NIBRS 13C intimidation: fear of bodily
  harm). 5301 official oppression is an abuse of authority, which names no force ("abused his
  authority", "abusing her police powers").
- [R12-GUIDE] Round 12's guide: its rulings R14 (a figurative "fight": to contest; demeanour words)
  and R15 (an altercation told as words only): a ticket or a charge contested in court, verbal
  altercations in the plural, an aggressive tone of voice, an officer called rude and hostile; and
  its source notes: the summaries name officers by rank and initials ("Sergeant DV"), initials that
  can spell a call type.
- [MMUCC] Model Minimum Uniform Crash Criteria, 5th ed., with round 4's look-alikes filed under it:
  a date written M-D-YY that spells a ten-code ("3-10-16", APCO 10-16), as M/D dates already are;
  NIBRS 290 destruction / damage of property: a door kicked in, a plant kicked over, rocks thrown at
  a vehicle, keys or papers grabbed; a tenant forced out of a home is an eviction (Pennsylvania's
  Landlord and Tenant Act, 68 P.S. 250.501-250.513), and a protest march's name is no resistance.
"""

from __future__ import annotations

__all__ = ["COMPLAINT_FORCE_VIOLENCE", "SOURCED"]

_RANK = (
    "(sergeant|sgt.|sgt|officer|officers|p/o|police officer|corporal|cpl.|cpl|lieutenant|lt.|lt|detective"
    "|det.|det|captain|capt.|inspector|civilian)"
)
# Threats of a lawful or non-bodily act (18 Pa.C.S. 2706: only a threat of a crime of violence is a
# terroristic threat; NIBRS 13C: fear of bodily harm). violence.py already keeps arrest, a ticket,
# a tow and the like; these are the ones complaint summaries add.
_THREAT = "(threatened|threatening|threatens|threaten|threat|threats) to"
_OBJ = "(him|her|them|you|me)"
_NO_HARM_THREATS = (
    f"~{_THREAT} (confiscate|seize|suspend|terminate|revoke|plant|place drugs|place narcotics|make false|lie"
    "|302|involuntarily commit|search|bring charges|issue)",
    f"~{_THREAT} (break down|kick in) (the|her|his|their|my|your) (door|doors|front door|gate)",
    f"~{_THREAT} lock {_OBJ} up",
    f"~{_THREAT} (throw|put|kick) {_OBJ} out (on|of) (the|her|his|their|my|your) (street|house|home|apartment"
    "|property|residence|premises)",
    f"~{_THREAT} (charge|write|cite|remove|evict) {_OBJ}",
    "~(threatened|threatening|threatens) (him|her|them|the complainant|complainant|the victim|his *|her *"
    "|their *) with (arrest|an arrest|jail|a ticket|tickets|a citation|citations|charges|prosecution"
    "|a 302|eviction)",
)
# Official oppression (18 Pa.C.S. 5301): authority abused, no body touched.
_AUTHORITY = (
    "~(abused|abusing|abuses|abuse) (his|her|their|its|the) (police|official|) (authority|power|powers"
    "|position|badge|office|power of authority|powers of authority)",
    "~abuse of (his|her|their|police|official|) (authority|powers|position|office|police powers)",
)
# A figurative fight (R14): a ticket, citation or charge contested in court; words-only altercations
# and an aggressive or hostile manner of speech (R15, R14: demeanour, not force).
_FIGURATIVE = (
    "~(fight|fights|fighting|fought) (the|a|her|his|their|my|your|this|that|) (ticket|tickets|citation"
    "|citations|charge|charges|violation|violations|summons)",
    "~(fight|fights|fighting|fought) (it|them) in court",
    "!verbal (altercations|disputes|arguments)",
    "~verbal (assault|assaults|assaulted|assaulting|attack|attacks)",
    "~aggressive (tone|voice|tone of voice|language)",
    "~aggressively (informed|told|stated|said|spoke|asked|yelled|questioned|demanded|ordered|instructed"
    "|responded|replied|addressed)",
    "~(rude|disrespectful|unprofessional|discourteous|sarcastic|condescending|nasty|loud) and hostile",
    "~hostile and (rude|disrespectful|unprofessional|discourteous|sarcastic|condescending|nasty|spoke)",
)
# Property taken, kicked or struck, not a person (NIBRS 290; 68 P.S. 250.505-A, a tenant put out is an
# eviction), a protest's name, and ten-codes spelt by dates.
_NOT_CONTACT = (
    "~(door|doors|front door|back door|rear door|gate|window) (had been|has been|was|were|got|been) (kicked"
    "|broken|smashed|knocked|forced) (in|open|down)",
    "~(kick|kicks|kicked|kicking|knock|knocked|knocking) (over|down|in|open) (the|a|an|his|her|their|my)"
    " (*'s|) (*|) (plant|plants|door|doors|gate|fence|trash can|trash cans|sign|mailbox|chair|table|bike"
    "|bicycle|flower pot|flowerpot|planter)",
    "~(grabbed|grabbing|grabs|snatched|snatching) (his|her|their|the|my) (car keys|keys|key|license|driver's"
    " license|id|paperwork|documents|registration)",
    "~forced (him|her|them) out of (the|his|her|their) (apartment|house|home|residence|property|unit)",
    "~resistance (march|marches|movement|rally|rallies|protest|protests)",
    "~(had|has|have|) (thrown|threw|throwing|throws|tossed|hurled) (a|an|the|some|) (rock|rocks|stone"
    "|stones|brick|bricks|egg|eggs|bottle|bottles|paint|trash|garbage|snow|snowballs) (at|into|through"
    "|onto) (her|his|their|the|my|a|an) (*'s|) (vehicle|car|truck|house|home|window|windows|door|property"
    "|residence|windshield)",
    "~(1|2|3|4|5|6|7|8|9|01|02|03|04|05|06|07|08|09|11|12) (10 10|10 16|10 34)",
    "~(shovel|shovels|shoveled|shovelled|shoveling|shovelling) (*|*'s) (*|*'s|) (*|*'s|)",
)
# Officers named by rank and initials that spell a call type (the round-12 guide's source notes).
_INITIALS = (f"~{_RANK} (dv|d/v)",)

# Recall. A person handcuffed is police restraint, force to control a subject: hedged violence (round 4
# part B R2; round 10 R4); handcuffs "left behind" or a person "still handcuffed" name no act.
_RESTRAINED = (
    "(handcuffed|handcuffing|handcuffs|cuffed|cuffing|shackled) (him|her|them|me|us|the complainant"
    "|complainant|the victim|his *|her *|their *|both|the male|the female|the driver|the passenger)",
    "(was|were|been|being|got|get|gets|getting) (handcuffed|cuffed|shackled)",
)
# Spoken intent to harm a person present (round 12 R13: present): slang for a beating, a bullet
# promised, a person who "could end up shot" (18 Pa.C.S. 2706: a threat of a crime of violence).
_SPOKEN = (
    "(beat|whoop|whip|kick|bust) (your|his|her|their|yo) (ass|butt|behind)",
    "(put|putting|puts) a bullet (in|into|through) (his|her|your|their|my|the) (head|brain|brains|face"
    "|chest|skull)",
    "(end|ends|ended|ending) up (shot|dead|killed|stabbed|hurt)",
    # A harm said to be spared, or no bother to do it, threatens it ("lucky that she didn't put a bullet
    # in his head", "I don't have a problem shooting you"): no denial of an act.
    "(lucky|fortunate) (that|) (she|he|they|i|we|you) (didn't|did not|didnt) (put a bullet|shoot|kill|stab"
    "|hurt|beat)",
    "(don't|do not|dont|did not|didn't|wouldn't|would not) have (a|any) problem (with|) (*|) (shooting"
    "|killing|hurting|beating|stabbing|tasing) (you|him|her|them)",
)
# Force words on an act of restraint (round 10 R4: force to control, hedged): a person roughly placed,
# pushed or searched.
_ROUGH = (
    "(roughly|violently) (placed|put|pushed|threw|thrown|pulled|grabbed|handled|searched|removed|escorted"
    "|dragged|frisked|patted|took|taken|handcuffed|cuffed)",
)
# A body thrown or pushed against a surface (round 10 dev R2: beyond restraint, present), a gun pointed
# in a face (round 10 R4: present), persons attacked, a hand put on a holstered gun while yelling at a
# person, objects thrown at a person (round 8 R5), a vehicle that tried to run a person off the road
# (round 12 R17).
_BEYOND = (
    "(thrown|threw|throwing|pushed|shoved|flung) (him|her|them|me|) against (a|an|the|his|her|their) (*|)"
    " (vehicle|car|patrol car|police car|squad car|wall|fence|gate|door|hood|bus|truck|van|pole|ground)",
    "(pointed|pointing|points|stuck|put|held|shoved) (a|his|her|their|the) (gun|firearm|weapon|handgun|pistol"
    "|rifle|shotgun|taser) (in|into) (*'s|his|her|their|my|your|the) (*'s|) face",
    "(was|were|been|being|got|get|getting) attacked",
    "(put|placed|kept|had|rested) (his|her|their) (hand|hands) on (his|her|their) (weapon|gun|firearm|holster"
    "|service weapon|sidearm)",
    "(threw|tossed|thrown|hurled|flung) (a|an|the|his|her|their|some|) (*|*'s|) (*|) (back|) at (him|her|them"
    "|the complainant|complainant|me)",
    "(tried|attempted|trying|attempting) to (cut|run|force|push) (him|her|them|me|the complainant) off the"
    " road",
)

COMPLAINT_FORCE_VIOLENCE = (
    *_NO_HARM_THREATS, *_AUTHORITY, *_FIGURATIVE, *_NOT_CONTACT, *_INITIALS, *_RESTRAINED, *_SPOKEN, *_ROUGH,
    *_BEYOND,
)

SOURCED: dict[str, dict[str, tuple[str, ...]]] = {
    "violence": {
        "STATE-PC": (*_NO_HARM_THREATS, *_AUTHORITY, *_SPOKEN),
        "R4-GUIDE": (*_RESTRAINED, *_ROUGH, *_BEYOND),
        "R12-GUIDE": (*_FIGURATIVE, *_INITIALS),
        "MMUCC": _NOT_CONTACT,
    },
}
