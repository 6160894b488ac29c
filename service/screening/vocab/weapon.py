"""weapon"""

from __future__ import annotations

from service.screening.vocab.shared import BLUNT, NOT_WEAPON, SWUNG

__all__ = ["WEAPON"]

WEAPON = (
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
    f"(with|w/|has|had|holding|carrying|grabbed|got) (a|an|the|his|her|) {BLUNT}",
    f"(swinging|swung|waving|wielding|brandishing|threatening*) (a|an|the|his|her|) {SWUNG}",
    "hit (him|her|me|them|someone|somebody|people) with (a|an|the|his|her)",
    "(something|hand|hands|reaching|reached) in (his|her|their|the) waistband",
    "bulge in (his|her|their) (jacket|pocket|waistband|coat|hoodie)",
    "(anything|something) on (him|her|them)",
    "!unarmed", "!un armed", *NOT_WEAPON,
)
