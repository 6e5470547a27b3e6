"""The stage vocabulary the tracker ships with (STAGES.md). Its slugs never change."""

from typing import NamedTuple


class Stage(NamedTuple):
    slug: str
    name: str
    order: int
    track: str
    is_final: bool
    description: str


SHIPPED_STAGES: tuple[Stage, ...] = (
    Stage(
        "rumoured",
        "Rumoured",
        10,
        "agreement",
        False,
        "Reports of a possible deal rest on unnamed sources or speculation, or the parties "
        "decline to comment or deny it.",
    ),
    Stage(
        "talks",
        "Preliminary talks",
        20,
        "agreement",
        False,
        "The parties are in exploratory or early talks, or one of them has signalled "
        "willingness or interest.",
    ),
    Stage(
        "negotiating",
        "Negotiating",
        30,
        "agreement",
        False,
        "Formal negotiations are under way: rounds are held or a working group meets.",
    ),
    Stage(
        "framework",
        "Agreed in principle",
        40,
        "agreement",
        False,
        "The parties have a framework, memorandum of understanding, letter of intent, "
        "interim pact or joint statement, but nothing binding is signed yet.",
    ),
    Stage(
        "signed",
        "Signed",
        50,
        "agreement",
        False,
        "A binding agreement, contract or the definitive documents have been signed.",
    ),
    Stage(
        "in_force",
        "In force",
        60,
        "agreement",
        False,
        "The agreement is ratified, approved by regulators or parliament, has entered into "
        "force, or the deal has closed.",
    ),
    Stage(
        "implemented",
        "Implemented",
        70,
        "agreement",
        True,
        "The agreement is being delivered: construction has started, a plant operates, the "
        "first shipment has left or the obligations are met.",
    ),
    Stage(
        "threatened",
        "Threatened",
        10,
        "measure",
        False,
        "A government has threatened, proposed or announced the measure, but it is not yet "
        "in effect.",
    ),
    Stage(
        "imposed",
        "Imposed",
        20,
        "measure",
        False,
        "The measure is in effect: imposed, raised or signed into force.",
    ),
    Stage(
        "stalled",
        "Stalled",
        100,
        "both",
        False,
        "No progress: hurdles are reported or talks drag on.",
    ),
    Stage(
        "suspended",
        "Suspended",
        110,
        "both",
        False,
        "A party has formally paused the talks, the implementation or the measure.",
    ),
    Stage("collapsed", "Collapsed", 120, "both", True, "Talks ended without a signed agreement."),
    Stage(
        "cancelled",
        "Cancelled",
        130,
        "both",
        True,
        "A signed agreement was withdrawn or terminated.",
    ),
    Stage("lifted", "Lifted", 140, "both", True, "The measure was removed, revoked or expired."),
)
