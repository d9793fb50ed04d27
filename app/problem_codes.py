"""The problem catalogue: every `code` the service can emit, with its Dutch meaning.

A code appears as a problem's `code` (and at the end of its `type` URN) or as the `code`
of an entry in `invalidParams`. The OpenAPI document publishes this table as the schema
`Probleemcode` (app/openapi.py), so a generated client gets an enum to compare with.

tests/unit/test_probleemcodes.py holds the table and the source together: it fails
when app/ emits a code that is not listed here, and when a code listed here is emitted
nowhere. To add a code: add one line `"de-code": "Betekenis in het Nederlands.",` to
the section it belongs to, keeping the section sorted.
"""

from collections.abc import Mapping

from app.schemas.vocabulaires import REDEN_UITLEG

PROBLEEMCODES: Mapping[str, str] = {
    # --- Authenticatie (401) -------------------------------------------------------
    "algoritme-niet-toegestaan": "Het token is niet met RS256 of ES256 ondertekend.",
    "claims-ongeldig": (
        "Een claim van het token is ongeldig: verkeerde uitgever (iss) of dienst (aud), nog "
        "niet geldig (nbf), of een eigen claim met een verkeerd type of een stuurteken."
    ),
    "claims-ontbreken": "Het token mist een verplichte claim (iss, aud, exp of iat).",
    "claims-wijken-af-van-register": (
        "Het deelnemertype of de status gezamenlijk verwerkingsverantwoordelijke in het token "
        "wijkt af van het register van het samenwerkingsverband."
    ),
    "crit-niet-ondersteund": (
        "De header van het token noemt met `crit` extensies; deze dienst ondersteunt er geen."
    ),
    "deelnemer-onbekend": (
        "De deelnemer is in dit samenwerkingsverband niet geregistreerd (als 401 bij de "
        "deelnemer in het token, als 400 bij een gekozen deelnemer)."
    ),
    "iat-in-toekomst": "Het token is volgens `iat` in de toekomst uitgegeven.",
    "levensduur-te-lang": (
        "Het token is langer geldig (exp − iat) dan de dienst toestaat "
        "(`ZVH_JWT_MAX_LIFETIME_SECONDS`, standaard 3600 seconden)."
    ),
    "niet-geauthenticeerd": "Er is geen geldig token.",
    "ondertekening-ongeldig": "De ondertekening van het token klopt niet.",
    "payload-geen-object": "De inhoud van het token is geen JSON-object.",
    "sleutel-onbekend": "Het token is ondertekend met een sleutel die de dienst niet vertrouwt.",
    "tijdclaim-geen-getal": "`exp`, `iat` of `nbf` is geen JSON-getal (bijvoorbeeld een tekst).",
    "token-onleesbaar": "Het token is geen leesbaar JWT.",
    "token-ontbreekt": "Er is geen token meegestuurd als `Authorization: Bearer <JWT>`.",
    "token-te-groot": "Het token is groter dan 8 KiB.",
    "token-verlopen": "Het token is verlopen (exp).",
    "zvh-onbekend": "Het samenwerkingsverband in het token bestaat niet.",
    # --- Autorisatie (403) en vindbaarheid (404) --------------------------------------
    "geen-informatieplicht": "De casus is niet toegelaten; er is geen informatieplicht.",
    "geen-plan-van-aanpak": "Voor deze casus is nog geen plan van aanpak vastgelegd.",
    "geen-toegang": "Het token is geldig, maar deze deelnemer of rol mag dit niet.",
    "methode-niet-toegestaan": "Deze HTTP-methode is op dit pad niet toegestaan.",
    "niet-gevonden": "De resource bestaat niet, of is niet zichtbaar voor deze deelnemer.",
    # --- Conflict met de huidige toestand (409) en verouderde versie (412) ------------
    "betrokkene-heeft-lopende-casus": "Voor deze persoon (zelfde BSN) loopt al een casus in "
    "dit samenwerkingsverband: één persoon, één bewaartermijn (art. 1.8 lid 7 WGS).",
    "betrokkenen-al-geinformeerd": (
        "Dat de betrokkenen over dit datalek zijn geïnformeerd, is al vastgelegd."
    ),
    "datalek-al-beoordeeld": "Dit datalek is al beoordeeld.",
    "datalek-al-gemeld": "Dit datalek is al aan de Autoriteit Persoonsgegevens gemeld.",
    "datalek-niet-beoordeeld": "Dit datalek is nog niet beoordeeld.",
    "datalek-niet-meldplichtig": "Het datalek is (nog) niet als meldplichtig beoordeeld.",
    "geen-uitzondering-art-41": (
        "Er geldt geen uitzondering van art. 41 UAVG die kan worden opgeheven."
    ),
    "maximale-bewaardatum-verstreken": "De maximale bewaardatum van de casus is verstreken: "
    "heropenen kan niet meer (art. 1.8 lid 7 WGS).",
    "al-ondertekend": "De geheimhoudingsverklaring is al ondertekend.",
    "casus-al-geplaatst": "De casus staat al op deze prioriteringslijst.",
    "casus-gearchiveerd": "De casus is gearchiveerd en geanonimiseerd.",
    "casus-niet-in-behandeling": "De casus heeft niet de status die deze handeling vraagt.",
    "casus-niet-toegelaten": (
        "Plaatsing op een prioriteringslijst vraagt een casus die op de criteria van "
        "art. 2.20 BGS is toegelaten."
    ),
    "casus-nog-niet-toegelaten": "De casus is nog niet bij de intake toegelaten.",
    "conflict": "Het verzoek botst met de huidige toestand van de resource.",
    "criteria-niet-voldaan": (
        "De feiten voldoen niet aan de objectieve criteria van de lijst (art. 2.32 lid 2 WGS)."
    ),
    "deelnemer-bestaat-al": "Deze deelnemer is al geregistreerd.",
    "geen-conceptversie": "Er is geen conceptversie om te publiceren.",
    "gelijktijdige-correctie": "Een gelijktijdige correctie ging voor; probeer het opnieuw.",
    "informatieplicht-al-afgehandeld": "De informatieplicht is al afgehandeld.",
    "niet-aan-derden": (
        "Een onderdeel mag volgens de voorwaarden van de verstrekker niet aan derden worden "
        "verstrekt (art. 2.29 lid 3, art. 1.7 WGS)."
    ),
    "instemming-al-gegeven": "Op dit verzoek om instemming is al geantwoord.",
    "lijst-ingetrokken": "De prioriteringslijst is ingetrokken.",
    "lijst-niet-gepubliceerd": "De prioriteringslijst heeft nog geen gepubliceerde versie.",
    "naam-bestaat-al": "Er bestaat al een prioriteringslijst met deze naam.",
    "ongeldige-statusovergang": "Deze statusovergang is in de huidige status niet toegestaan.",
    "plaatsing-al-verwijderd": "Deze plaatsing is al beëindigd.",
    "reacties-ontbreken": (
        "Nog niet iedere betrokken deelnemer reageerde op het verzoek (art. 14.3 bestuurlijke afspraken)."
    ),
    "sleutel-in-gebruik": "Een gelijktijdig verzoek met dezelfde Idempotency-Key liep al.",
    "termijn-verstreken": (
        "De termijn is verstreken; verlengen kan alleen binnen de eerste maand (art. 12 lid 3 AVG)."
    ),
    "verouderde-versie": "De meegestuurde `If-Match` is verouderd (412).",
    "verzoek-al-besloten": "Op dit verzoek van een betrokkene is al besloten.",
    "verzoek-al-verlengd": (
        "De termijn van dit verzoek is al eens verlengd (art. 12 lid 3 AVG: eenmaal)."
    ),
    # --- Verzoek als geheel (413, 415, 431, 500, 503) ---------------------------------
    "database-onbereikbaar": "De database is niet bereikbaar (503, gereedheid).",
    "database-niet-gemigreerd": "De database is nooit gemigreerd (503, gereedheid).",
    "database-niet-actueel": "De database staat op een oudere migratie dan deze versie verwacht "
    "(503, gereedheid).",
    "database-nieuwer": "De database is door een nieuwere versie gemigreerd (503, gereedheid).",
    "metrics-niet-toegestaan": "Deze client mag /metrics niet lezen: niet vanaf een toegestaan "
    "netwerk en zonder het metrics-token (403).",
    "headers-te-groot": (
        "De headers van het verzoek zijn samen groter dan toegestaan (431; "
        "`ZVH_MAX_HEADER_BYTES`, standaard 16 KiB)."
    ),
    "interne-fout": "Er ging iets mis in de dienst (500); vermeld de request-id bij een melding.",
    "mediatype-niet-ondersteund": "Het mediatype van het verzoek wordt niet ondersteund (415).",
    "verzoek-te-groot": "Het verzoek is groter dan toegestaan (413).",
    # --- Ongeldige invoer: het probleem als geheel (400) ------------------------------
    "domeinfout": "Het verzoek breekt een regel van het domein.",
    "ongeldige-invoer": "De invoer voldoet niet aan de regels; alle problemen staan in `invalidParams`.",
    # --- Ongeldige invoer: vorm van een veld (400, in invalidParams) ------------------
    "bsn-ongeldig": "Het BSN bestaat niet uit negen cijfers of voldoet niet aan de elfproef.",
    "criteria-ongeldig": "De criteria van de prioriteringslijst voldoen niet aan de regels.",
    "geen-boolean": "Verwacht `true` of `false` (in een query de tekst `true` of `false`).",
    "geen-datum": "Verwacht een bestaande datum als tekst `JJJJ-MM-DD`; een getal is geen datum.",
    "geen-geheel-getal": "Verwacht een geheel getal (een JSON-getal, geen tekst).",
    "geen-lijst": "Verwacht een lijst.",
    "geen-object": "Verwacht een object.",
    "geen-tekst": "Verwacht een tekst.",
    "geen-tijdstip": "Verwacht een tijdstip als tekst met tijdzone (RFC 3339).",
    "geen-uuid": "Verwacht een UUID.",
    "json-ongeldig": "Het verzoek (of een NDJSON-regel) is geen geldige JSON.",
    "onbekend-veld": "Dit veld bestaat niet in dit verzoek.",
    "onbekende-waarde": "De waarde komt niet voor in de toegestane lijst.",
    "ongeldige-vorm": "De tekst heeft niet de voorgeschreven vorm (patroon).",
    "ongeldige-waarde": "De waarde is ongeldig (algemene code voor overige vormfouten).",
    "stuurteken": (
        "De tekst bevat een stuurteken (U+0000–U+001F); alleen tab, CR en LF zijn toegestaan."
    ),
    "te-groot": "De waarde is groter dan toegestaan.",
    "te-klein": "De waarde is kleiner dan toegestaan.",
    "te-kort": "De tekst is korter dan toegestaan.",
    "te-lang": "De tekst is langer dan toegestaan.",
    "te-veel": "De lijst heeft meer elementen dan toegestaan.",
    "te-weinig": "De lijst heeft minder elementen dan nodig.",
    "verplicht": "Dit veld is verplicht.",
    # --- Ongeldige invoer: regels van het domein (400, in invalidParams) ---------------
    "casus-onbekend": "Er is geen casus met dit kenmerk in dit samenwerkingsverband.",
    "einddatum-ongeldig": (
        "Een mandaat eindigt niet in het verleden, niet voor zijn ingangsdatum en niet later dan zijn huidige einddatum."
    ),
    "einddatum-voor-ingangsdatum": "De einddatum ligt voor de ingangsdatum.",
    "herbeoordeling-niet-in-toekomst": "De herbeoordeling van een beperking ligt na vandaag.",
    "hoog-risico-zonder-meldplicht": (
        "Een waarschijnlijk hoog risico maakt het datalek ook meldplichtig (art. 33-34 AVG)."
    ),
    "hoort-bij-art-41": (
        "Deelnemer, grond en herbeoordeling horen alleen bij een uitzondering van art. 41 UAVG."
    ),
    "hoort-bij-beperking": (
        "Grond, onderdelen en herbeoordeling horen alleen bij een beperking (art. 41 UAVG)."
    ),
    "mandaatgever-onbevoegd": (
        "De mandaatgever heeft deze bevoegdheid niet: de intake mandateren de gezamenlijk verwerkingsverantwoordelijken, de taken van het contactpunt het aangewezen contactpunt."
    ),
    "onderdeel-niet-eigen": (
        "Een deelnemer beperkt alleen zijn eigen onderdelen (verstrekking, aanmelding, interventie) in een casus van deze persoon."
    ),
    "rol-past-niet-bij-bevoegdheid": (
        "De rol past niet bij de bevoegdheid van het mandaat: procesregisseur voor de intake, netwerkmanager voor de taken van het contactpunt."
    ),
    "tijdstip-buiten-bereik": "Het tijdstip ligt voor de ontdekking of in de toekomst.",
    "tijdstip-in-toekomst": "Het tijdstip ligt in de toekomst.",
    "uitkomst-strijdig-met-beperking": (
        "Er geldt een beperking (art. 41 UAVG): het verzoek is hooguit deels toe te wijzen."
    ),
    "uitzondering-al-opgeheven": (
        "De uitzondering is opgeheven; de betrokkene wordt alsnog geïnformeerd (art. 14.4 bestuurlijke afspraken)."
    ),
    "verlenging-te-vroeg": "De verlenging wordt eerder besloten dan het besluitvenster voor de "
    "maximale bewaardatum die zij verlengt toelaat (art. 1.16 BGS).",
    "heropening-voor-aanmelddatum": "Een heropening ligt voor de aanmelddatum.",
    "heropening-na-afsluitdatum": "Een heropening ligt na de (laatste) afsluitdatum.",
    "heropening-na-maximum": "Een heropening ligt na de maximale bewaardatum: een casus "
    "voorbij zijn maximum komt niet terug.",
    "heropening-afgewezen-aanmelding": "Een afgewezen aanmelding wordt niet heropend.",
    "aanwijzing-ongeldig": "Deze deelnemer kan deze functie niet vervullen, of een functie "
    "zou onbezet raken (art. 14.1, 15.1 en 16 bestuurlijke afspraken).",
    "deelnemertype-past-niet-bij-categorie": "Het deelnemertype past niet bij de categorie "
    "van de organisatie (art. 2.27 WGS).",
    "reden-ontbreekt": "De coördinerend FG gaf geen reden voor deze raadpleging voor toezicht "
    "(header Reden of queryparameter reden).",
    "reden-lengte": "De opgegeven reden is te kort of te lang.",
    "reden-ongeldig": "De opgegeven reden bevat ongeldige tekens.",
    "reden-dubbel": "De reden is zowel in de header als in de queryparameter opgegeven, "
    "met verschillende waarden.",
    "afgesloten-en-afgewezen": "Een casus is afgesloten of afgewezen, niet allebei.",
    "afsluitdatum-voor-aanmelddatum": "De afsluitdatum ligt voor de aanmelddatum.",
    "afwijzingsdatum-voor-aanmelddatum": "De afwijzingsdatum ligt voor de aanmelddatum.",
    "besluitdatum-voor-aanmelddatum": "Een verlenging kan niet voor de aanmelding worden besloten.",
    "bron-id-dubbel": "Het kenmerk van deze bron komt twee keer voor.",
    "bron-niet-toegestaan": (
        "De bron van een feit is geen overheids- of private deelnemer van het "
        "samenwerkingsverband (art. 2.32 WGS)."
    ),
    "casusoverleg-onbekend": "Er is geen casusoverleg met dit kenmerk in deze casus.",
    "categorie-onbekend": "De categorie bestaat niet voor deze soort feit.",
    "criterium-niet-objectief": (
        "Een criterium van een prioriteringslijst moet objectief zijn; een criterium op een "
        "persoonskenmerk of een onbekende sleutel wordt geweigerd."
    ),
    "datum-buiten-bereik": "De berekende datum valt buiten de ondersteunde kalender.",
    "datum-in-toekomst": "De datum ligt in de toekomst.",
    "datum-in-verleden": "De datum ligt in het verleden.",
    "datum-voor-aanmelddatum": "De datum ligt voor de aanmelddatum van de casus.",
    "datum-voor-toelating": "De datum ligt voor de toelating van de casus.",
    "deelnemer-dubbel": "Deze deelnemer staat er al in.",
    "deelnemer-niet-geselecteerd": "Deze deelnemer is niet voor de casus geselecteerd.",
    "expressie-ongeldig": "De criteria zijn geen geldige expressie (`alle`, `eenVan`, `telling`).",
    "expressie-te-diep": "De criteria zijn dieper genest dan toegestaan.",
    "geen-wijziging": "Het verzoek wijzigt niets; geef ten minste één waarde.",
    "gegevensverzoek-onbekend": "Er is geen gegevensverzoek aan uw organisatie in deze casus.",
    "geheimhoudingsverklaring-ontbreekt": (
        "De incidentele deelnemer heeft nog geen geheimhoudingsverklaring ondertekend."
    ),
    "grondslag-beroepsgeheim-vereist": (
        "Een deelnemer met een beroepsgeheim geeft de grondslag (`toestemming` of "
        "`goed-hulpverlenerschap`, art. 2.29 lid 2 WGS)."
    ),
    "is-vaste-deelnemer": (
        "Een vaste deelnemer wordt geselecteerd, niet als incidentele deelnemer uitgenodigd."
    ),
    "lijstlengte-ongeldig": "De lijst heeft niet het toegestane aantal elementen.",
    "motivering-ontbreekt": "Een motivering is verplicht.",
    "rac-advies-onbekend": (
        "Het advies staat niet in het register van de Rechtmatigheidsadviescommissie van het "
        "samenwerkingsverband."
    ),
    "verstrekking-onbekend": "De gegevensverstrekking bestaat niet (meer) in deze casus.",
    "motivering-zonder-afwijking": (
        "Een gevolgd advies van de Rechtmatigheidsadviescommissie heeft geen afwijkingsmotivering."
    ),
    "motivering-zonder-uitzondering": "Een motivering hoort alleen bij een uitzondering.",
    "niet-toegestaan": "Deze parameter is bij dit verzoek niet toegestaan.",
    "regel-te-lang": "Een NDJSON-regel is langer dan toegestaan.",
    "sleutel-hergebruikt": "Deze Idempotency-Key hoort bij een ander verzoek.",
    "sleutel-ongeldig": "De Idempotency-Key heeft niet 1 tot 200 leesbare tekens.",
    "te-veel-tellingen": "De criteria bevatten meer tellingen dan toegestaan.",
    "uitgevoerd-of-uitzondering": "Geef precies één van `uitgevoerdOp` en `uitzondering`.",
    "verlenging-maanden-buiten-bereik": "Een verlenging is 1 tot en met 24 maanden (art. 1.16 BGS).",
    "verlenging-na-maximum": (
        "Een verlenging wordt uiterlijk op de maximale bewaardatum besloten die zij verlengt."
    ),
    "verlenging-situatie-niet-van-toepassing": (
        "De genoemde situatie van art. 1.16 BGS is op deze casus niet van toepassing."
    ),
    "verlenging-voor-ingang-vorige": (
        "Een volgende verlenging wordt besloten nadat de vorige is ingegaan."
    ),
    "voorwaarden-tegenstrijdig": "De voorwaarden spreken elkaar tegen.",
    "waarde-buiten-bereik": "De waarde valt buiten het toegestane bereik.",
    "waarde-ontbreekt": "Deze waarde mag worden weggelaten, maar niet null zijn.",
    # --- Criteria van art. 2.20 BGS niet voldaan bij toelaten (400, in invalidParams) --
    # One code per reason, `<criterium>.<reden>` (app/domain/criteria.py, Reden).
    **{
        reden.value: f"Toelaten kan niet; criterium {reden.value[0]} (art. 2.20 BGS): {uitleg}"
        for reden, uitleg in REDEN_UITLEG.items()
    },
}
