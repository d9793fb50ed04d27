"""A disclosure to a third party (art. 1.7 WGS): where its decision stands."""

from enum import StrEnum


class Derdenverstrekkingsstatus(StrEnum):
    WACHT_OP_INSTEMMING = "wacht-op-instemming"
    VERSTREKT = "verstrekt"
    GEWEIGERD = "geweigerd"
