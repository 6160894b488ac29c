"""Weapon and violence, phase 7: the road and the records (round 8 of the real-text set, police call
notes, a campus crime log and line-of-duty-death descriptions, read after its one measurement: tuned
on). Each family names a kind of wording from a published definition, never one text's words.

Sources (tags in service.screening.vocab):
- [NIBRS] FBI NIBRS User Manual, data element 13 "Type Weapon/Force Involved", code 35 motor
  vehicle/vessel: a vehicle driven on purpose at or into a person is a weapon, and the act an
  aggravated assault (13A); LEOKA counts officers assaulted with vehicles the same way.
- [MMUCC] NHTSA's Model Minimum Uniform Crash Criteria, 5th edition: a motor vehicle in transport
  striking a pedestrian, a person at work on the road (C17 first harmful event; P5 non-motorist
  action "working in the roadway") or another vehicle is a crash, not violence, unless it was done
  on purpose (then the NIBRS family above reads it).
  Its driver element "Driver Actions at Time of Crash" (failed to yield, ran a red light or stop sign,
  wrong side or wrong way, failed to keep in proper lane, swerved, over-correcting, lost control)
  names what a driver did before the vehicle "struck him": the striking is then the crash's.
- [CA-PC-2] California Penal Code 148(a)(1) resisting, delaying or obstructing an officer and 273d
  corporal injury to a child, as CAD notes write them with a space or a subdivision ("273 D PC",
  "148(a) PC"; leginfo.legislature.ca.gov).
- [NIBRS] Intimidation (offence 13C): "to unlawfully place another person in reasonable fear of
  bodily harm through the use of threatening words and/or other conduct", which includes threats
  received by telephone, text or electronic message; Texas Penal Code 42.07 (harassment by
  threatening electronic communications) names the same act.
- [APCO-10] 10-56 / 10-56A suicide / attempted suicide: threats of suicide are not violence.
- [R8-GUIDE] Round 8's ruling R5 (with round 1's addendum 1 and round 7 R13): any object thrown at a
  person or used to strike one is a weapon, however soft; and the round-1 guide's hedged gunfire:
  sounds heard that may be shots ("heard popping sounds", "several pops") are a hedged weapon and
  hedged violence, as police call types name them (APCO ANS 2.103 "Shots Fired").
- [STATE-PC] Texas Penal Code 32.31 "credit card or debit card abuse" is a fraud, not abuse of a
  person; "Physical Plant", physical fitness tests and physical training name no violence.

Phase 8 (round 9's test half, police and campus logs, read after its one measurement: tuned on):
- [CA-PC-2] California Penal Code sections of offences against persons as arrest and warrant notes
  write them, the code letters glued on ("273.5pc") or spaced: 203 mayhem, 205 aggravated mayhem,
  212.5 robbery, 215 carjacking, 246 shooting at an inhabited dwelling, 262 spousal rape, 273.5
  corporal injury to a spouse or cohabitant, 286 / 287 / 289 sexual assaults, and 148(a) resisting an
  officer (read already when spaced) after an arrest or citation word (leginfo.legislature.ca.gov);
  for weapon, the Penal Code's firearm and weapon sections in the same forms: 246 and 246.3
  discharge at a dwelling or with gross negligence, 25400 concealed and 25850 loaded firearm carried,
  29800 / 29900 / 30305 firearm or ammunition held by a prohibited person, 21310 dirk or dagger,
  22210 billy or blackjack, 33215 short-barrelled rifle or shotgun.
- [NIBRS] Larceny from the person: 23A pocket-picking and 23B purse-snatching (NIBRS User Manual
  offence definitions), with California Penal Code 487(c) "grand theft ... from the person of
  another": property taken from a person, which the guides read as hedged violence (round 1's guide:
  hedged when no force is stated). The offence named with its means, as crime logs list them under
  the Clery Act's daily-log rule (34 CFR 668.46(f): the "nature" of each crime): "battery via punch",
  "battery by ..." (California Penal Code 242: any wilful and unlawful use of force upon a person).
  A threat named with a word of doubt or of kind ("potential threat", "verbal threat"): NIBRS 13C
  intimidation, hedged by the guide's word-of-doubt rule.
- [STATE-PC] Strangulation and suffocation as assault statutes name them: "impeding the normal breathing
  or circulation of the blood of the person by applying pressure to the person's throat or neck or by
  blocking the person's nose or mouth" (Texas Penal Code 22.01(b)(2)(B)).
- [NIBRS] Force by "personal weapons" (data element 13, code 40: hands, fists, feet, arms, teeth):
  a person knocked out or down by someone, thrown or slammed to the ground, dragged, elbowed, kneed,
  pummelled or bludgeoned, a swing taken at a person.
- [ICD-10-CM] Non-accidental trauma (T74.1 physical abuse, confirmed; T76.1 suspected): child or elder
  abuse as clinicians chart it; a sexual assault nurse examiner's or response team's examination (SANE,
  SART: the U.S. Department of Justice's National Protocol for Sexual Assault Medical Forensic
  Examinations), which follows a sexual assault.
- [NIBRS] Look-alikes: a pursuit by police ("troopers chased him": the Bureau of Justice Statistics'
  pursuit data count it as a vehicle pursuit, no assault) and a device's battery ("dead battery on the
  car": battery as an offence is force on a person, California Penal Code 242).
- [CAD-ABBR] UCW, unlawful carrying of a weapon (Houston Police Department radio terminology, as the
  RadioReference wiki lists it), beside CCW, carrying a concealed weapon, read already.
- [R7-GUIDE] Round 7's R8 reads a confrontation as hedged violence: a person "confrontational" with
  others is the same disposition; "non-confrontational" denies it.
- [STATE-PC] Aggressive panhandling or solicitation is a city-ordinance offence defined by asking again
  after a refusal, blocking a person's way or following them (Fort Worth City Code 30-16; Delray Beach
  Code 118.01; Prince William County Code 16-55): it names no violence by itself, so "aggressive" there
  is a look-alike.
"""

from __future__ import annotations

from service.screening.vocab.shared import PRON, REL

__all__ = ["ROAD_VIOLENCE", "ROAD_WEAPON", "SOURCED"]

# What strikes a person in a crash (MMUCC motor vehicle in transport and its parts and loads).
_MOVER = (
    "(car|cars|vehicle|vehicles|veh|motor vehicle|truck|trucks|tractor trailer|semi|semi truck|suv|van|bus"
    "|train|motorcycle|motorcyclist|motorist|pickup|taxi|snowplow|plow|excavator|forklift|trailer"
    "|construction equipment|equipment|drunk driver|impaired driver|driver|drivers|dump truck|tow truck)"
)
# What does the striking as the subject of the verb: the same, less the people behind the wheel (a
# driver, a motorist can strike a person with a fist).
_MACHINE = (
    "(car|vehicle|veh|truck|tractor trailer|semi|suv|van|bus|train|motorcycle|pickup|taxi|snowplow|plow"
    "|excavator|forklift|trailer|debris|dump truck|tow truck)"
)
# What a person was doing on or beside the road when struck (MMUCC P5 non-motorist actions).
_ROADWORK = (
    "(directing|conducting|investigating|assisting|removing|escorting|working|setting|helping|clearing"
    "|deploying|placing|putting|responding|standing|walking|crossing|changing|riding|jogging|running"
    "|monitoring|providing|making|performing|issuing|writing|approaching|at|on|during|near)"
)
# What a driver did before the vehicle struck someone (MMUCC driver actions at time of crash).
_ACTIONS = (
    "did not stop", "didn't stop", "failed to stop", "failed to yield", "failed to slow",
    "failed to move over",
    "crossed the center line", "crossed the centerline", "crossed the median",
    "drove the wrong way", "ran the red light", "ran a red light", "ran the stop sign", "ran a stop sign",
    "swerved", "overcorrected", "overcompensated", "veered", "skidded", "hydroplaned", "drifted",
)
_WHOM = f"({PRON[1:-1]}|{REL[1:-1]}|the rp|reporting party|the reporting party|pedestrian|pedestrians)"

_ON_PURPOSE = (
    # A person struck, run down or driven at on purpose (NIBRS code 35).
    "(intentionally|deliberately|purposely|purposefully|willfully|wilfully) (struck|strike|striking|hit"
    "|ran over|run over|ran down|run down|rammed|ramming|rams|drove into|drives into|driving into)",
    "(intentionally|deliberately|purposely|purposefully|willfully|wilfully) (drove|drives|driving|steered"
    "|accelerated) (his|her|their|the|a|a stolen) (vehicle|car|truck|veh|suv|van|pickup) (directly|straight"
    "|) (into|at|toward|towards)",
    f"(drove|drives|driving|steered|accelerated) (his|her|their|the|a) (vehicle|car|truck|veh|suv|van"
    f"|pickup) (directly|straight|) (at|toward|towards) (the|) {_WHOM}",
    f"(rammed|rams|ramming) into {_WHOM}",
    f"(ran|run|runs|running|forced|forcing|driven) {_WHOM} off (the|) road",
    "(was|were|been|being|got|almost|nearly|almost being) (ran|run|forced|driven) off (the|) road",
    "vehicular assault",
)
_CRASH = (
    f"~(was|were|been|being) struck and (killed|injured|fatally injured|critically injured) by (a|an"
    f"|the|another) (*|) (*|) (*|) {_MOVER}",
    f"~(was|were|been|being) struck and (killed|injured|fatally injured|critically injured) (while|when"
    f"|as|at|on|during) (a|the|) {_ROADWORK}",
    f"~(was|were|been|being) struck (from behind|head on|) by (a|an|the|another) (*|) {_MOVER}",
    f"~(was|were|been|being) (struck|hit) (from behind|head on) by (a|an|the|another) (*|) {_MOVER}",
    f"~{_MACHINE} (that|then|which|) (struck|hit|strikes|hits) {_WHOM}",
    f"~{_MACHINE} (was|were) (struck|hit)",
    f"~{_MACHINE} (*|) (*|) (*|) (and|then) (struck|hit|striking|hitting)",
    f"~({'|'.join(a + c for a in _ACTIONS for c in ('', ','))}) (*|) (*|) (*|) (*|) (and|then|before)"
    " (struck|hit|striking|hitting)",
    # Control of a vehicle, not of a temper ("lost control and hit her" stays violence).
    "~lost control of (the|his|her|their|a) (vehicle|car|veh|truck|suv|van|motorcycle|pickup|bus) (*|) (*|)"
    " (and|then|before) (struck|hit|striking|hitting)",
)
_RECORDS = (
    "273 d (pc|penal code)", "148 a (pc|penal code)", "148 a 1 (pc|penal code)",
    "(rec|recd|rec'd|received|receiving|receives|got|gets|getting) (a|an|another|several|multiple) threat*",
    # (a bare "threatening" would start at "thr", whose pattern is at PCRE2's size limit; "received
    # threatening ..." is read by violence.py's "received threat*")
    "(alarming and threatening|harassing and threatening|harassing or threatening) (electronic|text|phone"
    "|telephone|email|e mail|online|social media|voice|voicemail|) (message|messages|msg|msgs|text|texts"
    "|calls|call|emails|letter|letters|voicemail|voicemails|communication|communications)",
)
# Struck with or pelted by an object, or an object thrown into a face (R5); fines, charges and the
# body are no object.
_OBJECTS = (
    "(was|were|been|being|got|get|gets|getting) (struck|hit|pelted) with (a|an|the|some) (*|)",
    "~(was|were|been|being|got|get|gets|getting) (struck|hit) with (a|an|the|some) (fine|fines|charge"
    "|charges|citation|citations|ticket|tickets|lawsuit|bill|penalty|warrant|sudden|felony|misdemeanor)",
    # The body is no weapon (R5: fists and kicks; NIBRS code 40 "personal weapons" is force, not arms).
    "~(was|were|been|being|got|get|gets|getting) (struck|hit|pelted) with (a|an|the|some) (*|) (fist|fists"
    "|hand|hands|foot|feet|elbow|elbows|knee|knees|head|headbutt|palm|kick|kicks|punch|punches|slap)",
    "(threw|throws|thrown|throwing|tossed|tossing|splashed|splashing) (a|an|the|some|his|her|their) (*|)"
    " (*|) (*|) (*|) (into|in|at) (the|his|her|their|a) (face|faces|eyes)",
)
# Sounds that may be gunfire (nobody saw a gun), unless the same words say they were fireworks or a
# backfire (gunfire.py reads "shots fired, turned out to be fireworks" the same way).
_NOISES = ("pops", "popping sound", "popping sounds", "popping noise", "popping noises", "pop sounds")
_HEARD = "(heard|hear|hears|hearing) (*|) (*|)"
_POPS = (
    f"{_HEARD} ({'|'.join(_NOISES)})",
    f"~{_HEARD} ({'|'.join(n + c for n in _NOISES for c in ('', ','))}) (of|from|like|turned out to be"
    "|determined to be|believed to be|probably|likely|possibly|possible|which were|that were|were|was)"
    " (fireworks|firecrackers|a firework|a firecracker|backfire|a backfire|a car backfiring|construction"
    "|a nail gun)",
)
# A 415 (Penal Code 415: fighting, a loud quarrel or noise; the guides read it as hedged violence, and
# violence.py raises "a 415") that someone had: "husband/wife had 415".
_HAD_415 = ("(had|having) (a|) 415", "415 (btwn|between)")
_NOT_VIOLENCE = (
    "~(10 56|10 56a|suicide|suicidal|self harm) (threat|threats)",
    "~(credit card|debit card|card) abuse",
    "~physical (plant|fitness|training|education|test|tests|agility|ability|abilities|requirements"
    "|standards|science)",
)

# Phase 8: offences against persons as logs name them.
# Arrest, booking, citation and warrant wordings: a bare number after "for" is as often an address.
_CHARGED = (
    "arrested for|arrest for|booked for|booked|cited for|released for|warrant for|warrants for|charged with"
    "|charges of"
    "|viol|violating|violation of|in violation of"
)
_CA_SECTIONS = "(148|203|205|212.5|215|246|262|273.5|286|287|289)"
_PC_SECTIONS = (
    f"{_CA_SECTIONS}(pc|'d)", f"{_CA_SECTIONS} (pc|p c|penal code)",
    f"{_CA_SECTIONS}(a|b|c|e) (pc|p c|penal code)", f"{_CA_SECTIONS}(a|b|c|e)(pc)",
    f"({_CHARGED}) {_CA_SECTIONS}",
)
_ARMS_SECTIONS = "(246|246.3|25400|25850|29800|29900|30305|21310|22210|33215)"
_PC_ARMS = (
    f"{_ARMS_SECTIONS}(pc|'d)", f"{_ARMS_SECTIONS} (pc|p c|penal code)",
    f"{_ARMS_SECTIONS}(a|b|c|e) (pc|p c|penal code)", f"{_ARMS_SECTIONS}(a|b|c|e)(pc)",
    f"({_CHARGED}) {_ARMS_SECTIONS}",
)
_FROM_PERSON = (
    "theft from (a|the|) person", "(grand|petty|petit) theft (from the|from a|from|) person",
    "larceny from (a|the|) person", "purse snatch*", "pickpocket*", "pick pocket*", "pocket picking",
    "(battery|batteries|assault|assaults) (via|by means of)",
    "(potential|possible|alleged|credible|verbal|written|online|anonymous|implied|veiled) threat",
)
_CHOKED = (
    "strangulat*", "suffocat* (him|her|them|the victim|victim|his|her)",
    "(impeding|impeded|impede|impedes) (the|his|her|their|) (normal|) (breathing|breath|circulation)",
)
_BY_PERSON = (
    f"(a|an|the|another|two|three|unknown|an unknown|his|her|their|) ({REL[1:-1]}|suspect|suspects|susp"
    "|subj)"
)
_BLOWS = (
    f"knocked {PRON} (out|unconscious|down|to the ground)",
    "knocked (out|unconscious|down|to the ground) by " + _BY_PERSON,
    # ("threw" and "shoved" would start at "thr" and "sho", whose patterns are at PCRE2's size limit)
    f"(slammed|slams|body slammed|bodyslammed|tackled|pushed) {PRON} (to|onto|on|into) the (ground"
    f"|floor|pavement|concrete|sidewalk)",
    "(body slammed|bodyslammed|body slam|body slams)",
    f"(dragged|drags|dragging) {PRON} (by the hair|by his hair|by her hair|by the arm|by his arm|by her arm"
    f"|by the neck|across the|down the|out of the)",
    f"(elbowed|kneed|pummeled|pummelled|bludgeoned|headbutted|head butted) {PRON}",
    "(was|were|been|being|got) (elbowed|kneed|pummeled|pummelled|bludgeoned|headbutted|head butted)",
    "bludgeon*", "(took|take|takes|taking) (a|another) (swing|swings) at",
    # ... a vehicle that knocks a person down is a crash (MMUCC), as with "struck".
    f"~{_MACHINE} (that|then|which|) knocked {PRON} (out|unconscious|down|to the ground)",
)
_LAW_UNITS = (
    "(police|officer|officers|deputy|deputies|trooper|troopers|state troopers|agent|agents|police officers"
    "|units|squad|squads|pd)"
)
_LOOK_ALIKES_8 = (
    f"~{_LAW_UNITS} (chased|chasing|chase|chases|pursued|pursuing|pursue|pursues) {PRON}",
    f"~(chased|pursued) by {_LAW_UNITS}",
    "~(dead|overheated|overheating|car|vehicle|truck|phone|cell phone|laptop|lithium|spare|new|low)"
    " (battery|batteries)",
)
_ABUSE_CHARTED = (
    "non accidental (trauma|injury|injuries|head trauma|head injury)",
    "nonaccidental (trauma|injury|injuries|head trauma|head injury)",
    "(sane|sart) (exam|examination|nurse|kit|evidence)",
)
_CONFRONTING = ("confrontational", "!non confrontational")
_PANHANDLING = (
    "~(aggressive|aggressively|agressive|agressively) (panhandling|panhandler|panhandlers|panhandle"
    "|panhandled|soliciting|solicitation|solicitor|solicitors|begging|beggar)",
)

ROAD_WEAPON = (*_ON_PURPOSE, *_OBJECTS, *_POPS, *_PC_ARMS, "ucw")
ROAD_VIOLENCE = (
    *_ON_PURPOSE, *_CRASH, *_RECORDS, *_HAD_415, *_NOT_VIOLENCE, *_POPS,
    *_PC_SECTIONS, *_FROM_PERSON, *_CHOKED, *_CONFRONTING, *_PANHANDLING, *_BLOWS, *_ABUSE_CHARTED,
    *_LOOK_ALIKES_8,
)

SOURCED: dict[str, dict[str, tuple[str, ...]]] = {
    "weapon": {
        "NIBRS": _ON_PURPOSE, "R8-GUIDE": (*_OBJECTS, *_POPS), "CA-PC-2": _PC_ARMS, "CAD-ABBR": ("ucw",),
    },
    "violence": {
        "NIBRS": (*_ON_PURPOSE, *_RECORDS[3:]), "MMUCC": _CRASH, "CA-PC-2": (*_RECORDS[:3], *_HAD_415),
        "APCO-10": _NOT_VIOLENCE[:1], "STATE-PC": _NOT_VIOLENCE[1:],
        "R8-GUIDE": _POPS,
    },
}
# Phase 8's families join the sources' lists (the same phrases as in ROAD_VIOLENCE).
_PHASE8 = {
    "CA-PC-2": _PC_SECTIONS, "NIBRS": (*_FROM_PERSON, *_BLOWS[:-1], *_LOOK_ALIKES_8), "MMUCC": _BLOWS[-1:],
    "ICD-10-CM": _ABUSE_CHARTED, "R7-GUIDE": _CONFRONTING,
    "STATE-PC": (*_CHOKED, *_PANHANDLING),
}
for _source, _phrases in _PHASE8.items():
    SOURCED["violence"][_source] = (*SOURCED["violence"].get(_source, ()), *_phrases)
