"""zvh-wgs: the WGS rules and case-processing API for the Zorg- en Veiligheidshuizen."""

API_VERSION = "1.0.0"
