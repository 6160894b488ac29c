"""Crime in progress: non-violent crime happening now or just now, including violence against
property (breaking windows, smashing things), which is not violence against a person.

The first tuple is the vocabulary as it stood before issue #17; ADDED holds what issue #17 added.
"""

from __future__ import annotations

__all__ = ["ADDED", "CRIME"]

_BEFORE = (
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
    "conceal* (items|merchandise|it)",
     "(suspect|someone|somebody|intruder|he|she|they) (is|are|) still inside",
    "(door|window|back door|front door) (kicked in|pried|pried open|forced open)",
    "demand* (money|cash|the money)", "demand* (her|his|their|your|my) (purse|wallet|phone|money|keys|bag)",
    "(give|hand over) (him|her|them|me|us) (money|cash|the money|your money)",
    "(give|hand over) (him|her|them|me|us|) (her|his|their|your|my) (purse|wallet|phone|money|keys|bag)",
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

ADDED: dict[str, tuple[str, ...]] = {
    # Violence against property, named in issue #17's misses ("breaking windows", "smashing").
    "CAD-ABBR": (
        "b/e", "b&e", "b & e", "breaking and entering",
        (
            "(smashing|smashed|smashes|smash|breaking|broke|busting|busted|bashing|kicking in|kicked in"
            "|throwing"
            "|threw) (the windows|windows|a window|the window|car windows|mailboxes|mailbox|up the place"
            "|up the car"
            "|property)"
        ),
        "smashing",
        "(slashing|slashed|slashes|slash) (tires|tyres|the tires|his tires|her tires)",
    ),
}

CRIME = (*_BEFORE, *(p for phrases in ADDED.values() for p in phrases))
