"""The plan of approach of a case (model art. 8, 8a): how much of it a caller sees."""

from enum import StrEnum


class PlanWeergave(StrEnum):
    """`volledig`: het hele plan; `deelnemer`: de doelen en alleen uw eigen interventies;
    `opzet`: versie, casusregisseur en wie de betrokkene informeert, zonder inhoud."""

    VOLLEDIG = "volledig"
    DEELNEMER = "deelnemer"
    OPZET = "opzet"
