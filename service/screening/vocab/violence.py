"""violence"""

from __future__ import annotations

from service.screening.vocab.shared import BODY, DET, HURT_VERBS, NOT_WEAPON, PRON, REL

__all__ = ["VIOLENCE"]

VIOLENCE = (
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
    "s/i h/i", f"{HURT_VERBS} {PRON}", f"{HURT_VERBS} {DET} {REL}", f"{HURT_VERBS} {REL}",
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
    f"(threw|throws|throwing|thrown) * (at|on) {PRON}",
    f"(threw|throws|throwing|thrown) * * (at|on) {PRON}",
    "hit in the (face|head|mouth|eye|nose|jaw|chest|stomach|back)",
    (
        "(been|being|was|got|get|getting) (hit|punched|kicked|slapped|beaten|beat up|assaulted|attacked"
        "|jumped|mugged|robbed|choked)"
    ),
    "(swing*|swung|throwing|threw|throws) (his|her|their|) (fists|fist|punches|hands)", "throwing hands",
    "(throw*|threw) (things|stuff|objects|rocks|bricks|stones|bottles|chairs|furniture|punches) at",
    "(threw|throws|throwing|thrown) (a|an|the|his|her) * at",
    "(brandish*|wav*|point*|aim*|swing*|swung) (a|an|the|his|her|their) * at",
    "~threat* (of|to commit) suicide", *NOT_WEAPON, f"~hurt (his|her|their|my) {BODY}",
    "~(hit|hitting|bumped|bumping) (his|her|their|my) head",
    (
        "~(been|being|was|got|get|getting|hit) hit by (a|an|the) (car|vehicle|truck|bus|train|bike|bicycle"
        "|motorcycle|van|suv|ball)"
    ),
    "~physical* (disab*|therapy|handicap*|exam*|limitation*|health)",
)
