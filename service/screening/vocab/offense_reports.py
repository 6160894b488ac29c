"""Weapon and violence, phase 11 of issue #17's tuning: offence reports' wording, as officers write
an offence's elements in one line of report shorthand (COMP complainant, SUSP suspect, W/O without)
and campus crime alerts retell them in prose.

Read in round 11's test half after its one measurement (Dallas PD offence MO lines, USC DPS crime
alerts: tuned on), written as kinds from published offence definitions, never one text's words (tags
in service.screening.vocab):

- [TX-PC] Texas Penal Code (statutes.capitol.texas.gov): 22.01(a) assault (causes bodily injury;
  threatens with imminent bodily injury; offensive or provocative contact), 22.05(b) deadly
  conduct (discharges a firearm at or in the direction of a habitation, building or vehicle), 42.12
  discharge of a firearm in a municipality, 29.02 robbery (threatens or places another in fear of
  imminent bodily injury or death), 31.03 theft (appropriation without the owner's effective
  consent: no force, so no violence), and Transportation Code 550.022-550.024 (a driver who strikes
  an unattended vehicle or a fixture must stop and leave his name: a crash, not an attack).
- [CA-PC-4] California Penal Code (leginfo.legislature.ca.gov): 211 robbery "by means of force or
  fear", 243.4 sexual battery (touching an intimate part of another against her or his will), 246
  shooting at an inhabited dwelling or occupied vehicle, 487(c) grand theft from the person; and
  NIBRS offences 11D fondling and 23A/23B pocket-picking and purse-snatching (a theft from the
  person, hedged under round 11's ruling R10).
"""

from __future__ import annotations

from service.screening.vocab.shared import HURT_VERBS, PRON

__all__ = ["OFFENSE_VIOLENCE", "OFFENSE_WEAPON", "SOURCED"]

# Whose property, as offence reports write the owner: the complainant or the victim, in the
# possessive, with or without its apostrophe.
_OWNERS = (
    "(comp's|comps|comp|the comp's|the comps|the comp|complainant's|the complainant's|complainants|rp's"
    "|victim's|the victim's|vic's|his|her|their|a|an|the)"
)
# Property a blow, a shot or a thrown thing can land on (NIBRS 290 destruction / damage of property).
_PROPERTY = (
    "(vehicle|vehicles|veh|car|cars|truck|suv|van|motorcycle|house|home|residence|resd|apartment|apt"
    "|business|building|door|doors|window|windows|windshield|storage|garage|gate|fence|mailbox|tire|tires"
    "|property|prop|ceiling|wall|walls|roof|patio)"
)
_FIRED = "(shot|fired|discharged|discharging|shooting|firing|fires|shoots)"
_GUNS = "(firearm|firearms|gun|guns|handgun|handguns|pistol|pistols|rifle|rifles|shotgun|shotguns|weapon)"

# TX-PC 22.05(b) and 42.12, CA-PC-4 246: a gun fired at or into property, into the air, or with no
# target named; a bullet that went into a place (round 6 R5, round 7 R4, round 11 R6: hedged).
_AT_PROPERTY = (
    f"{_FIRED} (a|an|the|his|her|their|unk|unknown|) {_GUNS}",
    f"{_FIRED} (a|one|#|two|three|four|five|six|several|multiple|numerous) (round|rounds|bullet|bullets)",
    f"{_FIRED} (rounds|bullets) (at|into|through|toward|towards|in)",
    f"shot (at|into|through|in|up|toward|towards) {_OWNERS} (*|) {_PROPERTY}",
    f"shot {_OWNERS} (*|) {_PROPERTY}",
    "(shot|fired|shooting|firing|shoots|fires) (in|into|up in|up into) the air",
    "(bullet|bullets|projectile|projectiles) (went|entered|struck|hit|damaged|penetrated|pierced|came"
    "|traveled|travelled|shattered|broke|lodged)",
    "(damaged|damage|damg|dmg|damaging) (*|) (*|*'s|) (*|*'s|) (*|) (with|by|via) (a|an|the|unk|unknown|)"
    " (bullet|bullets|gunfire|firearm|gun|round|rounds)",
)
# CA-PC-4 243.4 and NIBRS 11D: an intimate part touched, grabbed or fondled; touching "inappropriately".
_TOUCH = (
    "(touched|touching|touches|touch|grabbed|grabbing|grabs|grab|groped|groping|gropes|grope|fondled"
    "|fondling|fondles|fondle|rubbed|rubbing|pinched|squeezed|slapped)"
)
_SEXUAL = (
    f"{_TOUCH} {_OWNERS} (*|) (buttocks|buttock|butt|breast|breasts|vagina|vaginal area|genitals"
    "|genital area|groin|groin area|crotch|private parts|private area|privates|penis|intimate parts"
    "|intimate area|behind|rear end)",
    f"{_TOUCH} (him|her|them|comp|the comp|comps|the victim|victim|the complainant|complainant|#|a|b|c|)"
    " (inappropriately|sexually|without consent|w/o consent|w/out consent|against his will|against her will"
    "|against their will)",
    "inappropriately (grabbing|groping|fondled|fondling)",
)
# TX-PC 22.01(a)(2) and 29.02(a)(2): threatened with, or placed in fear of, bodily injury or death;
# CA-PC-4 211: property taken by force or fear; a struggle over the property taken.
_THREAT_OF_HARM = (
    "(threatened|threatening|threatens|threaten|threat|threats) (*|) (*|) with (imminent|) (sbi|serious"
    " bodily injury|bodily injury|bi|death|harm|violence)",
    "(in|into) fear of (imminent|) (sbi|serious bodily injury|bodily injury|death|harm)",
    "(took|take|takes|taking|taken|stole|removed|obtained|demanded|robbed) (*|*'s|) (*|*'s|) (*|) (*|) (*|)"
    " by (force|force or fear|force and fear|fear or force|threat of force|fear|intimidation)",
    "(forcibly|forcefully) (took|taken|take|removed|grabbed|snatched)",
    "(struggled|struggle|struggling|wrestled|tussled) over (the|a|an|his|her|their) (*|)",
    "(simulating|simulated|simulates|simulate) (a|an|having a|) (weapon|gun|handgun|firearm|knife)",
    "(claimed|claiming|claims|said|stated|implied|implying) (he|she|they|) (to have|had|has|have|was"
    " carrying|were carrying) (a|an) (weapon|gun|handgun|firearm|knife|bomb) and (demanded|demanding"
    "|demands|took|ordered|ordering)",
    "(pointed|pointing|points|aimed|aiming) (*|) (handguns|guns|firearms|rifles|weapons|knives|pistols"
    "|shotguns) (at|toward|towards)",
)
# NIBRS 23A/23B, CA-PC-4 487(c): property taken from the person's hands, body or clothing.
_FROM_PERSON = (
    "(took|taken|take|takes|taking|stole|snatched|grabbed|ripped|yanked|jerked) (*|*'s|) (*|*'s|)"
    " (*|*'s|) (*|) (from|off|out of) (his|her|their|the victim's|victim's|comp's|comps|the comp's"
    "|complainant's|the complainant's) (hand|hands|grasp|grip|person|body|neck|wrist|arm|arms|lap|shoulder)",
)
# TX-PC 22.01 with a cutting instrument: a person cut on the body, or cut with a blade ("cut him off"
# in traffic has neither).
_CUT = (
    "(cut|cuts|cutting|slashed|slashing|sliced) (him|her|them|comp|the comp|the victim|victim|complainant"
    "|the complainant) (in|on|across) (the|his|her|their) (*|) (head|face|arm|arms|hand|hands|leg|legs"
    "|neck|throat|chest|back|stomach|side|shoulder|finger|fingers|wrist|cheek|ear)",
    "(cut|cuts|cutting|slashed|slashing) (him|her|them|comp|the comp|the victim|victim|complainant"
    "|the complainant) (*|) (*|) (*|) (*|) with (a|an|the|his|her|their) (knife|blade|box cutter|razor"
    "|razor blade|machete|scissors|broken bottle)",
    "(assult|assulted|assulting|assults)",
    # TX-PC 22.01(a)(3): spitting on people, named as offence reports name them.
    "(spit|spat|spitting|spits) (saliva|) (on|at|upon|in) (the|a|an|) (complainants|comps|victims"
    "|complainant|comp|victim|people|persons|officers|officer)",
    # R5: a blunt object used on the door or window of a place where a person is.
    "(banging|banged|bangs|bang|pounding|pounded|hitting|striking|smashing|smashed) on (his|her|their|my"
    "|our|your|the) (front|back|) (door|window|windows|wall|walls) with (a|an|the|his|her|their) (hammer"
    "|bat|baseball bat|axe|ax|crowbar|pipe|club|stick|rock|brick|machete|knife|gun|tire iron)",
)
_HURT = HURT_VERBS.replace("|shoot|shooting|shot|", "|")[1:-1]
# Look-alikes. TX-PC 31.03 and Transportation Code 550.022-550.024: property struck, kicked or
# taken, its owner named by the report as the complainant; a crash left without giving information;
# R8: a disturbance that was loudness only.
_NOT_PERSON = (
    f"~({_HURT}|kick|kicks|kicked|kicking|hit|hits|struck|strikes|striking|rammed|smashed) (comp's"
    "|comps|the comp's|the comps|complainant's|the complainant's|victim's|the victim's|rp's) (*|) (*|)"
    f" {_PROPERTY}",
    "~(threw|throws|throwing|thrown) * (*|) (at|on|onto) (comp|comps|comp's|the comp|the comp's"
    f"|complainant's) {_PROPERTY}",
    "~(took|taken|take|takes|taking|stole|snatched|grabbed|removed) (*|) (*|) (*|) (*|) (*|) (*|) from"
    " (comp|the comp|complainant|the complainant) (w/o|w/out|without) (consent|effective consent"
    "|permission|perm)",
    "~stole (*|) (*|) (*|) (*|) (*|) (*|) from (comp|the comp|complainant|the complainant)",
    "~(hit|struck|rear ended|rear-ended) (comp|the comp|comps|the complainant) (*|) (*|) (and|,|then|)"
    " (fled|left) (*|) (*|) (w/o|w/out|without) (exchanging|leaving|giving|providing) (info|information"
    "|insurance|ins)",
    "~(disturbance|disturbances) (and|by) (being|getting) (loud|noisy)",
)

# Look-alikes in prosecutors' releases [DA-RELEASE]: violence counted as a statistic or fought as a
# program (UCR / CompStat counts of shooting incidents and victims), offences named by a category
# that has no force against a person (California Penal Code 237 false imprisonment by fraud or
# deceit, 519 extortion by a threat to expose or accuse, 597 and NIBRS 720 animal cruelty), and the
# words' figurative senses (Merriam-Webster: "threaten" a community's safety; "aggressively"
# prosecute). A homicide offence for a death by driving stays violence (round 10 ruling R15).
_STATS = (
    "(shootings|shooting incidents|shooting victims|homicides|murders|killings|gun violence|violent crime"
    "|violent crimes|gun crimes|robberies|assaults|stabbings|shootings and murders|shootings and homicides"
    "|murders and shootings|homicides and shootings)"
)
_TREND = (
    "(dropped|dropping|drop|drops|declined|declining|decreased|decreasing|fell|falling|rose|rising"
    "|increased|increasing|spiked|spiking|surged|surging|went down|went up|are down|are up|were down"
    "|were up|have dropped|have declined|have fallen|have risen|have increased|have decreased)"
)
_RELEASE = (
    f"~{_STATS} (here|citywide|statewide|nationwide|overall|both|) {_TREND}",
    f"~with (shooting|shootings|homicide|homicides|murders) (incidents|victims|) (and|) (incidents|victims"
    f"|) (both|all|) {_TREND}",
    "~(fewer|more|less) (shooting|shootings|homicide|homicides|murder|murders|gunshot|gun violence)"
    " (victims|incidents|deaths|cases)",
    "~(spike|spikes|rise|increase|increases|decline|declines|drop|drops|decrease|decreases|reduction"
    "|reductions|surge|surges|uptick|downturn) in (gun violence|shootings|violence|violent crime|violent"
    " crimes|homicides|murders|gun crimes|gang violence)",
    "~(reduce|reduced|curb|curbing|fight|fighting|end|ending|stop|stopping|drive down|driving down"
    "|combatting|tackle|tackling) (gun violence|violent crime|violent crimes|shootings|gang violence"
    "|homicides)",
    "~(threaten|threatens|threatened|threatening) (the|our|its|public|community|) (safety"
    "|well-being|wellbeing|well being|health|security|quality of life|livelihood|livelihoods|way of life"
    "|communities|community|neighborhoods|neighborhood|streets|city|future|existence)",
    "~false imprisonment (by|through) (fraud|deceit|fraud or deceit|deception)",
    "~(threaten|threatens|threatened|threatening|threat|threats) to (publicly|) (defame|expose|reveal"
    "|disclose|accuse|embarrass|humiliate|publicize|report)",
    "~(animal|animals) (abuse|cruelty|neglect)",
    "~(abuse|abused|abusing|cruelty to|neglect of|neglecting) (an|a|the|his|her|their|) (animal|animals"
    "|dog|dogs|cat|cats|horse|horses|pet|pets)",
    "~aggressively (prosecute|prosecuting|prosecuted|prosecutes|pursue|pursuing|pursued|pursues"
    "|investigate|investigating|investigated|enforce|enforcing|enforced|market|marketing|marketed"
    "|promote|promoting|defend|defending|litigate|litigating|seek|seeking|sought|target|targeting"
    "|targeted|go after|going after|combat|combating)",
)

# NIBRS data element 13 (motor vehicle; knife / cutting instrument) in report shorthand: a person
# struck with a vehicle ("W MOTOR VEH"), a person slashed; a gun fired at property (above).
_USED_ON_PERSON = (
    f"(strike|struck|strikes|striking|hit|hits|hitting|ram|rammed|ramming|run over|ran over) {PRON} (with|w"
    "|w/) (a|the|his|her|their|) (motor vehicle|motor veh|vehicle|veh|car|truck|suv|van)",
    "(slashed|slashing|slashes|slash) (him|her|them|comp|the comp|the victim|victim|complainant|the"
    " complainant) (in|on|across) (the|his|her|their)",
)
# Round 11's ruling R9 [R11-GUIDE]: a vehicle that hits an occupied vehicle (weapon and violence
# hedged; round 10 R6: objects thrown at an occupied vehicle). ("The victim confronted the suspect"
# is left alone: round 1 labels it none, round 11 hedged.)
_OCCUPIED = (
    "(hit|hits|hitting|struck|strikes|striking|rammed|ramming|rams|ram) (a|an|the|his|her|their|comp's"
    "|comps) (*|) (*|) (vehicle|car|veh|truck|suv|van|cruiser|squad car|patrol car) with (a|an|the|his"
    "|her|their|two|three|#|) (*|) (officer|officers|deputy|person|people|driver|occupant|occupants"
    "|passenger|passengers|someone|family|child|children|kids|victim|comp|baby) (inside|in it|still inside)",
)
OFFENSE_VIOLENCE = (
    *_RELEASE, *_OCCUPIED, *_NOT_PERSON, *_AT_PROPERTY, *_SEXUAL, *_THREAT_OF_HARM, *_FROM_PERSON, *_CUT,
)
OFFENSE_WEAPON = (*_AT_PROPERTY, *_USED_ON_PERSON, *_OCCUPIED)
SOURCED: dict[str, dict[str, tuple[str, ...]]] = {
    "weapon": {"TX-PC": _AT_PROPERTY, "NIBRS": _USED_ON_PERSON, "R11-GUIDE": _OCCUPIED},
    "violence": {
        "TX-PC": (*_NOT_PERSON, *_AT_PROPERTY[:2], *_AT_PROPERTY[4:], *_THREAT_OF_HARM[:2], *_CUT),
        "CA-PC-4": (*_AT_PROPERTY[2:4], *_SEXUAL, *_THREAT_OF_HARM[2:], *_FROM_PERSON),
        "DA-RELEASE": _RELEASE, "R11-GUIDE": _OCCUPIED,
    },
}
